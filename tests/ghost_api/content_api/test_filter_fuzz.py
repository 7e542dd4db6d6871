"""Whatever a client puts in ``filter``, the Content API answers 200 or a 400 naming the
filter: never a 500 (hypothesis drives real requests on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from httpx import AsyncClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_FIELDS = st.sampled_from(
    [
        "tag",
        "tags",
        "primary_tag",
        "author",
        "authors.slug",
        "primary_author",
        "featured",
        "slug",
        "id",
        "visibility",
        "published_at",
        "reading_time",
        "title",
        "unknown",
        "tags.name",
    ]
)
_VALUES = st.one_of(
    st.sampled_from(["null", "true", "false", "now-30d", "'2024-01-01'", "5", "1.5", "'x y'"]),
    st.from_regex(r"[a-z0-9\-]{1,12}", fullmatch=True),
)
_OPS = st.sampled_from(["", "-", ">", ">=", "<", "<=", "~", "-~", "~^", "~$"])


@st.composite
def _conditions(draw: st.DrawFn) -> str:
    field, op = draw(_FIELDS), draw(_OPS)
    if draw(st.booleans()):
        values = draw(st.lists(_VALUES, min_size=1, max_size=3))
        joiner = draw(st.sampled_from([",", "+"]))
        return f"{field}:{'-' if op == '-' else ''}[{joiner.join(values)}]"
    return f"{field}:{op}{draw(_VALUES)}"


_FILTERS = st.recursive(
    _conditions(),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", ","]), inner).map("".join),
        inner.map(lambda text: f"({text})"),
    ),
    max_leaves=6,
)


@pytest.mark.usefixtures("demo_site")
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(_FILTERS, st.text(max_size=60)))
async def test_no_filter_is_a_server_error(api: AsyncClient, text: str) -> None:
    for path in ("posts", "pages", "tags", "authors"):
        response = await api.get(f"/ghost/api/content/{path}/", params={"filter": text})
        assert response.status_code in (200, 400), (text, response.text)
        if response.status_code == 400:
            error = response.json()["errors"][0]
            assert error["type"] == "BadRequestError"
            assert error["property"] == "filter"
