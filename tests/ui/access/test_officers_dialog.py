"""The admin's officers and security dialog and an officer's own PIN change, on a real
database (the test officers' PIN is 123456, tests/conftest.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ao_desktop.domain.access.sign_in import SignInRefused
from ao_desktop.domain.common.officer import OfficerRole
from ao_desktop.services.access.security_settings import read_security_settings
from ao_desktop.services.access.sign_in import sign_in
from ao_desktop.ui.access.officers_dialog import ChangePinDialog, Column, OfficersDialog


def _dialog(qtbot, context) -> OfficersDialog:  # noqa: ANN001
    dialog = OfficersDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _lock(uow, officer_id: int) -> None:  # noqa: ANN001
    for _ in range(5):
        with pytest.raises(SignInRefused):
            sign_in(uow, officer_id, "salah99")


def test_the_admin_unlocks_and_sets_a_colleagues_pin(qtbot, qtmodeltester, context, officers) -> None:  # noqa: ANN001
    dedi = officers[1].id
    _lock(context.uow, dedi)
    dialog = _dialog(qtbot, replace(context, role=OfficerRole.ADMIN))
    qtmodeltester.check(dialog.model)
    row = [o.id for o in dialog.model.items()].index(dedi)
    assert dialog.model.index(row, Column.STATE).data() == "terkunci"
    dialog.select_officer(dedi)
    dialog.unlock_button.click()
    assert "dapat masuk lagi" in dialog.message.text()
    assert dialog.model.index(row, Column.STATE).data() == "aktif"
    assert sign_in(context.uow, dedi, "123456").officer_id == dedi
    dialog.select_officer(dedi)
    dialog.pin_fields.set_pin("rahasia9")
    dialog.set_pin_button.click()
    assert "PIN Dedi Kurniawan diganti" in dialog.message.text()
    assert sign_in(context.uow, dedi, "rahasia9").officer_id == dedi


def test_the_admin_adds_an_officer_with_a_pin_and_sets_the_lock_minutes(qtbot, context) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, replace(context, role=OfficerRole.ADMIN))
    dialog.new_name.setText("Sari Dewi")
    dialog.new_phone.setText("081377778888")
    dialog.new_role.setCurrentIndex(dialog.new_role.findData(OfficerRole.SUPERVISOR.value))
    dialog.new_pin.set_pin("kepala77")
    dialog.add_button.click()
    sari = next(o for o in dialog.model.items() if o.name == "Sari Dewi")
    assert sari.role is OfficerRole.SUPERVISOR
    assert sign_in(context.uow, sari.id, "kepala77").role is OfficerRole.SUPERVISOR
    dialog.lock_spin.setValue(5)
    dialog.save_settings_button.click()
    assert read_security_settings(context.uow).lock_minutes == 5


def test_an_ao_is_refused_by_the_services(qtbot, context) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, context)  # the context's officer is an AO
    assert dialog.model.rowCount() == 0 and not dialog.unlock_button.isEnabled()
    assert "admin" in dialog.message.text()


def test_an_officer_changes_their_own_pin_with_the_old_one(qtbot, context, officers) -> None:  # noqa: ANN001
    dialog = ChangePinDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.old_edit.setText("000000")
    dialog.pin_fields.set_pin("baru1234")
    dialog.save_button.click()
    assert "PIN lama salah" in dialog.message.text() and dialog.isVisible()
    dialog.old_edit.setText("123456")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert sign_in(context.uow, officers[0].id, "baru1234").officer_id == officers[0].id
