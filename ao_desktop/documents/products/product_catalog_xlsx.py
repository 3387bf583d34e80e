"""The product catalog as an Excel workbook: written for admins to edit, read back safely.

Writing: one row per product, a formatted and frozen header, an autofilter, sensible
widths; lists joined with "; ". Every piece of text is stored as a text cell (never a
formula), so a name typed as "=HYPERLINK(...)" or "+62..." stays harmless text.

Reading: headers are matched by their label or field name (any case, any order); every
cell is parsed defensively and every problem is reported with its row, column and an
Indonesian reason, then each product is judged by the same rules as an admin's edit
(`domain.product_rules`). Formulas are never evaluated: a cell's cached value is read.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ao_desktop.domain.common.cell_values import (
    CellError,
    RowIssue,
    cell_bool,
    cell_date,
    cell_decimal,
    cell_int,
    cell_list,
    cell_money,
    cell_optional_decimal,
    cell_text,
)
from ao_desktop.domain.common.errors import FieldIssue, ValidationFailed
from ao_desktop.domain.common.i18n import _
from ao_desktop.domain.products.kur import TieredRateRule
from ao_desktop.domain.products.loan_schedule import (
    InterestMethod,
    LoanFees,
    Rounding,
    method_label,
)
from ao_desktop.domain.products.product import Product, ProductKind, product_kind_label
from ao_desktop.domain.products.product_rules import PRODUCT_FIELD_LABELS, clean_product

SHEET_TITLE = "Produk"
LIST_SEPARATOR = "; "
MAX_ROWS = 5000
_YES = _("Ya")
_NO = _("Tidak")
_METHOD_WORDS = {
    InterestMethod.FLAT: "flat",
    InterestMethod.ANNUITY: "anuitas",
    InterestMethod.DECLINING: "menurun",
}


def _kind(value: Any) -> ProductKind:
    text = cell_text(value).lower()
    for kind in ProductKind:
        if text in (kind.value, product_kind_label(kind).lower()):
            return kind
    raise CellError(
        _("'{v}' bukan jenis produk; isi kredit, deposito, tabungan atau lainnya").format(
            v=cell_text(value)
        )
    )


def _one_method(text: str) -> InterestMethod:
    word = text.strip().lower()
    for method in InterestMethod:
        names = {
            method.value,
            _METHOD_WORDS[method],
            method_label(method).lower(),
            f"efektif {_METHOD_WORDS[method]}",
        }
        if word in names:
            return method
    raise CellError(
        _("'{v}' bukan metode bunga; isi flat, anuitas atau menurun").format(v=text.strip())
    )


def _method(value: Any) -> InterestMethod | None:
    return _one_method(cell_text(value)) if cell_text(value) else None


def _methods(value: Any) -> tuple[InterestMethod, ...]:
    return tuple(_one_method(part) for part in cell_list(value))


def _tiered(value: Any) -> TieredRateRule | None:
    parts = cell_list(value)
    if not parts:
        return None
    rates = tuple(cell_decimal(p) for p in parts)
    try:
        return TieredRateRule(rates)
    except ValidationFailed as exc:
        raise CellError(str(exc)) from None


def _rounding(value: Any) -> Rounding:
    text = cell_text(value).lower().replace("rp", "").replace(".", "")
    if text in ("", "0"):
        return Rounding.WHOLE
    try:
        return Rounding(text)
    except ValueError:
        raise CellError(
            _("'{v}' bukan pembulatan; isi 1, 100 atau 1000").format(v=cell_text(value))
        ) from None


# --- the columns ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Column:
    field: str  # Product field, or "fees.<name>" for a fee
    header: str
    width: int
    read: Callable[[Any], Any]
    write: Callable[[Any], Any]
    number_format: str = ""


def _join(items: tuple[Any, ...]) -> str:
    return LIST_SEPARATOR.join(str(i) for i in items)


def _num(value: Decimal | None) -> int | Decimal | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


COLUMNS: tuple[_Column, ...] = (
    _Column("code", PRODUCT_FIELD_LABELS["code"], 14, cell_text, str),
    _Column("name", PRODUCT_FIELD_LABELS["name"], 30, cell_text, str),
    _Column("kind", PRODUCT_FIELD_LABELS["kind"], 11, _kind, lambda k: ProductKind(k).value),
    _Column("short_description", PRODUCT_FIELD_LABELS["short_description"], 40, cell_text, str),
    _Column("long_description", PRODUCT_FIELD_LABELS["long_description"], 60, cell_text, str),
    _Column("benefits", PRODUCT_FIELD_LABELS["benefits"], 45, cell_list, _join),
    _Column("required_documents", PRODUCT_FIELD_LABELS["required_documents"], 45, cell_list, _join),
    _Column("eligibility", PRODUCT_FIELD_LABELS["eligibility"], 45, cell_list, _join),
    _Column("rate_pa", PRODUCT_FIELD_LABELS["rate_pa"], 12, cell_decimal, _num, "0.00##"),
    _Column(
        "method",
        PRODUCT_FIELD_LABELS["method"],
        12,
        _method,
        lambda m: _METHOD_WORDS[m] if m else "",
    ),
    _Column(
        "allowed_methods",
        PRODUCT_FIELD_LABELS["allowed_methods"],
        18,
        _methods,
        lambda ms: _join(tuple(_METHOD_WORDS[m] for m in ms)),
    ),
    _Column(
        "tiered_rate",
        PRODUCT_FIELD_LABELS["tiered_rate"],
        16,
        _tiered,
        lambda t: _join(tuple(_num(r) for r in t.rates_by_use)) if t else "",
    ),
    _Column("min_tenor_months", PRODUCT_FIELD_LABELS["min_tenor_months"], 12, cell_int, int, "0"),
    _Column("max_tenor_months", PRODUCT_FIELD_LABELS["max_tenor_months"], 12, cell_int, int, "0"),
    _Column("min_amount", PRODUCT_FIELD_LABELS["min_amount"], 18, cell_money, int, "#,##0"),
    _Column("max_amount", PRODUCT_FIELD_LABELS["max_amount"], 18, cell_money, int, "#,##0"),
    _Column(
        "fees.provision_pct",
        PRODUCT_FIELD_LABELS["provision_pct"],
        10,
        cell_decimal,
        _num,
        "0.00##",
    ),
    _Column("fees.admin", PRODUCT_FIELD_LABELS["admin"], 14, cell_money, int, "#,##0"),
    _Column(
        "fees.insurance_pct",
        PRODUCT_FIELD_LABELS["insurance_pct"],
        10,
        cell_decimal,
        _num,
        "0.00##",
    ),
    _Column("fees.notary", PRODUCT_FIELD_LABELS["notary"], 14, cell_money, int, "#,##0"),
    _Column(
        "rounding", PRODUCT_FIELD_LABELS["rounding"], 12, _rounding, lambda r: Rounding(r).step, "0"
    ),
    _Column(
        "max_dsr_pct",
        PRODUCT_FIELD_LABELS["max_dsr_pct"],
        10,
        cell_optional_decimal,
        _num,
        "0.00##",
    ),
    _Column(
        "aro_available",
        PRODUCT_FIELD_LABELS["aro_available"],
        9,
        cell_bool,
        lambda b: _YES if b else _NO,
    ),
    # What a RIPLAY needs; lists are "; "-separated like the benefits.
    _Column("risks", PRODUCT_FIELD_LABELS["risks"], 50, cell_list, _join),
    _Column("late_penalty", PRODUCT_FIELD_LABELS["late_penalty"], 40, cell_text, str),
    _Column("early_repayment", PRODUCT_FIELD_LABELS["early_repayment"], 40, cell_text, str),
    _Column("other_costs", PRODUCT_FIELD_LABELS["other_costs"], 45, cell_list, _join),
    _Column(
        "early_withdrawal_penalty",
        PRODUCT_FIELD_LABELS["early_withdrawal_penalty"],
        40,
        cell_text,
        str,
    ),
    _Column("active", PRODUCT_FIELD_LABELS["active"], 8, cell_bool, lambda b: _YES if b else _NO),
    _Column("terms_version", PRODUCT_FIELD_LABELS["terms_version"], 12, cell_text, str),
    _Column(
        "terms_effective",
        PRODUCT_FIELD_LABELS["terms_effective"],
        14,
        cell_date,
        lambda d: d,
        "DD/MM/YYYY",
    ),
)
_FIELD_COLUMN = {c.field.removeprefix("fees."): c.header for c in COLUMNS}


def _value_of(product: Product, column: _Column) -> Any:
    if column.field.startswith("fees."):
        return getattr(product.fees, column.field.removeprefix("fees."))
    return getattr(product, column.field)


# --- writing -------------------------------------------------------------------------------
def write_catalog(path: str | Path, products: list[Product]) -> None:
    """Write the products to an .xlsx file (replaced in one step: never half-written)."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E78")
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(index)].width = column.width
    for row, product in enumerate(products, start=2):
        for index, column in enumerate(COLUMNS, start=1):
            value = column.write(_value_of(product, column))
            cell = ws.cell(row=row, column=index, value=value)
            if isinstance(value, str):
                # openpyxl turns any string starting with "=" into a formula; user text
                # must stay text, whatever it starts with.
                cell.data_type = "s"
            elif column.number_format and value is not None:
                cell.number_format = column.number_format
            if column.width >= 40:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(products) + 1)}"
    fd, temp = tempfile.mkstemp(suffix=".xlsx", prefix=".ao-", dir=path.parent)
    os.close(fd)
    try:
        wb.save(temp)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --- reading -------------------------------------------------------------------------------
def _normalise(header: Any) -> str:
    return " ".join(cell_text(header).lower().split())


def _column_map(header: tuple[Any, ...]) -> tuple[dict[str, int], list[RowIssue]]:
    """Column index of every known column; issues for missing or repeated ones."""
    wanted = {}
    for column in COLUMNS:
        for name in (column.header, column.field, column.field.removeprefix("fees.")):
            wanted[_normalise(name)] = column.field
    found: dict[str, int] = {}
    issues: list[RowIssue] = []
    for index, value in enumerate(header):
        field_name = wanted.get(_normalise(value))
        if field_name is None:
            continue
        if field_name in found:
            issues.append(
                RowIssue(1, field_name, cell_text(value), _("kolom ini muncul lebih dari sekali"))
            )
        found[field_name] = index
    for column in COLUMNS:
        if column.field not in found:
            issues.append(
                RowIssue(1, column.field, column.header, _("kolom ini tidak ada di baris judul"))
            )
    return found, issues


def _parse_row(
    row_no: int, values: tuple[Any, ...], columns: dict[str, int]
) -> tuple[Product | None, list[RowIssue]]:
    parsed: dict[str, Any] = {}
    issues: list[RowIssue] = []
    for column in COLUMNS:
        index = columns[column.field]
        raw = values[index] if index < len(values) else None
        try:
            parsed[column.field] = column.read(raw)
        except (CellError, ValueError, TypeError, ArithmeticError) as exc:
            issues.append(
                RowIssue(row_no, column.field.removeprefix("fees."), column.header, str(exc))
            )
    if issues:
        return None, issues
    fees = LoanFees(
        *(
            parsed.pop(f"fees.{name}")
            for name in ("provision_pct", "admin", "insurance_pct", "notary")
        )
    )
    product, problems = clean_product(Product(**parsed, fees=fees))
    return product, [_issue_at(row_no, problem) for problem in problems]


def _issue_at(row_no: int, problem: FieldIssue) -> RowIssue:
    column = _FIELD_COLUMN.get(
        problem.field, PRODUCT_FIELD_LABELS.get(problem.field, problem.field)
    )
    return RowIssue(row_no, problem.field, column, problem.message)


def _file_issue(message: str) -> tuple[list[Product], list[RowIssue]]:
    return [], [RowIssue(0, "file", "", message)]


def read_catalog(path: str | Path) -> tuple[list[Product], list[RowIssue]]:
    """The products in a workbook and every problem found (empty when all rows are good).

    Never raises for bad content: an unreadable file is reported as a problem of row 0.
    """
    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        OSError,
    ) as exc:
        return _file_issue(
            _("{p} bukan berkas Excel (.xlsx) yang dapat dibaca: {e}").format(p=path.name, e=exc)
        )
    try:
        ws = wb[SHEET_TITLE] if SHEET_TITLE in wb.sheetnames else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            return _file_issue(_("Lembar {s} kosong").format(s=ws.title))
        columns, issues = _column_map(tuple(header))
        if issues:
            return [], issues
        products: list[Product] = []
        seen: dict[str, int] = {}
        for row_no, values in enumerate(rows, start=2):
            if row_no > MAX_ROWS + 1:
                issues.append(
                    RowIssue(
                        row_no,
                        "file",
                        "",
                        _("terlalu banyak baris (maksimal {n} produk)").format(n=MAX_ROWS),
                    )
                )
                break
            if values is None or all(cell_text(v) == "" for v in values):
                continue
            product, row_issues = _parse_row(row_no, tuple(values), columns)
            if product is not None and product.code in seen:
                row_issues.append(
                    RowIssue(
                        row_no,
                        "code",
                        _FIELD_COLUMN["code"],
                        _("kode {c} sudah ada di baris {r}").format(
                            c=product.code, r=seen[product.code]
                        ),
                    )
                )
            issues += row_issues
            if product is not None and not row_issues:
                seen[product.code] = row_no
                products.append(product)
        return products, issues
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        return _file_issue(_("{p} tidak dapat dibaca: {e}").format(p=path.name, e=exc))
    finally:
        wb.close()
