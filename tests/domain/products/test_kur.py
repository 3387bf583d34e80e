"""Tests for KUR rate rules: rates by number of uses and segments by amount."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ao_desktop.domain.common.errors import ValidationFailed
from ao_desktop.domain.products.kur import (
    KUR_SEGMENTS,
    KurSegment,
    TieredRateRule,
    kur_rate,
    kur_segment_for,
)

LADDER = TieredRateRule((Decimal(6), Decimal(7), Decimal(8), Decimal(9)))


@pytest.mark.parametrize(
    ("previous_uses", "rate"), [(0, 6), (1, 7), (2, 8), (3, 9), (4, 9), (50, 9)]
)
def test_rate_rises_with_each_use_and_stays_at_the_last(previous_uses: int, rate: int) -> None:
    assert LADDER.rate_for_use(previous_uses) == Decimal(rate)


def test_single_rate_rule_applies_to_every_use() -> None:
    rule = TieredRateRule((Decimal(3),))
    assert {rule.rate_for_use(k) for k in range(10)} == {Decimal(3)}


@pytest.mark.parametrize(
    ("amount", "segment"),
    [
        (1, "super_mikro"),
        (10_000_000, "super_mikro"),
        (10_000_001, "mikro"),
        (100_000_000, "mikro"),
        (100_000_001, "kecil"),
        (500_000_000, "kecil"),
    ],
)
def test_segment_boundaries(amount: int, segment: str) -> None:
    assert kur_segment_for(amount) == segment
    assert [s.code for s in KUR_SEGMENTS if s.contains(amount)] == [segment]


@pytest.mark.parametrize(
    ("amount", "previous_uses", "rate"),
    [
        (5_000_000, 0, 3),
        (5_000_000, 3, 3),
        (50_000_000, 0, 6),
        (50_000_000, 1, 7),
        (300_000_000, 2, 8),
        (300_000_000, 7, 9),
    ],
)
def test_kur_rate_defaults_2023(amount: int, previous_uses: int, rate: int) -> None:
    assert kur_rate(amount, previous_uses) == Decimal(rate)


@pytest.mark.parametrize("amount", [0, -1, 500_000_001])
def test_amount_outside_kur_is_refused(amount: int) -> None:
    with pytest.raises(ValidationFailed) as info:
        kur_segment_for(amount)
    assert info.value.issues[0].field == "amount"


def test_above_the_ceiling_names_the_ceiling() -> None:
    with pytest.raises(ValidationFailed) as info:
        kur_segment_for(600_000_000)
    assert "Rp500.000.000" in info.value.issues[0].message


def test_rules_come_from_the_segments_passed_in() -> None:
    custom = (KurSegment("mikro", "KUR Mikro", 0, 50_000_000, TieredRateRule((Decimal("5.5"),))),)
    assert kur_rate(40_000_000, 0, custom) == Decimal("5.5")
    with pytest.raises(ValidationFailed):
        kur_segment_for(60_000_000, custom)


@pytest.mark.parametrize(
    "build",
    [
        lambda: TieredRateRule(()),
        lambda: TieredRateRule((Decimal(6), Decimal(-1))),
        lambda: TieredRateRule((Decimal(101),)),
    ],
)
def test_invalid_rules_are_refused(build) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed):
        build()


def test_negative_previous_uses_is_refused() -> None:
    with pytest.raises(ValidationFailed) as info:
        LADDER.rate_for_use(-1)
    assert info.value.issues[0].field == "previous_uses"


@given(st.integers(1, 500_000_000))
def test_default_segments_cover_every_kur_amount_exactly_once(amount: int) -> None:
    holders = [s.code for s in KUR_SEGMENTS if s.contains(amount)]
    assert len(holders) == 1
    assert kur_segment_for(amount) == holders[0]
