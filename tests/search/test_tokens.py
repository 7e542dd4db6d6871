"""The shared tokeniser: the index and the query must cut text the same way."""

from __future__ import annotations

import pytest

from inkwell.search.tokens import fold, index_text, language_of, words


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("PRAGMA journal_mode=WAL", ["pragma", "journal", "mode", "wal"]),
        ("sqlite3.connect", ["sqlite3", "connect"]),
        ("arr[::-1]", ["arr", "1"]),
        ('os.environ["HOME"]', ["os", "environ", "home"]),
        ("--dry-run", ["dry", "run"]),
        ("KeyError: 'id'", ["keyerror", "id"]),
    ],
)
def test_identifiers_split_on_punctuation(text: str, tokens: list[str]) -> None:
    assert words(text) == tokens


def test_accents_on_latin_letters_are_folded() -> None:
    assert words("Café CRÈME Ñandú Việt") == ["cafe", "creme", "nandu", "viet"]


def test_sharp_s_folds_to_ss() -> None:
    assert words("Straße") == ["strasse"]


def test_cyrillic_marks_that_tell_words_apart_stay() -> None:
    assert fold("й") != fold("и")


def test_marks_inside_non_latin_words_do_not_split_them() -> None:
    assert words("हिन्दी भाषा") == ["हिन्दी", "भाषा"]


def test_fullwidth_letters_become_ascii() -> None:
    assert words("ＳＱＬ") == ["sql"]


def test_index_text_joins_tokens_with_single_spaces() -> None:
    assert index_text("  Hello,\tWörld!\n") == "hello world"


def test_only_punctuation_has_no_tokens() -> None:
    assert words("!@#$%^&*()") == []


@pytest.mark.parametrize(("locale", "language"), [("en-GB", "en"), ("pt_BR", "pt"), (" DE ", "de")])
def test_language_of_a_locale(locale: str, language: str) -> None:
    assert language_of(locale) == language
