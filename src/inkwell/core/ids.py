"""Identifiers shaped like Ghost's: 24 lowercase hex characters (a MongoDB ObjectId layout)."""

from __future__ import annotations

import os
import re
import time
import uuid

_OBJECT_ID = re.compile(r"^[0-9a-f]{24}$")


def new_id() -> str:
    """A new 24-hex id: 4 bytes of seconds since the epoch, then 8 random bytes.

    The time prefix keeps ids roughly ordered by creation, as Ghost's are.
    """
    return f"{int(time.time()):08x}{os.urandom(8).hex()}"


def is_object_id(value: str) -> bool:
    """True when ``value`` looks like a Ghost id and may be kept as ours."""
    return bool(_OBJECT_ID.match(value))


def new_uuid() -> str:
    """A random UUID string, as Ghost gives every post."""
    return str(uuid.uuid4())
