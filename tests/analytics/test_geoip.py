"""The reader's country from a GeoIP database file, on a real (tiny) MaxMind DB file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from inkwell.analytics.derive import describe
from inkwell.analytics.geoip import GeoIP, GeoIPError
from inkwell.analytics.types import IncomingEvent
from tests.analytics.mmdb import write_mmdb

NETWORKS = {
    "81.2.69.0/24": {"country": {"iso_code": "GB"}, "registered_country": {"iso_code": "IE"}},
    "2.125.160.216/29": {"registered_country": {"iso_code": "fr"}},
    "10.0.0.0/8": {"continent": {"code": "EU"}},
}


@pytest.fixture
def geoip(tmp_path: Path) -> Iterator[GeoIP]:
    database = GeoIP(write_mmdb(tmp_path / "countries.mmdb", NETWORKS))
    yield database
    database.close()


def test_country_of_a_listed_address(geoip: GeoIP) -> None:
    assert geoip.country("81.2.69.160") == "GB"


def test_registered_country_when_no_country(geoip: GeoIP) -> None:
    assert geoip.country("2.125.160.218") == "FR"


def test_unlisted_address_has_no_country(geoip: GeoIP) -> None:
    assert geoip.country("192.0.2.1") == ""


def test_record_without_a_country_has_none(geoip: GeoIP) -> None:
    assert geoip.country("10.1.2.3") == ""


@pytest.mark.parametrize("address", ["not an address", "", "2001:db8::1"])
def test_what_cannot_be_looked_up_has_no_country(geoip: GeoIP, address: str) -> None:
    assert geoip.country(address) == ""


def test_describe_reads_the_country(geoip: GeoIP) -> None:
    event = IncomingEvent(name="pageview", url="https://blog.example/", domain="blog.example")
    derived = describe(
        event,
        user_agent="Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
        site_url="https://blog.example",
        geoip=geoip,
        address="81.2.69.160",
    )
    assert derived.country == "GB"


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GeoIPError, match=r"GeoIP database .*absent\.mmdb does not exist"):
        GeoIP(tmp_path / "absent.mmdb")


def test_file_that_is_no_database_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.mmdb"
    junk.write_bytes(b"this is not a MaxMind database" * 10)
    with pytest.raises(GeoIPError, match=r"GeoIP database .*junk\.mmdb is not a MaxMind database"):
        GeoIP(junk)


def test_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GeoIPError, match=r"GeoIP database .* is not a file"):
        GeoIP(tmp_path)
