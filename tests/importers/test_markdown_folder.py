"""Importing a folder of Markdown files with front matter: the way out of Hugo and Jekyll."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.content import service as content
from inkwell.content import site_settings
from inkwell.importers.pipeline import import_markdown
from inkwell.importers.report import ImportFailed, ImportReport
from inkwell.settings import Settings

from .support import all_posts, fixture, post_titled, row_counts

SITE = fixture("markdown")


async def run(session: AsyncSession, settings: Settings, folder: Path = SITE) -> ImportReport:
    return await import_markdown(session, folder, settings=settings)


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A writable copy of the Markdown fixture folder."""
    return Path(shutil.copytree(SITE, tmp_path / "site"))


async def test_every_post_file_is_imported(session: AsyncSession, settings: Settings) -> None:
    report = await run(session, settings)
    assert len(report.created) == 8
    assert len(await all_posts(session)) == 8


async def test_files_that_are_not_posts_are_skipped_with_reasons(
    session: AsyncSession, settings: Settings
) -> None:
    report = await run(session, settings)
    reasons = {skipped.label: skipped.reason for skipped in report.skipped}
    assert reasons == {
        "hugo/content/posts/_index.md": "a Hugo section page (_index.md), not a post",
        "jekyll/README.md": "README.md documents the repository, it is not a post",
        "notes/archived.md": (
            "invalid status: Input should be 'draft', 'scheduled' or 'published'"
        ),
        "notes/bad-yaml.md": "invalid YAML front matter: line 4: found unexpected end of stream",
    }


async def test_markdown_is_trusted_source(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings)
    post = await post_titled(session, "Tuning notes for a cheap focuser")
    assert (post.source_format, post.source_trusted) == ("markdown", True)
    assert '<h2 id="what-helped">' in post.html


async def test_toml_front_matter_is_read(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings)
    post = await post_titled(session, "First light on the new telescope")
    assert post.published_at == datetime(2024, 2, 10, 7, 0, tzinfo=UTC)
    assert post.updated_at == datetime(2024, 2, 12, 18, 30, tzinfo=UTC)


async def test_tags_then_categories_become_tags(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings)
    post = await post_titled(session, "First light on the new telescope")
    assert [tag.name for tag in post.tags] == ["astronomy", "hardware", "observing"]


async def test_hugo_bundle_folder_is_the_slug(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings)
    post = await post_titled(session, "First light on the new telescope")
    assert post.slug == "first-light"


async def test_cover_gives_feature_image_alt_and_caption(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings)
    post = await post_titled(session, "First light on the new telescope")
    assert (post.feature_image, post.feature_image_alt, post.feature_image_caption) == (
        "cover.png",
        "The telescope on its tripod at dusk",
        "Set up in the back garden",
    )


async def test_summary_is_the_custom_excerpt(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings)
    post = await post_titled(session, "First light on the new telescope")
    assert post.custom_excerpt == "Clouds parted for forty minutes, which was enough."


async def test_hugo_aliases_redirect(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings)
    found = await content.find_redirect(session, "/old/first-light/")
    assert found is not None and found.slug == "first-light"


async def test_date_only_values_are_midnight_in_the_site_zone(
    session: AsyncSession, settings: Settings
) -> None:
    await site_settings.update(session, {"timezone": "America/New_York"})
    await run(session, settings)
    post = await post_titled(session, "Tuning notes for a cheap focuser")
    assert post.published_at == datetime(2024, 3, 2, 5, 0, tzinfo=UTC)


async def test_description_and_image_aliases(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings)
    post = await post_titled(session, "Tuning notes for a cheap focuser")
    assert post.custom_excerpt == "A drop of oil and a printed shim."
    assert post.feature_image == "https://images.example.test/focuser.jpg"


async def test_author_string_is_one_author(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings)
    post = await post_titled(session, "Tuning notes for a cheap focuser")
    assert [author.name for author in post.authors] == ["Wen Li"]


async def test_author_mapping_gives_name_and_email(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings)
    post = await post_titled(session, "Welcome aboard")
    assert [(a.name, a.email) for a in post.authors] == [("Ola Brekke", "ola@example.test")]


async def test_authors_list_keeps_its_order(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings)
    post = await post_titled(session, "An address worth keeping")
    assert [author.name for author in post.authors] == ["Ada", "Grace"]


async def test_draft_flag_makes_a_draft(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings)
    assert (await post_titled(session, "Guiding, eventually")).status == "draft"


async def test_jekyll_drafts_folder_makes_a_draft(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings)
    assert (await post_titled(session, "An idea for a tide clock")).status == "draft"


async def test_other_posts_are_published(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings)
    assert (await post_titled(session, "Welcome aboard")).status == "published"


async def test_jekyll_file_name_gives_date_and_slug(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings)
    post = await post_titled(session, "Welcome aboard")
    assert (post.slug, post.published_at) == (
        "welcome-aboard",
        datetime(2023, 11, 5, tzinfo=UTC),
    )


async def test_jekyll_space_separated_tags(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings)
    post = await post_titled(session, "Welcome aboard")
    assert [tag.name for tag in post.tags] == ["sailing", "logbook", "notes"]


async def test_jekyll_highlight_becomes_a_code_block(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings)
    post = await post_titled(session, "Welcome aboard")
    assert "{% highlight" not in post.source
    assert 'class="language-ruby"' in post.html


async def test_title_falls_back_to_the_first_heading(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings)
    post = await post_titled(session, "Reefing before you need to")
    assert post.source.startswith("The rule aboard")


async def test_title_falls_back_to_the_file_name(session: AsyncSession, settings: Settings) -> None:
    await run(session, settings)
    post = await post_titled(session, "No front matter")
    assert post.slug == "no-front-matter"


async def test_old_url_matching_the_pattern_is_kept(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings)
    post = await post_titled(session, "An address worth keeping")
    site = await site_settings.load(session)
    assert content.path_of(post, site) == "/blog/2022/06/old-address/"
    assert post.featured is True


async def test_undated_file_is_reported(session: AsyncSession, settings: Settings) -> None:
    report = await run(session, settings)
    notes = {(note.label, note.message) for note in report.notes}
    assert ("notes/no-front-matter.md", "no date: dated at import time") in notes


async def test_relative_images_without_download_are_pointed_out(
    session: AsyncSession, settings: Settings
) -> None:
    report = await run(session, settings)
    assert report.warnings == [
        "1 post shows images by a path inside the imported folder; run the import again "
        "with --download-images to copy them into the media folder"
    ]


async def test_reimport_updates_and_never_duplicates(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings)
    before = await row_counts(session)
    report = await run(session, settings)
    assert (len(report.created), len(report.updated)) == (0, 8)
    assert await row_counts(session) == before


async def test_moving_a_file_does_not_duplicate_its_post(
    session: AsyncSession, settings: Settings, site_copy: Path
) -> None:
    await run(session, settings, site_copy)
    (site_copy / "notes" / "moved-address.md").rename(site_copy / "jekyll" / "moved-address.md")
    report = await run(session, settings, site_copy)
    assert report.created == []
    assert "jekyll/moved-address.md" in report.updated


async def test_undated_post_keeps_its_date_on_reimport(
    session: AsyncSession, settings: Settings
) -> None:
    await run(session, settings)
    first = (await post_titled(session, "No front matter")).published_at
    await run(session, settings)
    assert (await post_titled(session, "No front matter")).published_at == first


async def test_unreadable_date_skips_the_file(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: A\ndate: next Tuesday\n---\nBody\n")
    (tmp_path / "b.md").write_text("---\ntitle: B\n---\nBody\n")
    report = await run(session, settings, tmp_path)
    assert report.created == ["b.md"]
    assert [(s.label, s.reason) for s in report.skipped] == [
        ("a.md", "date: cannot read 'next Tuesday' as a date")
    ]


async def test_gigantic_title_is_cut(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "long.md").write_text(f"---\ntitle: {'word ' * 80}\n---\nBody\n")
    report = await run(session, settings, tmp_path)
    post = (await all_posts(session))[0]
    assert len(post.title) <= 255 and post.title.endswith("…")
    assert [note.message for note in report.notes] == [
        "title cut to 255 characters",
        "no date: dated at import time",
    ]


async def test_file_that_is_not_utf8_is_skipped(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "latin.md").write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    (tmp_path / "ok.md").write_text("Fine.\n")
    report = await run(session, settings, tmp_path)
    assert [(s.label, s.reason) for s in report.skipped] == [("latin.md", "not UTF-8 text")]


async def test_unclosed_front_matter_skips_the_file(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "open.md").write_text("---\ntitle: Never closed\n\nBody\n")
    (tmp_path / "ok.md").write_text("Fine.\n")
    report = await run(session, settings, tmp_path)
    assert [(s.label, s.reason) for s in report.skipped] == [
        ("open.md", "the YAML front matter is not closed")
    ]


async def test_hidden_and_tooling_folders_are_ignored(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    for folder in (".git", "node_modules", "_site"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.md").write_text("Not a post.\n")
    (tmp_path / "post.md").write_text("A post.\n")
    report = await run(session, settings, tmp_path)
    assert report.created == ["post.md"]


async def test_missing_folder_is_refused(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    with pytest.raises(ImportFailed, match="no such folder"):
        await run(session, settings, tmp_path / "nowhere")


async def test_file_instead_of_folder_is_refused(session: AsyncSession, settings: Settings) -> None:
    with pytest.raises(ImportFailed, match="is a file, not a folder of Markdown files"):
        await run(session, settings, SITE / "notes" / "archived.md")


async def test_folder_without_markdown_is_refused(
    session: AsyncSession, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("Not Markdown.\n")
    with pytest.raises(ImportFailed, match=r"no Markdown files \(\.md, \.markdown\) in"):
        await run(session, settings, tmp_path)
