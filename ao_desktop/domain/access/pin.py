"""Officers' PINs: checked for length, stored only as a salted scrypt hash.

scrypt (the standard library's hashlib.scrypt) is slow and memory-hard on purpose: with
n=2**15, r=8 one check costs about 0.1 s and 32 MiB on a branch PC, so a copied database
file cannot be tried against millions of PINs. The parameters are stored in each hash,
so a later retuning leaves the existing PINs valid.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from ao_desktop.domain.common.errors import FieldIssue
from ao_desktop.domain.common.i18n import _

# Every officer of the demo database has this PIN; its sign-in screen and the README say so.
DEMO_PIN = "123456"
MIN_LENGTH = 6
MAX_LENGTH = 64  # scrypt takes any length; a limit keeps a pasted novel out of it
SCHEME = "scrypt"
N, R, P = 2**15, 8, 1  # ~0.09 s per check on the 2-core test machine
_DKLEN = 32
_MAXMEM = 64 * 1024 * 1024


def pin_issues(pin: str) -> list[FieldIssue]:
    """What is wrong with a new PIN, in words for the officer (empty when it is fine)."""
    if not pin:
        return [FieldIssue("pin", _("PIN wajib diisi."))]
    if pin != pin.strip():
        return [FieldIssue("pin", _("PIN tidak boleh diawali atau diakhiri spasi."))]
    if len(pin) < MIN_LENGTH:
        return [FieldIssue("pin", _("PIN minimal {n} karakter.").format(n=MIN_LENGTH))]
    if len(pin) > MAX_LENGTH:
        return [FieldIssue("pin", _("PIN paling banyak {n} karakter.").format(n=MAX_LENGTH))]
    if len(set(pin)) == 1:
        return [FieldIssue("pin", _("PIN tidak boleh satu karakter yang diulang."))]
    return []


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=_DKLEN)


_cost_n = N  # what new hashes use; only use_test_cost changes it


def use_test_cost(n: int = 2**10) -> None:
    """TEST HOOK, called only by tests/conftest.py: new hashes use a cheap scrypt cost so
    the suite's many sign-ins stay fast. The cost is stored in each hash, so checking is
    the same code either way; production never calls this, and 2**10 is also the lowest
    cost verify_pin accepts."""
    global _cost_n
    _cost_n = n


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$salt-hex$hash-hex`: everything needed to check the PIN again."""
    salt = salt if salt is not None else os.urandom(16)
    digest = _derive(pin, salt, _cost_n, R, P)
    return f"{SCHEME}${_cost_n}${R}${P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when the PIN matches; False for a wrong PIN and for a damaged or foreign hash
    (never an exception: a tampered row must not open the app or crash it)."""
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != SCHEME:
            return False
        n_, r_, p_ = int(n), int(r), int(p)
        # Bounds keep a tampered row from asking for gigabytes or hours.
        if not (2**10 <= n_ <= 2**20 and n_ & (n_ - 1) == 0 and 1 <= r_ <= 32 and 1 <= p_ <= 4):
            return False
        expected = bytes.fromhex(digest_hex)
        actual = _derive(pin, bytes.fromhex(salt_hex), n_, r_, p_)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)
