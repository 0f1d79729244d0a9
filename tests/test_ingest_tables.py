"""ingest.tables: the contract's tables as data."""

from __future__ import annotations

import pandas as pd
import pytest

from ingest import TABLES, empty_frame
from ingest.model import Dataset
from ingest.tables import REFERENCES, REQUIRED_TABLES, TABLE_ORDER

PERSON = ["birth_date", "street", "house_number", "house_number_addition", "postcode", "city",
          "iban", "email", "phone"]

CONTRACT_COLUMNS = {
    # accounts: this project's extension (optional: every file of the contract stays valid)
    "employees": ["employee_id", "name", "role", "department", "accounts", "employed_from",
                  "employed_until", *PERSON],
    "relatives": ["relative_id", "employee_id", "relation", "name", "valid_from", "valid_until",
                  *PERSON],
    "organizations": ["org_id", "name", "kvk_number", "org_type", *PERSON[1:]],
    "declarations": ["declaration_id", "employee_id", "relative_id", "org_id", "org_name",
                     "kvk_number", "kind", "position", "share_pct", "paid", "valid_from",
                     "valid_until", "status", "decided_by", "decided_on"],
    "officers": ["org_id", "kvk_number", "name", "role", "birth_date", "valid_from", "valid_until",
                 "officer_kvk_number"],
    "contracts": ["decision_id", "kind", "org_id", "amount_eur", "decision_date", "handled_by",
                  "approved_by", "second_approved_by", "requested_by", "description"],
    # co_applicant_*: this project's extension (optional: every file of the contract stays valid)
    "allocations": ["decision_id", "kind", "decision_date", "handled_by", "approved_by",
                    "second_approved_by", "unit_id",
                    "applicant_name", *[f"applicant_{c}" for c in PERSON], "co_applicant_name",
                    "co_applicant_birth_date", "discount_eur", "rank", "basis",
                    # status: a candidate list's outcome per row (only allocations are read)
                    "status"],
    "mandates": ["employee_id", "limit_eur", "kind", "valid_from", "valid_until"],
    "gifts": ["gift_id", "employee_id", "org_id", "org_name", "date", "kind", "value_eur",
              "handed_in", "reported", "description"],
}


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_columns_follow_the_contract(name: str) -> None:
    assert TABLES[name].column_names == CONTRACT_COLUMNS[name]


def test_required_tables_and_order() -> None:
    assert REQUIRED_TABLES == ("employees", "organizations")
    assert sorted(TABLE_ORDER) == sorted(TABLES)
    for ref in REFERENCES:  # a table only refers to tables checked before it
        assert TABLE_ORDER.index(ref.target) < TABLE_ORDER.index(ref.table)


def test_enum_codes_follow_the_contract() -> None:
    def codes(table: str, column: str) -> tuple[str, ...]:
        vocabulary = TABLES[table].column(column).vocabulary
        assert vocabulary is not None
        return vocabulary.codes

    assert codes("employees", "role") == ("employee", "manager", "director", "supervisory_board",
                                          "external", "volunteer")
    assert codes("declarations", "status") == ("approved", "pending", "rejected", "withdrawn")
    assert codes("gifts", "kind") == ("gift", "invitation", "meal", "event", "trip", "money", "other")
    assert codes("allocations", "kind") == ("rental", "urgency", "sale", "priority", "other")
    assert codes("contracts", "kind") == ("contract", "purchase_order", "invoice", "tender_award")
    assert codes("mandates", "kind") == codes("contracts", "kind")
    assert codes("allocations", "basis") == ("list", "urgency", "direct", "other")


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_empty_frame(name: str) -> None:
    frame = empty_frame(name)
    assert list(frame.columns) == [*CONTRACT_COLUMNS[name], "_line"]
    assert len(frame) == 0
    assert str(frame["_line"].dtype) == "int64"
    for col in TABLES[name].columns:
        expected = {"date": "datetime64[ns]", "amount": "float64", "number": "float64",
                    "bool": "boolean", "rank": "Int64"}.get(col.type, "str")
        assert str(frame[col.name].dtype) == expected


def test_dataset_frame_of_absent_table(tmp_path) -> None:
    ds = Dataset(tmp_path, {})
    assert isinstance(ds.frame("gifts"), pd.DataFrame)
    assert "gift_id" in ds.frame("gifts").columns
