"""Shared input widgets: Rupiah amounts, optional dates, enum combos."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ao_desktop.domain.clients.enums import Sex
from ao_desktop.domain.clients.labels import sex_label
from ao_desktop.ui.widgets.date_edit import OptionalDateEdit
from ao_desktop.ui.widgets.enum_combo import EnumComboBox
from ao_desktop.ui.widgets.rupiah_edit import RupiahEdit, group_thousands


@pytest.mark.parametrize(
    ("digits", "text"),
    [("", ""), ("0", "0"), ("5", "5"), ("1000", "1.000"), ("0005", "5"), ("4000000", "4.000.000")],
)
def test_group_thousands(digits: str, text: str) -> None:
    assert group_thousands(digits) == text


@pytest.mark.parametrize(
    ("typed", "value", "text"),
    [
        ("6000000", 6_000_000, "6.000.000"),
        ("6.000.000", 6_000_000, "6.000.000"),
        ("Rp 1,500,000", 1_500_000, "1.500.000"),
        ("5jt", 5_000_000, "5.000.000"),
        ("5 jt", 5_000_000, "5.000.000"),
        ("50 juta", 50_000_000, "50.000.000"),
        ("1,5 juta", 1_500_000, "1.500.000"),
        ("1.5jt", 1_500_000, "1.500.000"),
        ("750rb", 750_000, "750.000"),
    ],
)
def test_rupiah_edit_accepts_what_people_type(qtbot, typed: str, value: int, text: str) -> None:  # noqa: ANN001
    edit = RupiahEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, typed)
    assert edit.value() == value and edit.issue() is None
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # leaving the field shows the amount in full
    assert (edit.value(), edit.text()) == (value, text)


@pytest.mark.parametrize("typed", ["abc", "5 kilo", "2M", "6,000"])
def test_rupiah_edit_keeps_unreadable_text_and_says_why(qtbot, typed: str) -> None:  # noqa: ANN001
    edit = RupiahEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    issue = edit.issue("monthly_obligations")
    assert edit.text() == typed and edit.value() == 0
    assert issue is not None and issue.is_error and issue.field == "monthly_obligations"
    assert issue.message.startswith(("Nominal", "Satuan"))


def test_rupiah_edit_keeps_the_cursor_after_the_same_digit(qtbot) -> None:  # noqa: ANN001
    edit = RupiahEdit()
    qtbot.addWidget(edit)
    edit.set_value(1_500_000)
    edit.setCursorPosition(1)  # after the "1"
    qtbot.keyClicks(edit, "2")
    assert edit.text() == "12.500.000"
    assert edit.cursorPosition() == 2


def test_date_edit_starts_empty_and_takes_typed_digits(qtbot) -> None:  # noqa: ANN001
    edit = OptionalDateEdit()
    qtbot.addWidget(edit)
    assert edit.value() is None and edit.text() == "hh/bb/tttt"
    qtbot.keyClicks(edit, "12031985")
    assert edit.value() == date(1985, 3, 12)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert edit.value() is None


def test_date_edit_moves_on_at_a_separator(qtbot) -> None:  # noqa: ANN001
    edit = OptionalDateEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "5/3/1985")
    assert edit.value() == date(1985, 3, 5)
    assert edit.text() == "05/03/1985"


def test_enum_combo_returns_members_not_strings(qtbot) -> None:  # noqa: ANN001
    combo = EnumComboBox(Sex, sex_label, "—")
    qtbot.addWidget(combo)
    assert combo.value() is None
    combo.set_value(Sex.FEMALE)
    assert combo.value() is Sex.FEMALE  # PySide would hand back the str "P" from item data
    assert combo.currentText() == "Perempuan"
