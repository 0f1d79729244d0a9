"""The demo corporation written out as other systems export it scans to the same findings.

The demo's own files are the project's; these are the same records as a Dynamics 365
installation with an English interface (``Workers.csv``, ``Vendors.csv``, ``Purchase
orders.csv``: American dates with a time and AM/PM, English amounts, the address in one
cell, no order date but ``Created date and time``) and a Dutch SAP one (``medewerkers``,
``crediteuren``, ``inkoopdocumenten``: ``Inkoopdocument``, ``Documentdatum``,
``Nettowaarde``, ``Vrijgegeven door``, a second name line) would write them.  Files with
names cp1252 cannot hold (``Erdoğan``) are written in UTF-8, as such a system must.  The scan of
each must flag the same decisions, people and counterparties as the scan of the demo: a
header read wrongly or a value format not understood loses or adds findings.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from coi_graph.demo import generate
from coi_graph.scan import scan


def _read_text(path: Path) -> pd.DataFrame:
    """A demo CSV or workbook as text, whatever its encoding and separator."""
    if path.suffix == ".xlsx":
        return pd.read_excel(path, dtype=str, engine="openpyxl").fillna("")
    raw = path.read_bytes()
    try:
        raw.decode("utf-8-sig")
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        encoding = "cp1252"
    head = raw.decode(encoding, "replace").splitlines()[0]
    sep = ";" if head.count(";") > head.count(",") else ","
    return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding=encoding)


def _table(data: Path, name: str) -> pd.DataFrame:
    return _read_text(next(p for p in sorted(data.iterdir()) if p.stem == name))


def _one_cell_address(d: pd.DataFrame) -> pd.Series:
    addition = d["house_number_addition"].map(lambda x: f"-{x}" if x else "")
    return d["street"] + " " + d["house_number"] + addition


def _american_moment(text: str, i: int) -> str:
    """``02-01-2024`` (the demo writes day first) as ``1/2/2024 9:14 AM``."""
    for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%y"):
        try:
            day = dt.datetime.strptime(text.strip(), fmt)
            break
        except ValueError:
            continue
    else:
        return text
    hour = i % 12 + 1
    return f"{day.month}/{day.day}/{day.year} {hour}:{i % 60:02d} {'AM' if i % 2 else 'PM'}"


def _english_amount(text: str) -> str:
    """``€ 20.820,00`` (Dutch) as ``20,820.00``; what is no amount stays as it is."""
    plain = text.replace("€", "").replace("\u00a0", "").strip()
    try:
        value = float(plain.replace(".", "").replace(",", "."))
    except ValueError:
        return text
    return f"{value:,.2f}"


def _copy_rest(data: Path, out: Path, done: set[str]) -> None:
    for path in data.iterdir():
        if path.stem not in done:
            shutil.copy(path, out / path.name)


def write_dynamics(data: Path, out: Path) -> None:
    out.mkdir(parents=True)
    emp, org, con = (_table(data, n) for n in ("employees", "organizations", "contracts"))
    pd.DataFrame({
        "Personnel number": emp.employee_id, "Name": emp.name, "Date of birth": emp.birth_date,
        "Address": _one_cell_address(emp), "ZIP/postal code": emp.postcode, "City": emp.city,
        "Department": emp.department, "Job title": emp.get("functie", ""), "Role": emp.role,
        "Employment start date": emp.employed_from, "Employment end date": emp.employed_until,
        "Private email": emp.email, "Mobile phone": emp.phone, "Bank account number": emp.iban,
    }).to_csv(out / "Workers.csv", index=False, encoding="utf-8-sig")
    pd.DataFrame({
        "Vendor account": org.org_id, "Name": org.name, "Vendor group": org.get("org_type", ""),
        "Chamber of Commerce number": org.kvk_number, "Address": _one_cell_address(org),
        "ZIP/postal code": org.postcode, "City": org.city, "Phone": org.phone,
        "Email": org.email, "Bank account": org.iban,
    }).to_csv(out / "Vendors.csv", index=False, encoding="utf-8-sig")
    pd.DataFrame({
        "Purchase order": con.decision_id, "Type": con.kind, "Vendor account": con.org_id,
        "Created date and time": [_american_moment(v, i)
                                  for i, v in enumerate(con.decision_date)],
        "Total amount": con.amount_eur.map(_english_amount), "Orderer": con.handled_by,
        "Approver": con.approved_by, "Requester": con.requested_by,
        "Description": con.description,
    }).to_csv(out / "Purchase orders.csv", sep=";", index=False, encoding="cp1252",
              errors="replace")
    _copy_rest(data, out, {"employees", "organizations", "contracts"})


def write_sap(data: Path, out: Path) -> None:
    out.mkdir(parents=True)
    emp, org, con = (_table(data, n) for n in ("employees", "organizations", "contracts"))
    emp.rename(columns={
        "employee_id": "Personeelsnr.", "name": "Naam", "birth_date": "Geb.datum",
        "department": "Organisatie-eenheid", "employed_from": "Begindatum dienstverband",
        "employed_until": "Einddatum dienstverband", "street": "Straat",
        "house_number": "Huisnummer", "house_number_addition": "Toev.", "postcode": "Postcode",
        "city": "Woonplaats", "iban": "IBAN", "email": "E-mail", "phone": "Telefoon",
        "role": "Rol"}).to_csv(out / "medewerkers.csv", sep=";", index=False,
                               encoding="utf-8-sig")
    pd.DataFrame({
        "Crediteur": org.org_id, "Naam 1": org.name, "Naam 2": "", "Straat": org.street,
        "Huisnummer": org.house_number, "Toev.": org.house_number_addition,
        "Postcode": org.postcode, "Plaats": org.city, "KvK-nummer": org.kvk_number,
        "IBAN": org.iban, "E-mailadres": org.email, "Telefoonnummer": org.phone,
        "Btw-nummer": "",
    }).to_csv(out / "crediteuren.csv", sep=";", index=False, encoding="utf-8")
    pd.DataFrame({
        "Inkoopdocument": con.decision_id, "Soort": con.kind, "Crediteur": con.org_id,
        "Documentdatum": con.decision_date, "Nettowaarde": con.amount_eur,
        "Inkoper": con.handled_by, "Vrijgegeven door": con.approved_by,
        "Aanvrager": con.requested_by, "Korte tekst": con.description,
    }).to_csv(out / "inkoopdocumenten.csv", sep=";", index=False, encoding="cp1252",
              errors="replace")
    _copy_rest(data, out, {"employees", "organizations", "contracts"})


def flagged(result) -> set[tuple[str, str, str, str]]:
    return {(f.rule, f.subject_id, f.decision_id, f.counterparty) for f in result.findings}


#: per rewritten table, the columns every value of which must read the same as the demo's
COMPARED = {
    "employees": ["employee_id", "name", "birth_date", "employed_from", "employed_until",
                  "postcode", "house_number", "iban", "email", "phone"],
    "organizations": ["org_id", "name", "kvk_number", "postcode", "house_number", "iban",
                      "email", "phone"],
    "contracts": ["decision_id", "kind", "org_id", "amount_eur", "decision_date", "handled_by",
                  "approved_by", "requested_by"],
}


def values(result, table: str) -> pd.DataFrame:
    frame = result.dataset.frame(table)
    cols = COMPARED[table]
    return frame[cols].astype(object).where(frame[cols].notna(), None).sort_values(
        cols[0]).reset_index(drop=True)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    generate(root, "small", seed=7)
    result = scan(root / "data", root / "run")
    assert len(result.findings) >= 15
    return root / "data", result


@pytest.mark.parametrize("write", [write_dynamics, write_sap], ids=["dynamics365", "sap"])
def test_the_demo_as_another_system_exports_it_gives_the_same_findings(
        demo, tmp_path: Path, write) -> None:
    data, base = demo
    expected = flagged(base)
    write(data, tmp_path / "data")
    result = scan(tmp_path / "data", tmp_path / "run")
    errors = [p.format() for p in result.dataset.errors]
    assert not errors, errors[:5]
    for table in COMPARED:  # every value read as from the demo's own files
        pd.testing.assert_frame_equal(values(result, table), values(base, table),
                                      check_dtype=False, obj=table)
    got = flagged(result)
    assert got == expected, (sorted(expected - got)[:5], sorted(got - expected)[:5])
    # every row of the three rewritten tables is used
    for table in ("employees", "organizations", "contracts"):
        for source in result.dataset.tables[table].sources:
            assert source.rows_read == source.rows_used, (source.file, source)
