"""The data contract's tables as data: columns, types, required values and references.

Everything ingest checks is driven by :data:`TABLES`, so the contract
(``docs/input-format.md``) and the code have one place to agree in.

>>> TABLES["contracts"].column("kind").default
'contract'
>>> TABLES["employees"].id_column
'employee_id'
>>> list(empty_frame("gifts").columns)[:3]
['gift_id', 'employee_id', 'org_id']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from ingest.enum_synonyms import (
    ALLOCATION_BASES,
    ALLOCATION_KINDS,
    ALLOCATION_STATUSES,
    CONTRACT_KINDS,
    DECLARATION_KINDS,
    DECLARATION_STATUSES,
    EMPLOYEE_ROLES,
    GIFT_KINDS,
    MANDATE_KINDS,
    OFFICER_ROLES,
    ORG_TYPES,
    RELATIONS,
    EnumVocabulary,
)

__all__ = [
    "DECISION_TABLES",
    "EXTRA_COLUMNS_READ",
    "REFERENCES",
    "REQUIRED_TABLES",
    "TABLES",
    "TABLE_ORDER",
    "ColumnSpec",
    "ColumnType",
    "Reference",
    "TableSpec",
    "dtype_of",
    "empty_frame",
]

ColumnType = Literal[
    "id",
    "text",
    "date",
    "amount",
    "number",
    "bool",
    "enum",
    "iban",
    "kvk",
    "postcode",
    "house_number",
    "house_number_addition",
    "email",
    "phone",
    "rank",
]

_DTYPES: dict[str, str] = {
    "date": "datetime64[ns]",
    "amount": "float64",
    "number": "float64",
    "bool": "boolean",
    "rank": "Int64",
}


def dtype_of(kind: str) -> str:
    """The pandas dtype a column of this type has after ingest (see ``ingest.model``)."""
    return _DTYPES.get(kind, "str")


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a contract table.

    ``vocabulary`` holds an enumeration's codes and synonyms; ``open_vocabulary`` keeps
    unknown values as lower-case text instead of reporting them (officer roles, which
    the KvK writes in many ways).  ``meaning`` is the few words a message uses to tell
    the user what belongs in the column.  ``unreadable_skips_row`` (the reason, for the
    message) makes an unreadable value of an optional column a row problem instead of a
    value left out, for a column
    where leaving the value out would change what the row says (a mandate's ``kind``:
    empty means *all* decisions, so a misspelt ``factuur`` must not widen it).
    """

    name: str
    type: ColumnType
    required: bool = False
    meaning: str = ""
    vocabulary: EnumVocabulary | None = None
    default: str | None = None
    open_vocabulary: bool = False
    unique: bool = False
    #: non-empty: why an unreadable value skips the row instead of being left out
    unreadable_skips_row: str = ""
    #: a birth date of someone who need not be alive (a relative, an applicant, an
    #: officer: a genealogical or historical register lists the dead), read back to
    #: ``HISTORICAL_MIN_YEAR`` instead of 1900, with one warning per column that counts the
    #: dates before 1900; an employee's stays reported (staff are of working age)
    historical: bool = False

    @property
    def dtype(self) -> str:
        return dtype_of(self.type)


@dataclass(frozen=True)
class Reference:
    """A column whose values must be ids of another table.

    ``action`` is what an unknown id does to the row: ``skip_row`` when the row means
    nothing without the link (a contract without its handler), ``drop_value`` when the
    row still holds a usable fact (a contract whose approver is unknown is still checked
    for its handler).  ``drop_value_if_any`` turns a ``skip_row`` into ``drop_value`` when
    the row has another way to name the same thing (a gift with ``org_name``).
    """

    table: str
    column: str
    target: str
    target_column: str
    action: Literal["skip_row", "drop_value"] = "skip_row"
    drop_value_if_any: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    """One contract table: its columns and the checks on its rows."""

    name: str
    columns: tuple[ColumnSpec, ...]
    required: bool = False
    id_column: str | None = None
    #: each group: at least one of these columns must hold a value on every row
    one_of: tuple[tuple[str, ...], ...] = ()
    #: (from, until) date pairs: from must not be after until
    periods: tuple[tuple[str, str], ...] = ()
    #: date columns that must not lie in the future
    birth_dates: tuple[str, ...] = ()
    #: amount columns that must not be negative (a negative value is a row problem)
    non_negative: tuple[str, ...] = ()
    description: str = ""
    _by_name: dict[str, ColumnSpec] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name.update({c.name: c for c in self.columns})

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> ColumnSpec:
        return self._by_name[name]

    def has(self, name: str) -> bool:
        return name in self._by_name


def _person_fields(prefix: str = "", birth_date: bool = True, historical: bool = True
                   ) -> tuple[ColumnSpec, ...]:
    """The contract's "person fields" (organizations have them without a birth date;
    ``historical``: see :attr:`ColumnSpec.historical`)."""
    cols = [
        ColumnSpec(f"{prefix}birth_date", "date", meaning="date of birth",
                   historical=historical),
        ColumnSpec(f"{prefix}street", "text", meaning="street"),
        ColumnSpec(f"{prefix}house_number", "house_number", meaning="house number"),
        ColumnSpec(
            f"{prefix}house_number_addition", "house_number_addition", meaning="addition"
        ),
        ColumnSpec(f"{prefix}postcode", "postcode", meaning="postcode"),
        ColumnSpec(f"{prefix}city", "text", meaning="city"),
        ColumnSpec(f"{prefix}iban", "iban", meaning="bank account (IBAN)"),
        ColumnSpec(f"{prefix}email", "email", meaning="e-mail address"),
        ColumnSpec(f"{prefix}phone", "phone", meaning="phone number"),
    ]
    return tuple(cols if birth_date else cols[1:])


def _id(name: str, meaning: str, required: bool = True, unique: bool = False) -> ColumnSpec:
    return ColumnSpec(name, "id", required=required, meaning=meaning, unique=unique)


_TABLE_LIST: list[TableSpec] = [
    TableSpec(
        "employees",
        (
            _id("employee_id", "the employee's id", unique=True),
            ColumnSpec("name", "text", required=True, meaning="the full name"),
            ColumnSpec("role", "enum", vocabulary=EMPLOYEE_ROLES, default="employee"),
            ColumnSpec("department", "text"),
            ColumnSpec("accounts", "text",
                       meaning="the employee's user names in other systems (an ERP or "
                               "allocation system's login), several separated by commas"),
            ColumnSpec("employed_from", "date", meaning="start of employment"),
            ColumnSpec("employed_until", "date", meaning="end of employment"),
            *_person_fields(historical=False),
        ),
        required=True,
        id_column="employee_id",
        periods=(("employed_from", "employed_until"),),
        birth_dates=("birth_date",),
        description="everyone who acts for the corporation",
    ),
    TableSpec(
        "relatives",
        (
            _id("relative_id", "the relative's id", unique=True),
            _id("employee_id", "the id of the employee the relative belongs to"),
            ColumnSpec("relation", "enum", required=True, vocabulary=RELATIONS,
                       meaning="the relation to the employee"),
            ColumnSpec("name", "text", required=True, meaning="the relative's full name"),
            ColumnSpec("valid_from", "date"),
            ColumnSpec("valid_until", "date"),
            *_person_fields(),
        ),
        id_column="relative_id",
        periods=(("valid_from", "valid_until"),),
        birth_dates=("birth_date",),
        description="declared family and household members of employees",
    ),
    TableSpec(
        "organizations",
        (
            _id("org_id", "the organization's id", unique=True),
            ColumnSpec("name", "text", required=True, meaning="the organization's name"),
            ColumnSpec("kvk_number", "kvk", meaning="KvK number"),
            ColumnSpec("org_type", "enum", vocabulary=ORG_TYPES),
            *_person_fields(birth_date=False),
        ),
        required=True,
        id_column="org_id",
        description="suppliers, contractors and other business relations",
    ),
    TableSpec(
        "declarations",
        (
            _id("declaration_id", "the declaration's id", unique=True),
            _id("employee_id", "the id of the employee who declared"),
            _id("relative_id", "the relative's id", required=False),
            _id("org_id", "the organization's id", required=False),
            ColumnSpec("org_name", "text", meaning="the organization's name"),
            ColumnSpec("kvk_number", "kvk", meaning="KvK number"),
            ColumnSpec("kind", "enum", required=True, vocabulary=DECLARATION_KINDS,
                       meaning="the kind of interest"),
            ColumnSpec("position", "text"),
            ColumnSpec("share_pct", "number", meaning="percentage of shares"),
            ColumnSpec("paid", "bool"),
            ColumnSpec("valid_from", "date"),
            ColumnSpec("valid_until", "date"),
            ColumnSpec("status", "enum", vocabulary=DECLARATION_STATUSES, default="pending"),
            _id("decided_by", "the id of the employee who decided", required=False),
            ColumnSpec("decided_on", "date", meaning="date of the decision"),
        ),
        id_column="declaration_id",
        one_of=(("org_id", "org_name", "kvk_number"),),
        periods=(("valid_from", "valid_until"),),
        description="the integrity register",
    ),
    TableSpec(
        "officers",
        (
            _id("org_id", "the organization's id", required=False),
            ColumnSpec("kvk_number", "kvk", meaning="KvK number"),
            ColumnSpec("name", "text", required=True, meaning="the officer's name"),
            ColumnSpec("role", "enum", vocabulary=OFFICER_ROLES, open_vocabulary=True),
            ColumnSpec("birth_date", "date", meaning="date of birth", historical=True),
            ColumnSpec("valid_from", "date"),
            ColumnSpec("valid_until", "date"),
            ColumnSpec("officer_kvk_number", "kvk",
                       meaning="the officer's own KvK number, when the officer is an "
                               "organization (a holding)"),
        ),
        one_of=(("org_id", "kvk_number"),),
        periods=(("valid_from", "valid_until"),),
        birth_dates=("birth_date",),
        description="KvK Handelsregister / UBO extract",
    ),
    TableSpec(
        "contracts",
        (
            _id("decision_id", "the decision's id", unique=True),
            ColumnSpec("kind", "enum", vocabulary=CONTRACT_KINDS, default="contract"),
            _id("org_id", "the id of the counterparty organization"),
            ColumnSpec("amount_eur", "amount", meaning="amount in euros"),
            ColumnSpec("decision_date", "date", required=True, meaning="the decision date"),
            _id("handled_by", "the id of the employee who handled it"),
            _id("approved_by", "the approver's employee id", required=False),
            _id("second_approved_by", "the second approver's employee id", required=False),
            _id("requested_by", "the requester's employee id", required=False),
            ColumnSpec("description", "text"),
        ),
        id_column="decision_id",
        description="procurement decisions",
    ),
    TableSpec(
        "allocations",
        (
            _id("decision_id", "the decision's id", unique=True),
            ColumnSpec("kind", "enum", vocabulary=ALLOCATION_KINDS, default="rental"),
            ColumnSpec("decision_date", "date", required=True, meaning="the decision date"),
            _id("handled_by", "the id of the employee who handled it"),
            _id("approved_by", "the approver's employee id", required=False),
            _id("second_approved_by", "the second approver's employee id", required=False),
            _id("unit_id", "the home's id", required=False),
            ColumnSpec("applicant_name", "text", required=True,
                       meaning="the applicant's full name"),
            *_person_fields("applicant_"),
            ColumnSpec("co_applicant_name", "text",
                       meaning="the co-applicant's full name (a partner who applies along)"),
            ColumnSpec("co_applicant_birth_date", "date",
                       meaning="the co-applicant's date of birth", historical=True),
            ColumnSpec("discount_eur", "amount", meaning="discount in euros"),
            ColumnSpec("rank", "rank",
                       meaning="the applicant's position on the candidate list (1 = first)"),
            ColumnSpec("basis", "enum", vocabulary=ALLOCATION_BASES, default="list",
                       meaning="how the applicant was chosen"),
            ColumnSpec("status", "enum", vocabulary=ALLOCATION_STATUSES,
                       meaning="whether the row is an allocation (toegewezen, geaccepteerd) "
                       "or a candidate who was not allocated",
                       unreadable_skips_row="a row that is not known to be an allocation "
                       "may be a candidate who was not allocated"),
        ),
        id_column="decision_id",
        birth_dates=("applicant_birth_date", "co_applicant_birth_date"),
        description="housing decisions",
    ),
    TableSpec(
        "mandates",
        (
            _id("employee_id", "the id of the employee who holds the mandate"),
            ColumnSpec("limit_eur", "amount", required=True,
                       meaning="the largest single commitment in euros the employee may make"),
            ColumnSpec("kind", "enum", vocabulary=MANDATE_KINDS,
                       unreadable_skips_row="an empty kind means the mandate covers all "
                                            "decisions",
                       meaning="the decisions it covers (empty: all)"),
            ColumnSpec("valid_from", "date"),
            ColumnSpec("valid_until", "date"),
        ),
        periods=(("valid_from", "valid_until"),),
        non_negative=("limit_eur",),
        description="purchasing mandates (budget authority) of employees",
    ),
    TableSpec(
        "gifts",
        (
            _id("gift_id", "the gift's id", unique=True),
            _id("employee_id", "the id of the employee who received it"),
            _id("org_id", "the giver's organization id", required=False),
            ColumnSpec("org_name", "text", meaning="the giver's name"),
            ColumnSpec("date", "date", required=True, meaning="the date of the gift"),
            ColumnSpec("kind", "enum", vocabulary=GIFT_KINDS, default="gift"),
            ColumnSpec("value_eur", "amount", meaning="value in euros"),
            ColumnSpec("handed_in", "bool"),
            ColumnSpec("reported", "bool"),
            ColumnSpec("description", "text"),
        ),
        id_column="gift_id",
        one_of=(("org_id", "org_name"),),
        description="register of gifts and invitations",
    ),
]

#: every contract table by name, in the order tables are checked (a table only refers
#: to tables before it, so a skipped row can cascade in one pass)
TABLES: dict[str, TableSpec] = {t.name: t for t in _TABLE_LIST}
TABLE_ORDER: tuple[str, ...] = (
    "employees",
    "organizations",
    "relatives",
    "declarations",
    "officers",
    "contracts",
    "allocations",
    "mandates",
    "gifts",
)
REQUIRED_TABLES: tuple[str, ...] = tuple(t.name for t in _TABLE_LIST if t.required)
#: extra columns (no contract column, kept under their own lower-cased header) that a later
#: step reads by that name, so ``Table.columns_not_used`` does not list them as unread:
#: organizations' ``trade_names`` (handelsnamen, separated by ``;`` or ``|``) are matched
#: with the name (``coi_graph.graph.build``); officers' ``role_remark`` (the remark after a
#: known role, ``ingest.officer_roles``) is shown with the role
EXTRA_COLUMNS_READ: dict[str, tuple[str, ...]] = {"organizations": ("trade_names",),
                                                  "officers": ("role_remark",)}
#: other headers an extra column of :data:`EXTRA_COLUMNS_READ` is read under (compared as
#: :func:`ingest.header_mapping.squeeze` compares: case, spaces and punctuation ignored): a
#: vendor master or KvK export names its trade names column ``Handelsnamen``; a header the
#: table reads as a contract column is never taken, nor one beside the column's own name
EXTRA_COLUMN_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "organizations": {"trade_names": ("handelsnamen", "handelsnaam", "trade names",
                                      "trade name", "overige handelsnamen",
                                      "andere handelsnamen", "handelsnamen kvk")},
}
#: at least one of these must be present; decision ids are unique over them together
DECISION_TABLES: tuple[str, ...] = ("contracts", "allocations")

#: the links between tables; ``officers`` also resolve by ``kvk_number`` (see
#: ``ingest.references``).
REFERENCES: tuple[Reference, ...] = (
    Reference("relatives", "employee_id", "employees", "employee_id"),
    Reference("declarations", "employee_id", "employees", "employee_id"),
    Reference("declarations", "relative_id", "relatives", "relative_id"),
    Reference("declarations", "org_id", "organizations", "org_id",
              drop_value_if_any=("org_name", "kvk_number")),
    Reference("declarations", "decided_by", "employees", "employee_id", action="drop_value"),
    Reference("officers", "org_id", "organizations", "org_id"),
    Reference("contracts", "org_id", "organizations", "org_id"),
    Reference("contracts", "handled_by", "employees", "employee_id"),
    # (the second approver before the first: a cell naming both approvers, read at the
    # first, fills in the second with an id of a kept employee, checked already)
    Reference("contracts", "second_approved_by", "employees", "employee_id",
              action="drop_value"),
    Reference("contracts", "approved_by", "employees", "employee_id", action="drop_value"),
    Reference("contracts", "requested_by", "employees", "employee_id", action="drop_value"),
    Reference("allocations", "handled_by", "employees", "employee_id"),
    # (the second approver before the first: a cell naming both approvers, read at the
    # first, fills in the second with an id of a kept employee, checked already)
    Reference("allocations", "second_approved_by", "employees", "employee_id",
              action="drop_value"),
    Reference("allocations", "approved_by", "employees", "employee_id", action="drop_value"),
    Reference("mandates", "employee_id", "employees", "employee_id"),
    Reference("gifts", "employee_id", "employees", "employee_id"),
    Reference("gifts", "org_id", "organizations", "org_id", drop_value_if_any=("org_name",)),
)  # fmt: skip


def empty_frame(name: str) -> pd.DataFrame:
    """The typed, empty frame of an absent optional table: every contract column plus
    ``_line``, so code downstream never needs to ask whether a table was there.

    >>> empty_frame("contracts").dtypes["decision_date"]
    dtype('<M8[ns]')
    """
    spec = TABLES[name]
    data = {c.name: pd.Series([], dtype=c.dtype) for c in spec.columns}
    data["_line"] = pd.Series([], dtype="int64")
    return pd.DataFrame(data)
