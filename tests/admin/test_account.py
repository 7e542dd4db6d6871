"""The own account: password change and signing out elsewhere."""

from __future__ import annotations

from tests.admin.conftest import PASSWORD, SignIn, Staffer


async def test_a_wrong_current_password_is_named(owner: Staffer) -> None:
    answer = await owner.post(
        "/admin/account/password",
        {
            "current_password": "nope",
            "new_password": "a much longer one",
            "confirm_password": "a much longer one",
        },
    )
    assert answer.status_code == 422
    assert '<p class="field-error" id="current_password-error">' in answer.text


async def test_differing_new_passwords_are_refused(owner: Staffer) -> None:
    answer = await owner.post(
        "/admin/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "one long password",
            "confirm_password": "another",
        },
    )
    assert answer.status_code == 422
    assert 'id="confirm_password-error"' in answer.text


async def test_the_password_is_changed(owner: Staffer) -> None:
    answer = await owner.post(
        "/admin/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "a brand new secret",
            "confirm_password": "a brand new secret",
        },
    )
    assert answer.headers["location"] == "/admin/account/?done=password"


async def test_signing_out_everywhere_ends_the_other_sessions(sign_in: SignIn) -> None:
    first = await sign_in("author")
    other = await sign_in(again=first)
    await first.post("/admin/account/signout-everywhere")
    assert (await other.get("/admin/", headers={"accept": "text/html"})).status_code == 303
    assert (await first.get("/admin/")).status_code == 200
