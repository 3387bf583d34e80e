"""Saving what the wizard or the Settings dialog collected: open (create or join) the
chosen database, copy the logo beside it, set up the officer there and remember the
choice on this PC. Shared by both screens so they cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.common.officer import Officer
from ao_desktop.domain.common.server_address import is_server_location
from ao_desktop.services import setup as setup_services
from ao_desktop.services.setup import BranchProfile, JoinResult
from ao_desktop.ui.context import UiContext
from ao_desktop.ui.local_settings import (
    DatabaseChoice,
    RememberedOfficer,
    save_database_choice,
    save_officer,
)
from ao_desktop.ui.setup.setup_fields import OpenedDatabase, SetupEnvironment


@dataclass(frozen=True)
class SetUpDatabase:
    opened: OpenedDatabase  # still open: the caller uses or closes it
    result: JoinResult
    chose_pin: bool = False  # a new officer of the database chose their PIN just now
    password_kept: bool | None = None  # a server's password: in the credential store or not

    @property
    def context(self) -> UiContext:
        context = signed_in(self.opened.context, self.result.officer)
        if self.signed_in_here:
            context.uow.act_as(context.officer_id)  # their id on every audit entry from now on
        return context

    @property
    def signed_in_here(self) -> bool:
        """The officer just chose their PIN here (a new officer of the database), so the
        start needs no sign-in screen; an officer the database already knew signs in."""
        return self.chose_pin and not self.result.joined_existing


def signed_in(context: UiContext, officer: Officer) -> UiContext:
    """The context as `officer` sees it: their name on every change, their role's rights."""
    return replace(context, actor=officer.name, officer_id=officer.id, role=officer.role)


def with_installed_logo(profile: BranchProfile, folder: Path) -> BranchProfile:
    """The profile with its logo copied into `folder` (kept as is when already there)."""
    if not profile.logo_path:
        return profile
    source = Path(profile.logo_path)
    if source.parent.resolve() == folder.resolve():
        return profile
    return replace(profile, logo_path=str(setup_services.install_logo(source, folder)))


def logo_folder(env: SetupEnvironment, location: Path | str) -> Path:
    """Where the logo is copied: beside a database file (so colleagues sharing the folder
    print it too); for a server, this PC's data folder."""
    if is_server_location(location):
        return env.default_database_path.parent
    return Path(location).parent


def set_up_database(
    env: SetupEnvironment, path: Path | str, shared: bool, profile: BranchProfile, name: str,
    phone: str, pin: str | None = None, password: str = "",
) -> SetUpDatabase:
    """Open the database at `path` (a file, or a server location with its typed
    `password`), join it as this officer and remember it on this PC. A new officer gets
    `pin` (the wizard asks it; None: they choose one at their next start); an officer the
    database knows keeps theirs. A server's password goes to the credential store once
    the server accepted it, never into the location kept here.

    Raises DomainError (its message is for the user) with nothing remembered locally.
    """
    from ao_desktop.domain.access.pin import pin_issues

    # Check every field before a file is created, so a typo never leaves an empty database.
    if issues := setup_services.profile_issues(profile) + setup_services.officer_issues(
        name, phone
    ) + (pin_issues(pin) if pin is not None else []):
        raise ValidationFailed(issues)
    on_server = is_server_location(path) and env.server is not None
    if on_server and password:
        assert env.server is not None
        env.server.use_password(str(path), password)  # this run's connections, in memory
    opened = env.open_database(path, shared)
    try:
        profile = with_installed_logo(profile, logo_folder(env, path))
        result = setup_services.join_database(opened.context.uow, profile, name, phone, pin)
    except BaseException:
        opened.close()
        raise
    kept = None
    if on_server and password:
        assert env.server is not None
        kept = env.server.keep_password(str(path), password)
    save_database_choice(DatabaseChoice(path, opened.context.shared))
    officer = result.officer
    save_officer(RememberedOfficer(officer.id, officer.name, officer.phone))
    return SetUpDatabase(opened, result, chose_pin=pin is not None, password_kept=kept)
