"""Colours of activities in the calendar: by type or by purpose, with a legend.

Chosen to stay apart for the common colour-vision deficiencies and to carry dark text;
a cancelled activity is grey and struck through whatever its colour, a done one paler.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtGui import QColor

from ao_desktop.domain.calendar.activity import ActivityItem
from ao_desktop.domain.calendar.enums import ActivityPurpose, ActivityStatus, ActivityType
from ao_desktop.domain.calendar.labels import purpose_label, type_label


class ColorMode(IntEnum):
    TYPE = 0
    PURPOSE = 1


_BY_TYPE = {
    ActivityType.VISIT: "#4e79a7",
    ActivityType.PHONE: "#f28e2b",
    ActivityType.WHATSAPP: "#59a14f",
    ActivityType.SMS: "#b07aa1",
    ActivityType.OFFICE_MEETING: "#76b7b2",
    ActivityType.EMAIL: "#9c755f",
}
_BY_PURPOSE = {
    ActivityPurpose.PROSPECTING: "#edc948",
    ActivityPurpose.PRODUCT_INTRO: "#4e79a7",
    ActivityPurpose.FOLLOW_UP: "#59a14f",
    ActivityPurpose.COLLECTION: "#e15759",
    ActivityPurpose.PROBLEM: "#b07aa1",
    ActivityPurpose.COURTESY: "#76b7b2",
}
HOLIDAY = QColor("#fdecea")
WEEKEND = QColor("#f4f4f4")
TODAY = QColor("#fff8d6")


def activity_color(item: ActivityItem, mode: ColorMode) -> QColor:
    if item.status is ActivityStatus.CANCELLED:
        return QColor("#bbbbbb")
    color = QColor(_BY_TYPE[item.type] if mode is ColorMode.TYPE else _BY_PURPOSE[item.purpose])
    if item.status is not ActivityStatus.PLANNED:
        color = color.lighter(135)
    return color


def legend(mode: ColorMode) -> list[tuple[str, QColor]]:
    if mode is ColorMode.TYPE:
        return [(type_label(t), QColor(c)) for t, c in _BY_TYPE.items()]
    return [(purpose_label(p), QColor(c)) for p, c in _BY_PURPOSE.items()]
