"""Why a sign-in was refused, in one sentence for the officer, with a machine-readable
reason the GUI uses to choose what to offer next (a PIN to choose, a wait)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ao_desktop.domain.common.errors import DomainError
from ao_desktop.domain.common.officer import OfficerRole


class Refusal(StrEnum):
    UNKNOWN = "unknown"  # no such officer, or deactivated
    EMPTY = "empty"
    NO_PIN = "no_pin"  # a database from before sign-in: the officer chooses one first
    LOCKED = "locked"
    WRONG = "wrong"
    TAMPERED = "tampered"  # the role in the row is not the one the audit gave them


class SignInRefused(DomainError):
    def __init__(self, message: str, reason: Refusal, tries_left: int | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.tries_left = tries_left


@dataclass(frozen=True)
class SignInChoice:
    """An officer as the sign-in screen lists them."""

    id: int
    name: str
    role: OfficerRole
    has_pin: bool
