"""Signing in: credentials, disabled accounts, rehashing, and the login rate limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher, profiles
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import service, signin
from inkwell.accounts.models import StaffAccount
from inkwell.core.db import Database
from tests.accounts.conftest import PASSWORD, MakeMember

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


async def attempt(
    database: Database,
    email: str,
    password: str,
    *,
    address: str = "198.51.100.1",
    now: datetime = T0,
) -> service.SignedIn | Exception:
    """One sign-in attempt in its own transaction, committed even when refused (as the page)."""
    async with database.session(write=True) as session:
        try:
            return await signin.sign_in(session, email, password, client_address=address, now=now)
        except (signin.SignInRefused, signin.TooManyAttempts) as exc:
            return exc


async def test_the_right_password_opens_a_session(database: Database, member: MakeMember) -> None:
    dee = await member("editor")
    done = await attempt(database, dee.email, PASSWORD)
    assert isinstance(done, service.SignedIn)
    assert (done.staff.user_id, done.staff.role, done.staff.email) == (
        dee.user_id,
        "editor",
        dee.email,
    )
    assert done.token and done.staff.session_id != done.token


async def test_the_email_is_case_insensitive(database: Database, member: MakeMember) -> None:
    await member(email="Dee@Example.com")
    assert isinstance(await attempt(database, " dee@EXAMPLE.com ", PASSWORD), service.SignedIn)


@pytest.mark.parametrize("case", ["wrong password", "unknown email", "disabled account"])
async def test_refusals_all_say_the_same(
    database: Database, member: MakeMember, session: AsyncSession, case: str
) -> None:
    dee = await member()
    email, password = dee.email, PASSWORD
    if case == "wrong password":
        password = "not the password"
    elif case == "unknown email":
        email = "nobody@example.com"
    else:
        async with database.session(write=True) as s:
            await service.set_disabled(s, None, dee.user_id, disabled=True)
    refused = await attempt(database, email, password)
    assert isinstance(refused, signin.SignInRefused)
    assert str(refused) == "Wrong email or password."


async def test_signing_in_records_the_time(database: Database, member: MakeMember) -> None:
    dee = await member()
    await attempt(database, dee.email, PASSWORD)
    async with database.session() as session:
        account = await session.get(StaffAccount, dee.user_id)
    assert account is not None and account.last_signin_at == T0


async def test_an_old_hash_is_replaced_on_sign_in(database: Database, member: MakeMember) -> None:
    dee = await member()
    # Hashed with other parameters than the ones in force (the fixture's cheapest profile).
    weak = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1).hash(PASSWORD)
    async with database.session(write=True) as session:
        account = await session.get(StaffAccount, dee.user_id)
        assert account is not None
        account.password_hash = weak
    assert isinstance(await attempt(database, dee.email, PASSWORD), service.SignedIn)
    async with database.session() as session:
        account = await session.get(StaffAccount, dee.user_id)
    assert account is not None and account.password_hash != weak
    assert not PasswordHasher.from_parameters(profiles.CHEAPEST).check_needs_rehash(
        account.password_hash
    )
    assert service.verify_password(account.password_hash, PASSWORD)


async def test_five_failures_lock_the_account_even_for_the_right_password(
    database: Database, member: MakeMember
) -> None:
    dee = await member()
    for n in range(signin.ACCOUNT_LIMIT):
        # Each from another address: the account's count alone locks it.
        refused = await attempt(database, dee.email, "wrong!", address=f"198.51.100.{n}")
        assert isinstance(refused, signin.SignInRefused)
    locked = await attempt(database, dee.email, PASSWORD, now=T0 + timedelta(minutes=1))
    assert isinstance(locked, signin.TooManyAttempts)
    assert locked.retry_after_seconds == 14 * 60
    assert str(locked) == "Too many sign-in attempts. Try again in 14 minutes."


async def test_the_lock_lifts_after_the_window(database: Database, member: MakeMember) -> None:
    dee = await member()
    for _ in range(signin.ACCOUNT_LIMIT):
        await attempt(database, dee.email, "wrong!")
    later = T0 + signin.WINDOW + timedelta(seconds=1)
    assert isinstance(await attempt(database, dee.email, PASSWORD, now=later), service.SignedIn)


async def test_twenty_failures_from_one_address_lock_that_address(
    database: Database, member: MakeMember
) -> None:
    dee = await member()
    for n in range(signin.ADDRESS_LIMIT):
        await attempt(database, f"guess{n}@example.com", "wrong!", address="203.0.113.5")
    locked = await attempt(database, dee.email, PASSWORD, address="203.0.113.5")
    assert isinstance(locked, signin.TooManyAttempts)
    elsewhere = await attempt(database, dee.email, PASSWORD, address="203.0.113.6")
    assert isinstance(elsewhere, service.SignedIn)


async def test_success_clears_the_accounts_count_not_the_addresss(
    database: Database, member: MakeMember
) -> None:
    dee = await member()
    for _ in range(signin.ACCOUNT_LIMIT - 1):
        await attempt(database, dee.email, "typo!")
    assert isinstance(await attempt(database, dee.email, PASSWORD), service.SignedIn)
    for _ in range(signin.ACCOUNT_LIMIT - 1):
        assert isinstance(await attempt(database, dee.email, "typo!"), signin.SignInRefused)
    # The address kept its 8 failures: 12 more (on any account) lock it.
    for n in range(signin.ADDRESS_LIMIT - 2 * (signin.ACCOUNT_LIMIT - 1)):
        await attempt(database, f"guess{n}@example.com", "wrong!", address="198.51.100.1")
    locked = await attempt(database, "third@example.com", "x", address="198.51.100.1")
    assert isinstance(locked, signin.TooManyAttempts)


async def test_the_limit_holds_across_two_workers(database: Database, member: MakeMember) -> None:
    dee = await member()
    other_worker = Database(database.url)
    try:
        for n in range(signin.ACCOUNT_LIMIT):
            worker = database if n % 2 else other_worker
            await attempt(worker, dee.email, "wrong!")
        assert isinstance(await attempt(other_worker, dee.email, PASSWORD), signin.TooManyAttempts)
        assert isinstance(await attempt(database, dee.email, PASSWORD), signin.TooManyAttempts)
    finally:
        await other_worker.dispose()
