"""Password hashing (argon2id), the rules a new password follows, and generated passwords."""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import Parameters, PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
# Hashing is deliberately slow: a megabyte of "password" must not cost a megabyte of work.
MAX_LENGTH = 1024

_hasher = PasswordHasher()  # argon2id, argon2-cffi's default (RFC 9106 low-memory) profile


def configure(parameters: Parameters | None) -> None:
    """Hash with ``parameters`` from now on (None: the default profile).

    For test suites, as argon2-cffi advises (``argon2.profiles.CHEAPEST``): the code path is
    the same, only slow by less. Existing hashes keep verifying, and are rehashed at sign-in.
    """
    global _hasher
    _hasher = PasswordHasher() if parameters is None else PasswordHasher.from_parameters(parameters)
    _dummy_hash.cache_clear()


class WeakPassword(ValueError):
    """A password refused by the rules; the message says which."""


def check_new_password(password: str) -> None:
    """Raise WeakPassword unless ``password`` may be set."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"the password must have at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"the password must have at most {MAX_LENGTH} characters")


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``."""
    if not stored_hash or len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when ``stored_hash`` was made with other parameters than today's."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def waste_a_verification(password: str) -> None:
    """As long as checking a real password: an unknown email must not answer faster."""
    verify_password(_dummy_hash(), password)


def new_password() -> str:
    """A random password strong enough to print once and change later."""
    return secrets.token_urlsafe(15)
