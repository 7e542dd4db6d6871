"""Password hashing: argon2id, the rules, and the configurable cost."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, Type, extract_parameters, profiles

from inkwell.accounts import passwords


def test_hashes_are_argon2id_at_the_default_cost() -> None:
    passwords.configure(None)
    stored = passwords.hash_password("correct horse")
    parameters = extract_parameters(stored)
    assert parameters.type is Type.ID
    assert parameters.memory_cost == PasswordHasher().memory_cost
    assert passwords.verify_password(stored, "correct horse")


def test_a_hash_made_with_other_parameters_needs_a_rehash() -> None:
    old = PasswordHasher.from_parameters(profiles.PRE_21_2).hash("x" * 10)
    assert passwords.needs_rehash(old)
    assert not passwords.needs_rehash(passwords.hash_password("x" * 10))
    assert passwords.needs_rehash("not a hash")


@pytest.mark.parametrize(
    ("candidate", "message"),
    [("short", "at least 10 characters"), ("x" * 1025, "at most 1024 characters")],
)
def test_new_passwords_follow_the_rules(candidate: str, message: str) -> None:
    with pytest.raises(passwords.WeakPassword, match=message):
        passwords.check_new_password(candidate)


def test_an_enormous_password_is_not_even_hashed_to_check() -> None:
    stored = passwords.hash_password("x" * 10)
    assert not passwords.verify_password(stored, "x" * 100_000)


def test_generated_passwords_are_long_and_different() -> None:
    first, second = passwords.new_password(), passwords.new_password()
    assert first != second and len(first) >= 20
