"""The reader's country, from a GeoIP database file the owner installs (none is shipped).

Any MaxMind-format database with a ``country`` record works (GeoLite2 Country or City, DB-IP
Lite). The address is looked up and forgotten: only the two-letter ISO code is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import maxminddb


class GeoIPError(Exception):
    """The configured database file cannot be used (the message names the file and why)."""


class GeoIP:
    """An open GeoIP database: ``country(address)`` gives an ISO 3166 code or ``""``."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise GeoIPError(f"GeoIP database {path} does not exist")
        if not path.is_file():
            raise GeoIPError(f"GeoIP database {path} is not a file")
        try:
            self._reader = maxminddb.open_database(str(path))
        except (OSError, ValueError) as error:  # InvalidDatabaseError is a RuntimeError
            raise GeoIPError(f"GeoIP database {path} cannot be read: {error}") from None
        except maxminddb.InvalidDatabaseError as error:
            raise GeoIPError(f"GeoIP database {path} is not a MaxMind database: {error}") from None
        self.path = path

    def country(self, address: str) -> str:
        """The country an address is in, or ``""`` when unknown or not an address."""
        try:
            record = self._reader.get(address)
        except ValueError:  # not an IP address, or IPv6 in an IPv4-only database
            return ""
        return _iso_code(record)

    def close(self) -> None:
        """Release the file (the reader maps it into memory)."""
        self._reader.close()


def _iso_code(record: Any) -> str:
    if not isinstance(record, dict):
        return ""
    for key in ("country", "registered_country"):
        place = record.get(key)
        code = place.get("iso_code") if isinstance(place, dict) else None
        if isinstance(code, str) and len(code) == 2:
            return code.upper()
    return ""
