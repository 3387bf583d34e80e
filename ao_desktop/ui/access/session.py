"""The signed-in session of the GUI: the sign-in before the main window gets its views,
and the idle lock while it runs (app.py calls these; tests call them too)."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.services.access.security_settings import read_security_settings
from ao_desktop.ui.access.lock_screen import QUIT, IdleLock, LockScreen
from ao_desktop.ui.access.sign_in_dialog import SignInDialog
from ao_desktop.ui.context import UiContext

PROBE_ENV = "AO_DESKTOP_STARTUP_PROBE"
PIN_ENV = "AO_DESKTOP_PIN"


def sign_in_window(context: UiContext, parent: QWidget | None = None) -> UiContext | None:
    """Ask who is working; None when they chose to leave."""
    if os.environ.get(PROBE_ENV) and os.environ.get(PIN_ENV):
        # The start-up benchmark and the frozen bundle's check (installer/build_linux.sh)
        # sign in with the batch PIN as the command line does: the preselected officer,
        # else the first admin.
        from ao_desktop.domain.common.officer import OfficerRole
        from ao_desktop.services.access.sign_in import sign_in, sign_in_choices

        officer_id = context.officer_id
        if officer_id is None:
            admins = sorted(c.id for c in sign_in_choices(context.uow) if c.role is OfficerRole.ADMIN)
            officer_id = admins[0] if admins else None
        if officer_id is None:
            print("sign-in refused: no officer to sign in as", file=sys.stderr, flush=True)
            return None
        try:
            return context.signed_in_as(sign_in(context.uow, officer_id, os.environ[PIN_ENV]))
        except DomainError as exc:  # never a modal box: nobody is there to close it
            print(f"sign-in refused: {exc}", file=sys.stderr, flush=True)
            return None
    dialog = SignInDialog(context.uow, preselect=context.officer_id, demo=context.demo,
                          title_detail=context.database_label, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        return None
    return context.signed_in_as(dialog.actor)


def start_idle_lock(window: QWidget, context: UiContext) -> IdleLock:
    """Lock after the database's idle minutes; the lock screen's "Keluar" quits."""
    minutes = read_security_settings(context.uow).lock_minutes

    def lock() -> None:
        from ao_desktop.domain.common.officer import Actor

        screen = LockScreen(context.uow, Actor(context.actor, context.role, context.officer_id), window)
        if screen.exec() == QUIT:
            QApplication.instance().exit(0)  # type: ignore[union-attr]

    return IdleLock(minutes, lock, window)
