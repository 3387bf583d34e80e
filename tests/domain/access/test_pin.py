"""PINs: the rules for a new one, the salted scrypt hash, and tampered hashes."""

from __future__ import annotations

import pytest

from ao_desktop.domain.access.pin import N, hash_pin, pin_issues, verify_pin


@pytest.mark.parametrize(
    ("pin", "fragment"),
    [("", "wajib"), ("12345", "minimal 6"), (" 123456", "spasi"), ("111111", "diulang"),
     ("x" * 65 + "y", "paling banyak")],
)
def test_a_weak_pin_is_refused_with_the_reason(pin: str, fragment: str) -> None:
    issues = pin_issues(pin)
    assert len(issues) == 1 and fragment in issues[0].message and issues[0].field == "pin"


@pytest.mark.parametrize("pin", ["123456", "rahasia-Bu-Siti", "1234567890ab"])
def test_a_good_pin_passes(pin: str) -> None:
    assert pin_issues(pin) == []


def test_the_hash_is_salted_carries_its_parameters_and_checks(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ao_desktop.domain.access import pin

    monkeypatch.setattr(pin, "_cost_n", N)  # the production cost, not the suite's test hook
    first, second = hash_pin("123456"), hash_pin("123456")
    assert first != second  # a fresh salt each time
    assert first.startswith(f"scrypt${N}$8$1$") and "123456" not in first
    assert verify_pin("123456", first) and verify_pin("123456", second)
    assert not verify_pin("123457", first) and not verify_pin("", first)


def test_older_parameters_still_verify() -> None:
    # A PIN set before a retuning keeps working: the parameters come from the hash.
    import hashlib

    salt = bytes(16)
    digest = hashlib.scrypt(b"654321", salt=salt, n=2**14, r=8, p=1, dklen=32)
    assert verify_pin("654321", f"scrypt${2**14}$8$1${salt.hex()}${digest.hex()}")


@pytest.mark.parametrize(
    "stored",
    ["", "plain-123456", "123456", "md5$x$y$z$00$00", "scrypt$abc$8$1$00$00",
     f"scrypt${2**30}$8$1${'00' * 16}${'00' * 32}",  # would ask for gigabytes
     f"scrypt$1000$8$1${'00' * 16}${'00' * 32}",  # not a power of two
     "scrypt$32768$8$1$zz$zz"],
)
def test_a_damaged_or_tampered_hash_never_opens_and_never_raises(stored: str) -> None:
    assert verify_pin("123456", stored) is False
