"""Commands about staff accounts: ``inkwell user create``."""

from __future__ import annotations

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from inkwell.accounts import service
from inkwell.core.cli import fail, run_in_session
from inkwell.settings import settings_or_exit

user_app = typer.Typer(help="Manage staff users.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the ``user`` group to the root command."""
    app.add_typer(user_app, name="user")


@user_app.command("create")
def create_user(
    email: str = typer.Option(..., help="Email address, used to sign in."),
    name: str = typer.Option(..., help="Display name, shown as the author."),
    role: str = typer.Option("author", help=f"One of: {', '.join(service.ROLES)}."),
    password: str = typer.Option(
        None, help="At least 10 characters; prompted for (hidden) when omitted."
    ),
) -> None:
    """Create a staff user who can sign in and write."""
    settings = settings_or_exit()
    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)

    async def work(session: AsyncSession) -> str:
        try:
            user = await service.create_user(
                session, name=name, email=email, password=password, role=role
            )
        except service.UserInputError as exc:
            fail(str(exc), code=2)
        return user.slug

    slug = run_in_session(settings, work)
    typer.echo(f"Created {role} {name} <{email}> (author page /author/{slug}/).")
