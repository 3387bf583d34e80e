"""WhatsApp and SMS message templates with placeholders filled from the client and the AO.

An admin edits the templates (stored in the database); the defaults below are what a
new database starts with. Placeholders are `{nama}` style words an admin can type
without knowing Python: an unknown one is refused when the template is saved and left
as typed if it ever reaches the filler.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ao_desktop.domain.common.errors import FieldIssue
from ao_desktop.domain.common.i18n import _

PLACEHOLDERS: dict[str, str] = {
    "nama": _("nama nasabah"),
    "sapaan": _("Bapak/Ibu"),
    "nama_ao": _("nama AO"),
    "hp_ao": _("nomor HP AO"),
    "bank": _("nama bank"),
    "cabang": _("nama cabang"),
    "tanggal": _("tanggal (janji bayar, kegiatan atau jatuh tempo)"),
    "jumlah": _("jumlah janji bayar atau tunggakan"),
    "produk": _("produk yang dibahas"),
}
_FIELD = re.compile(r"\{([a-z_]+)\}")
MAX_TEMPLATE = 1000


@dataclass(frozen=True)
class MessageTemplate:
    key: str  # stable code: "greeting", "after_product_intro", "payment_reminder", ...
    name: str  # what the AO picks from
    text: str
    version: int = 0


def default_templates() -> list[MessageTemplate]:
    return [
        MessageTemplate("greeting", _("Salam perkenalan"), _(
            "Salam sejahtera, {sapaan} {nama}. Saya {nama_ao}, Account Officer {bank} {cabang}. "
            "Apakah ada waktu untuk berbincang sebentar mengenai kebutuhan keuangan {sapaan}?"
        )),
        MessageTemplate("after_product_intro", _("Follow-up pengenalan produk"), _(
            "Terima kasih atas waktunya, {sapaan} {nama}. Menyambung pembicaraan kita tentang "
            "{produk}, apakah ada yang ingin ditanyakan? Saya siap membantu. Salam, {nama_ao} "
            "({bank}, {hp_ao})."
        )),
        MessageTemplate("payment_reminder", _("Pengingat janji bayar"), _(
            "Yth. {sapaan} {nama}, kami mengingatkan janji pembayaran sebesar {jumlah} pada "
            "tanggal {tanggal}. Terima kasih atas kerja samanya. {nama_ao}, {bank} {cabang}."
        )),
        # The collections worklist's one-click reminder: {jumlah} is the arrears and
        # {tanggal} the due date it dates from.
        MessageTemplate("arrears_reminder", _("Pengingat tunggakan angsuran"), _(
            "Yth. {sapaan} {nama}, kami informasikan angsuran kredit {sapaan} di {bank} {cabang} "
            "tertunggak sebesar {jumlah} (jatuh tempo {tanggal}). Mohon segera melakukan "
            "pembayaran. Bila sudah membayar, mohon abaikan pesan ini. Terima kasih, {nama_ao} "
            "({hp_ao})."
        )),
    ]


def template_issues(text: str) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    if not text.strip():
        issues.append(FieldIssue("text", _("Isi pesan tidak boleh kosong."), True))
    if len(text) > MAX_TEMPLATE:
        issues.append(FieldIssue("text", _("Pesan terlalu panjang (maksimal {n} karakter).")
                                 .format(n=MAX_TEMPLATE), True))
    unknown = sorted({m for m in _FIELD.findall(text) if m not in PLACEHOLDERS})
    if unknown:
        issues.append(FieldIssue("text", _("Isian tidak dikenal: {f}. Yang bisa dipakai: {k}.").format(
            f=", ".join("{" + u + "}" for u in unknown),
            k=", ".join("{" + k + "}" for k in PLACEHOLDERS)), True))
    return issues


def fill_template(text: str, values: Mapping[str, str]) -> str:
    """The message with each known placeholder replaced; unknown ones stay as typed, so a
    message never fails to open because of a template typo."""
    def sub(match: re.Match[str]) -> str:
        key = match.group(1)
        return values.get(key, match.group(0)) if key in PLACEHOLDERS else match.group(0)

    return _FIELD.sub(sub, text)
