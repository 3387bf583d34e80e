"""SQLAlchemy table models (*Row). They never leave storage: repositories map them to
domain entities. Every editable row carries `version` for optimistic locking."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Deterministic constraint names, so batch migrations can find and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class OfficerRow(Base):
    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(20), default="")
    role: Mapped[str] = mapped_column(String(20), default="ao")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Sign-in: scrypt hash with its parameters (None: the officer chooses a PIN at their
    # next start), and the wrong tries in a row, kept here so a lock holds on every PC.
    pin_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    failed_tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ClientRow(Base):
    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), default="individual")
    full_name: Mapped[str] = mapped_column(String(120))
    # Folded name (lowercase, no accents) for sorting and prefix search by index.
    name_key: Mapped[str] = mapped_column(String(120))
    business_name: Mapped[str] = mapped_column(String(120), default="")
    nik: Mapped[str] = mapped_column(String(16), default="")
    nib: Mapped[str] = mapped_column(String(13), default="")
    npwp: Mapped[str] = mapped_column(String(16), default="")
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    sex: Mapped[str | None] = mapped_column(String(1), nullable=True)
    mobile: Mapped[str] = mapped_column(String(20), default="")
    landline: Mapped[str] = mapped_column(String(20), default="")
    street: Mapped[str] = mapped_column(Text, default="")
    kelurahan: Mapped[str] = mapped_column(String(80), default="")
    kecamatan: Mapped[str] = mapped_column(String(80), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    province: Mapped[str] = mapped_column(String(80), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    occupation: Mapped[str] = mapped_column(String(120), default="")
    monthly_income: Mapped[int] = mapped_column(Integer, default=0)
    monthly_obligations: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="prospek")
    lead_source: Mapped[str] = mapped_column(String(16), default="lainnya")
    referrer_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), nullable=True
    )
    refusal_reason: Mapped[str] = mapped_column(Text, default="")
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    tags: Mapped[str] = mapped_column(Text, default="")  # ",a,b," so LIKE '%,a,%' matches one tag
    notes: Mapped[str] = mapped_column(Text, default="")
    consent_contact: Mapped[bool] = mapped_column(Boolean, default=False)  # valid now
    consent_given_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    consent_purpose: Mapped[str] = mapped_column(String(16), default="layanan")
    consent_channels: Mapped[str] = mapped_column(String(40), default="telepon,sms,whatsapp")
    consent_withdrawn_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    consent_withdrawal_reason: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        Index("ix_clients_archived_name", "archived", "name_key"),
        Index("ix_clients_status_name", "status", "name_key"),
        Index("ix_clients_officer_name", "officer_id", "name_key"),
        Index("ix_clients_source_name", "lead_source", "name_key"),
        Index("ix_clients_nik", "nik"),
        Index("ix_clients_mobile", "mobile"),
        Index("ix_clients_birth_date", "birth_date"),
        Index("ix_clients_referrer", "referrer_id"),
        Index("ix_clients_updated", "updated_at"),
        # One per sortable directory column, led by `archived` (the directory hides
        # archived rows): the first page of any sort streams from an index instead of
        # sorting a million rows (seconds) on every header click.
        Index("ix_clients_archived_city", "archived", "city"),
        Index("ix_clients_archived_income", "archived", "monthly_income"),
        Index("ix_clients_archived_updated", "archived", "updated_at"),
        Index("ix_clients_archived_nik", "archived", "nik"),
        Index("ix_clients_archived_mobile", "archived", "mobile"),
        Index("ix_clients_archived_status", "archived", "status"),
        Index("ix_clients_archived_source", "archived", "lead_source"),
    )


class ClientStatusRow(Base):
    """Every status change with its date: monthly reports count pipeline movement."""

    __tablename__ = "client_status_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    changed_by: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class ClientNoteRow(Base):
    __tablename__ = "client_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AuditRow(Base):
    """Who changed what and when, for every write to an editable row."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(120), default="")
    at: Mapped[datetime] = mapped_column(DateTime)
    details: Mapped[str] = mapped_column(Text, default="")  # JSON: {field: [before, after]}
    # Who (the signed-in officer's id) and about which client, for the audit viewer's
    # filters; None in entries written before sign-in existed.
    officer_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    client_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (
        Index("ix_audit_log_row", "table_name", "row_id"),
        Index("ix_audit_log_client", "client_id"),
        Index("ix_audit_log_officer_at", "officer_id", "at"),
        Index("ix_audit_log_at", "at"),
    )


class SettingRow(Base):
    """Settings that belong to the database (shared by every PC that opens it)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class ProductRow(Base):
    """A catalog product. Rates and percentages are TEXT holding an exact Decimal string
    (SQLite has no decimal type and a REAL would turn 6.15 into 6.1500000000000004);
    list fields are JSON arrays of strings."""

    __tablename__ = "products"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(12))
    short_description: Mapped[str] = mapped_column(Text, default="")
    long_description: Mapped[str] = mapped_column(Text, default="")
    benefits: Mapped[str] = mapped_column(Text, default="[]")
    required_documents: Mapped[str] = mapped_column(Text, default="[]")
    eligibility: Mapped[str] = mapped_column(Text, default="[]")
    rate_pa: Mapped[str] = mapped_column(String(24), default="0")
    method: Mapped[str | None] = mapped_column(String(12), nullable=True)
    allowed_methods: Mapped[str] = mapped_column(Text, default="[]")
    tiered_rates: Mapped[str] = mapped_column(Text, default="[]")  # [] = no tiered rule
    min_tenor_months: Mapped[int] = mapped_column(Integer, default=1)
    max_tenor_months: Mapped[int] = mapped_column(Integer, default=12)
    min_amount: Mapped[int] = mapped_column(Integer, default=0)
    max_amount: Mapped[int] = mapped_column(Integer, default=0)
    provision_pct: Mapped[str] = mapped_column(String(24), default="0")
    admin: Mapped[int] = mapped_column(Integer, default=0)
    insurance_pct: Mapped[str] = mapped_column(String(24), default="0")
    notary: Mapped[int] = mapped_column(Integer, default=0)
    rounding: Mapped[str] = mapped_column(String(8), default="1")
    max_dsr_pct: Mapped[str | None] = mapped_column(String(24), nullable=True)
    aro_available: Mapped[bool] = mapped_column(Boolean, default=False)
    risks: Mapped[str] = mapped_column(Text, default="[]")
    late_penalty: Mapped[str] = mapped_column(Text, default="")
    early_repayment: Mapped[str] = mapped_column(Text, default="")
    other_costs: Mapped[str] = mapped_column(Text, default="[]")
    early_withdrawal_penalty: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    terms_version: Mapped[str] = mapped_column(String(20), default="1")
    terms_effective: Mapped[date | None] = mapped_column(Date, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120), default="")


class RiplayRecordRow(Base):
    """A personal RIPLAY handed to a client. Never edited (a new hand-over is a new row),
    so it carries no version; `snapshot` is the JSON the document was printed from."""

    __tablename__ = "riplay_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    printed_at: Mapped[datetime] = mapped_column(DateTime)
    product_code: Mapped[str] = mapped_column(String(20))
    product_name: Mapped[str] = mapped_column(String(120))
    product_kind: Mapped[str] = mapped_column(String(12))
    amount: Mapped[int] = mapped_column(Integer, default=0)
    tenor_months: Mapped[int] = mapped_column(Integer, default=0)
    rate_pa: Mapped[str] = mapped_column(String(24), default="0")
    terms_version: Mapped[str] = mapped_column(String(20), default="")
    product_version: Mapped[int] = mapped_column(Integer, default=0)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    officer_name: Mapped[str] = mapped_column(String(120), default="")
    snapshot: Mapped[str] = mapped_column(Text)

    # The client panel lists a client's records newest first; a later timeline reads by date.
    __table_args__ = (
        Index("ix_riplay_records_client", "client_id", "printed_at"),
        Index("ix_riplay_records_printed", "printed_at"),
    )


class ActivityRow(Base):
    """A visit, call, message or meeting with a client (domain/calendar/activity.py).
    `products` is a JSON array of product codes; a promise to pay keeps its date and
    whole-rupiah amount; `follow_up_of` links a next step to the activity it follows."""

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    type: Mapped[str] = mapped_column(String(20))
    purpose: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16), default="rencana")
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=30)
    location: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    products: Mapped[str] = mapped_column(Text, default="[]")
    result: Mapped[str | None] = mapped_column(String(20), nullable=True)
    result_reason: Mapped[str] = mapped_column(Text, default="")
    promise_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    promise_amount: Mapped[int] = mapped_column(Integer, default=0)
    follow_up_of: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL"), nullable=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        # The month, week and day views and the .ics export: one officer's range.
        Index("ix_activities_officer_start", "officer_id", "starts_at"),
        # All officers' range (a supervisor, or a PC without a signed-in officer).
        Index("ix_activities_start", "starts_at"),
        # Overdue follow-ups: planned and past, per officer.
        Index("ix_activities_officer_status_start", "officer_id", "status", "starts_at"),
        # The client's timeline, and "last contact" per client as one seek (status first).
        Index("ix_activities_client_status_start", "client_id", "status", "starts_at"),
        # Promises to pay falling due (only promises have a date).
        Index("ix_activities_promise", "promise_date"),
        Index("ix_activities_follow_up_of", "follow_up_of"),
    )


class HolidayOverrideRow(Base):
    """An admin's correction to the public-holiday list, shared by every PC on the database."""

    __tablename__ = "holiday_overrides"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    is_holiday: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120), default="")


class MessageTemplateRow(Base):
    """A WhatsApp/SMS template an admin edits (domain/calendar/message_templates.py)."""

    __tablename__ = "message_templates"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120), default="")


class CreditApplicationRow(Base):
    """A credit application (domain/credit/application.py). The figures, collateral,
    5C, SLIK and documents are JSON: they belong to the application, are edited with it
    under its one version, and are never queried on their own."""

    __tablename__ = "credit_applications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    product_code: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int] = mapped_column(Integer)
    tenor_months: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(16))
    purpose_description: Mapped[str] = mapped_column(Text, default="")
    installment: Mapped[int] = mapped_column(Integer, default=0)
    figures: Mapped[str] = mapped_column(Text, default="{}")
    collateral: Mapped[str] = mapped_column(Text, default="[]")
    five_c: Mapped[str] = mapped_column(Text, default="{}")
    slik: Mapped[str] = mapped_column(Text, default="{}")
    documents: Mapped[str] = mapped_column(Text, default="[]")
    recommendation: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    disbursed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        # The Applications view: by officer and status; the client panel: by client.
        Index("ix_credit_applications_officer_status", "officer_id", "status"),
        Index("ix_credit_applications_status", "status"),
        Index("ix_credit_applications_client", "client_id"),
    )


class CreditStatusRow(Base):
    """Every status change of an application, with who and when."""

    __tablename__ = "credit_application_status_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("credit_applications.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    changed_by: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class ClientProblemRow(Base):
    """A client problem (domain/problems/problem.py) with its deadline and handling."""

    __tablename__ = "client_problems"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    category: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(DateTime)
    description: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[date] = mapped_column(Date)
    original_deadline: Mapped[date] = mapped_column(Date)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    extended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="baru")
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    escalated_to: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    escalation_note: Mapped[str] = mapped_column(Text, default="")
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (
        # The list and the Today panel: open problems by officer and deadline; the client
        # panel: by client.
        Index("ix_client_problems_officer_status_deadline", "officer_id", "status", "deadline"),
        Index("ix_client_problems_status_deadline", "status", "deadline"),
        Index("ix_client_problems_client", "client_id"),
    )


class ClientProblemEventRow(Base):
    """Every step of a problem (recorded, edited, extended, escalated, resolved, ...)."""

    __tablename__ = "client_problem_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    problem_id: Mapped[int] = mapped_column(
        ForeignKey("client_problems.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class LoanExtractRow(Base):
    """One core-banking extract: its as-of date (one extract per date) and totals."""

    __tablename__ = "loan_extracts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    as_of: Mapped[date] = mapped_column(Date, unique=True)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    accounts: Mapped[int] = mapped_column(Integer, default=0)
    outstanding: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    imported_by: Mapped[str] = mapped_column(String(120), default="")


class LoanAccountRow(Base):
    """A loan account (domain/portfolio/account.py) with its latest position. `client_id`
    NULL: matched no client; `officer_id` NULL: its Kode AO matched no officer;
    `extract_id` NULL: entered by hand (not yet in an extract)."""

    __tablename__ = "loan_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_no: Mapped[str] = mapped_column(String(40), unique=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id", ondelete="SET NULL"), nullable=True)
    nik: Mapped[str] = mapped_column(String(16), default="")
    cif: Mapped[str] = mapped_column(String(40), default="")
    borrower_name: Mapped[str] = mapped_column(String(120), default="")
    product: Mapped[str] = mapped_column(String(60), default="")
    plafond: Mapped[int] = mapped_column(Integer, default=0)
    disbursed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    tenor_months: Mapped[int] = mapped_column(Integer, default=0)
    rate_pct: Mapped[str] = mapped_column(String(12), default="")
    installment: Mapped[int] = mapped_column(Integer, default=0)
    outstanding: Mapped[int] = mapped_column(Integer, default=0)
    arrears_principal: Mapped[int] = mapped_column(Integer, default=0)
    arrears_interest: Mapped[int] = mapped_column(Integer, default=0)
    penalty: Mapped[int] = mapped_column(Integer, default=0)
    days_past_due: Mapped[int] = mapped_column(Integer, default=0)
    collectibility: Mapped[int] = mapped_column(Integer, default=1)
    next_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    last_payment: Mapped[date | None] = mapped_column(Date, nullable=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    officer_code: Mapped[str] = mapped_column(String(40), default="")
    extract_id: Mapped[int | None] = mapped_column(
        ForeignKey("loan_extracts.id", ondelete="SET NULL"), nullable=True)
    source: Mapped[str] = mapped_column(String(12), default="ekstrak")
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("credit_applications.id", ondelete="SET NULL"), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (Index("ix_loan_accounts_client", "client_id"),)


class LoanPositionRow(Base):
    """An account's position on one extract: the month-by-month history."""

    __tablename__ = "loan_positions"

    extract_id: Mapped[int] = mapped_column(ForeignKey("loan_extracts.id", ondelete="CASCADE"),
                                            primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("loan_accounts.id", ondelete="CASCADE"),
                                            primary_key=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    client_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    outstanding: Mapped[int] = mapped_column(Integer, default=0)
    arrears_principal: Mapped[int] = mapped_column(Integer, default=0)
    arrears_interest: Mapped[int] = mapped_column(Integer, default=0)
    penalty: Mapped[int] = mapped_column(Integer, default=0)
    days_past_due: Mapped[int] = mapped_column(Integer, default=0)
    collectibility: Mapped[int] = mapped_column(Integer, default=1)
    installment: Mapped[int] = mapped_column(Integer, default=0)
    next_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    last_payment: Mapped[date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (
        # An account's history; a client's arrears per extract (promises to pay). One
        # extract's positions are a range of the primary key (stored in its order).
        Index("ix_loan_positions_account", "account_id"),
        Index("ix_loan_positions_client", "client_id", "extract_id"),
        {"sqlite_with_rowid": False},
    )


class LoanRollupRow(Base):
    """Sums of one extract per (officer, Kol, aging bucket): storage/portfolio/rollups.py."""

    __tablename__ = "loan_rollups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    extract_id: Mapped[int] = mapped_column(ForeignKey("loan_extracts.id", ondelete="CASCADE"), index=True)
    officer_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    collectibility: Mapped[int] = mapped_column(Integer)
    bucket: Mapped[int] = mapped_column(Integer)
    accounts: Mapped[int] = mapped_column(Integer)
    outstanding: Mapped[int] = mapped_column(Integer)
    arrears: Mapped[int] = mapped_column(Integer)
    unmatched: Mapped[int] = mapped_column(Integer)


class ClientCifRow(Base):
    """The core-banking customer number (CIF) of a client, kept once an extract matched
    the client by NIK, so later extracts match by CIF alone."""

    __tablename__ = "client_cifs"

    cif: Mapped[str] = mapped_column(String(40), primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)


class WarningLetterRow(Base):
    """A warning letter (SP1-SP3) issued on an account, numbered per branch and year."""

    __tablename__ = "warning_letters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("loan_accounts.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(60))
    sequence: Mapped[int] = mapped_column(Integer)
    branch_code: Mapped[str] = mapped_column(String(12))
    year: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    arrears_principal: Mapped[int] = mapped_column(Integer, default=0)
    arrears_interest: Mapped[int] = mapped_column(Integer, default=0)
    penalty: Mapped[int] = mapped_column(Integer, default=0)
    days_past_due: Mapped[int] = mapped_column(Integer, default=0)
    issued_by: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index("ux_warning_letters_branch_year_seq", "branch_code", "year", "sequence", unique=True),
    )


class ReportTargetRow(Base):
    """An officer's targets for one month (domain/reports/targets.py); the rates are
    exact Decimal strings."""

    __tablename__ = "report_targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id", ondelete="CASCADE"))
    month: Mapped[str] = mapped_column(String(7))  # "YYYY-MM"
    new_prospects: Mapped[int] = mapped_column(Integer, default=0)
    visits: Mapped[int] = mapped_column(Integer, default=0)
    applications: Mapped[int] = mapped_column(Integer, default=0)
    disbursement: Mapped[int] = mapped_column(Integer, default=0)
    collection_rate: Mapped[str] = mapped_column(String(12), default="0")
    npl_ceiling: Mapped[str] = mapped_column(String(12), default="0")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120), default="")

    __table_args__ = (UniqueConstraint("officer_id", "month", name="uq_report_targets_officer_month"),)


class ReportRecordRow(Base):
    """A generated work report: never edited; generating the same period and scope again
    adds a row with the next version. `headline` is the JSON of its headline figures."""

    __tablename__ = "report_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_key: Mapped[str] = mapped_column(String(32))
    period_kind: Mapped[str] = mapped_column(String(12))
    period_first: Mapped[date] = mapped_column(Date)
    period_last: Mapped[date] = mapped_column(Date)
    scope: Mapped[str] = mapped_column(String(24))  # "branch" or "officer:<id>"
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id", ondelete="SET NULL"), nullable=True)
    notes_obstacles: Mapped[str] = mapped_column(Text, default="")
    notes_plan: Mapped[str] = mapped_column(Text, default="")
    sections: Mapped[str] = mapped_column(Text, default="[]")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    pdf_path: Mapped[str] = mapped_column(Text, default="")
    xlsx_path: Mapped[str] = mapped_column(Text, default="")
    headline: Mapped[str] = mapped_column(Text, default="{}")

    __table_args__ = (
        Index("ix_report_history_period_scope", "period_key", "scope", "version"),
        Index("ix_report_history_created", "created_at"),
    )
