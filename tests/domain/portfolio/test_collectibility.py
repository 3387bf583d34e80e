"""Collectibility at every boundary of both presets, NPL, and the stored policy."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ao_desktop.domain.portfolio.collectibility import (
    BPR,
    OJK_COMMERCIAL,
    CollectibilityPolicy,
    PolicyPreset,
    collectibility,
    npl_ratio,
    parse_policy,
    policy_issues,
    policy_text,
)
from ao_desktop.domain.portfolio.summary import Totals

OJK_CASES = [(0, 1), (1, 2), (89, 2), (90, 2), (91, 3), (119, 3), (120, 3), (121, 4), (179, 4),
             (180, 4), (181, 5), (365, 5), (5000, 5)]
BPR_CASES = [(0, 1), (30, 1), (31, 2), (90, 2), (91, 3), (180, 3), (181, 4), (360, 4), (361, 5),
             (1000, 5)]


@pytest.mark.parametrize(("dpd", "kol"), OJK_CASES)
def test_ojk_commercial_bank_rule_at_every_boundary(dpd: int, kol: int) -> None:
    assert collectibility(dpd, OJK_COMMERCIAL) == kol
    assert collectibility(dpd) == kol  # the default


@pytest.mark.parametrize(("dpd", "kol"), BPR_CASES)
def test_bpr_preset_at_every_boundary(dpd: int, kol: int) -> None:
    assert collectibility(dpd, BPR) == kol


def test_ranges_describe_the_policy() -> None:
    assert OJK_COMMERCIAL.ranges() == [(1, 0, 0), (2, 1, 90), (3, 91, 120), (4, 121, 180), (5, 181, None)]


@pytest.mark.parametrize(("npl", "total", "pct"), [
    (0, 0, "0.00"), (0, 1_000_000, "0.00"), (235, 10_000, "2.35"), (1, 3, "33.33"),
    (2, 3, "66.67"), (5, 5, "100.00"), (1, 200_000, "0.00"), (1, 199_999, "0.00"), (1, 100_000, "0.00"),
    (1, 19_999, "0.01")])
def test_npl_ratio_is_percent_with_two_decimals_half_up(npl: int, total: int, pct: str) -> None:
    assert f"{npl_ratio(npl, total):.2f}" == pct


def test_npl_counts_kol_3_to_5_only() -> None:
    t = Totals.of({1: (90, 900_000_000), 2: (5, 50_000_000), 3: (2, 20_000_000), 4: (1, 10_000_000),
                   5: (2, 20_000_000)})
    assert t.accounts == 100 and t.outstanding == 1_000_000_000
    assert t.npl_outstanding == 50_000_000
    assert t.npl_ratio == Decimal("5.00")


def test_policy_round_trips_and_a_damaged_one_falls_back_to_ojk() -> None:
    custom = CollectibilityPolicy(PolicyPreset.CUSTOM, (7, 60, 120, 240))
    assert parse_policy(policy_text(custom)) == custom
    assert parse_policy(policy_text(BPR)) == BPR
    for text in ("", "nonsense", "bpr:1,2", "bpr:5,4,3,2", "x:0,90,120,180"):
        assert parse_policy(text) == OJK_COMMERCIAL


def test_policy_bounds_must_rise() -> None:
    assert policy_issues((0, 90, 120, 180)) == []
    assert policy_issues((0, 90, 90, 180))
    assert policy_issues((0, 90, 120))
    assert policy_issues((-1, 90, 120, 180))
