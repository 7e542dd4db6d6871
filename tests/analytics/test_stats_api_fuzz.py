"""Whatever a client puts in the Stats API's parameters, it answers 200 or a 400 saying what is
wrong: never a 500 (Hypothesis drives real requests on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from tests.analytics.stats_fixtures import StatsApi, settings, site_database, stats_api, stats_key

__all__ = ["settings", "site_database", "stats_api", "stats_key"]
_PROPERTIES = ["event:page", "event:name", "visit:source", "visit:utm_source", "visit:country"]
_PROPERTIES += ["visit:entry_page", "visit:device", "visit:city", "event:props:x", "nope", ""]
_METRICS = ["visitors", "pageviews", "bounce_rate", "visit_duration", "views_per_visit"]
_METRICS += ["visits", "events", "time_on_page", "", "x"]
_DATES = st.one_of(
    st.dates().map(str),
    st.sampled_from(["2024-03-04", "2024-03-01,2024-03-05", "0001-01-01", "9999-12-31"]),
    st.tuples(st.dates(), st.dates()).map(lambda pair: f"{pair[0]},{pair[1]}"),
    st.text(max_size=25),
)
_VALUES = st.one_of(
    st.sampled_from(["Google", "/blog/**", "/*", "Direct / None", "US", "a|b", r"a\|b", "**"]),
    st.text(max_size=15),
)


@st.composite
def _filters(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        prop = draw(st.sampled_from(_PROPERTIES))
        op = draw(st.sampled_from(["==", "!=", "=", ""]))
        parts.append(f"{prop}{op}{draw(_VALUES)}")
    return draw(st.sampled_from([";", "; "])).join(parts)


_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "period": st.one_of(
            st.sampled_from(["day", "7d", "30d", "month", "6mo", "12mo", "custom"]),
            st.text(max_size=8),
        ),
        "date": _DATES,
        "metrics": st.one_of(
            st.lists(
                st.sampled_from(_METRICS),
                min_size=1,
                max_size=4,
            ).map(",".join),
            st.text(max_size=20),
        ),
        "filters": st.one_of(_filters(), st.text(max_size=40)),
        "property": st.one_of(st.sampled_from(_PROPERTIES), st.text(max_size=12)),
        "interval": st.one_of(
            st.sampled_from(["date", "day", "week", "month", "hour"]), st.text(max_size=6)
        ),
        "limit": st.one_of(st.integers(-5, 2000).map(str), st.text(max_size=6)),
        "page": st.one_of(st.integers(-5, 99).map(str), st.text(max_size=6)),
        "compare": st.sampled_from(["previous_period", "yes", ""]),
    },
)


@pytest.mark.parametrize("endpoint", ["realtime/visitors", "aggregate", "timeseries", "breakdown"])
@examples(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=_PARAMS)
async def test_no_parameter_is_a_server_error(
    stats_api: StatsApi, endpoint: str, params: dict[str, str]
) -> None:
    response = await stats_api.get(endpoint, **params)
    assert response.status_code in (200, 400), (params, response.text)
    if response.status_code == 400:
        body = response.json()
        assert list(body) == ["error"] and body["error"], body
