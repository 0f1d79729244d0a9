"""The demo corporation written out as other systems export it scans to the same findings.

The demo's own files are the project's; these are the same records as a Dynamics 365
installation with an English interface (``Workers.csv``, ``Vendors.csv``, ``Purchase
orders.csv``: American dates with a time and AM/PM, English amounts, the address in one
cell, no order date but ``Created date and time``) and a Dutch SAP one (``medewerkers``,
``crediteuren``, ``inkoopdocumenten``: ``Inkoopdocument``, ``Documentdatum``,
``Nettowaarde``, ``Vrijgegeven door``, a second name line) would write them, and as a
Dutch HR system, accounting package and housing system would: the name in parts
(``Roepnaam``, ``Voorvoegsel``, ``Achternaam``), ``Startdatum``/``Einddatum``, the vendor
master as the web page an "Export naar Excel" writes under an ``.xls`` name (a title above,
the address in one cell), an allocation list with ``Toegewezen door``, ``Ingangsdatum``,
``Volgorde`` and ``Huurkorting``, and a family register with ``Geboortedatum relatie``.  Files with
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


_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op"}


def _name_parts(name: str) -> tuple[str, str, str]:
    """``Matthijs ter Horst`` as an HR system keeps it: (``Matthijs``, ``ter``, ``Horst``);
    a double surname keeps its own particles (``Brouwer-van den Berg``)."""
    first, *rest = name.split(" ")
    k = 0
    while k < len(rest) - 1 and rest[k].lower() in _PARTICLES:
        k += 1
    return first, " ".join(rest[:k]), " ".join(rest[k:])


def write_dutch_suite(data: Path, out: Path) -> None:
    out.mkdir(parents=True)
    emp, org, alc, rel = (_table(data, n) for n in
                          ("employees", "organizations", "allocations", "relatives"))
    parts = [_name_parts(n) for n in emp.name]
    pd.DataFrame({
        "Medewerker": emp.employee_id, "Roepnaam": [p[0] for p in parts],
        "Voorvoegsel": [p[1] for p in parts], "Achternaam": [p[2] for p in parts],
        "Geboortedatum": emp.birth_date, "Startdatum": emp.employed_from,
        "Einddatum": emp.employed_until, "Organisatorische eenheid": emp.department,
        "Rol": emp.role, "Straat": emp.street, "Huisnummer": emp.house_number,
        "Toev. aan huisnr.": emp.house_number_addition, "Postcode": emp.postcode,
        "Woonplaats": emp.city, "Bankrekening": emp.iban, "E-mail privé": emp.email,
        "Mobiel privé": emp.phone,
    }).to_csv(out / "medewerkers.csv", sep=";", index=False, encoding="utf-8-sig")
    vendors = pd.DataFrame({
        "Code": org.org_id, "Naam": org.name, "KvK-nummer": org.kvk_number,
        "Vestigingsadres": _one_cell_address(org), "Postcode vestiging": org.postcode,
        "Plaats": org.city, "IBAN": org.iban, "E-mail": org.email, "Telefoon": org.phone})
    (out / "Crediteuren export.xls").write_text(
        "<html><head><meta charset='utf-8'></head><body><table><tr><td>Crediteuren per "
        "31-12-2024</td></tr></table>" + vendors.to_html(index=False) + "</body></html>",
        encoding="utf-8")
    pd.DataFrame({
        "Contractnummer": alc.decision_id, "Soort toewijzing": alc.kind,
        "Ingangsdatum": alc.decision_date, "Toegewezen door": alc.handled_by,
        "Gefiatteerd door": alc.approved_by, "VHE-nummer": alc.unit_id,
        "Huurder": alc.applicant_name, "Geboortedatum huurder": alc.applicant_birth_date,
        "Straat": alc.applicant_street, "Huisnummer": alc.applicant_house_number,
        "Toevoeging": alc.applicant_house_number_addition, "Postcode": alc.applicant_postcode,
        "Plaats": alc.applicant_city, "IBAN": alc.applicant_iban, "E-mail": alc.applicant_email,
        "Telefoon": alc.applicant_phone, "Huurkorting": alc.discount_eur,
        "Volgorde": alc["rank"], "Toewijzingsmodel": alc.basis,
    }).to_csv(out / "verhuringen.csv", sep=";", index=False, encoding="utf-8-sig")
    rel.rename(columns={"employee_id": "Medewerker", "relation": "Relatie",
                        "name": "Naam relatie", "birth_date": "Geboortedatum relatie"}
               ).to_csv(out / "relaties.csv", sep=";", index=False, encoding="utf-8-sig")
    _copy_rest(data, out, {"employees", "organizations", "allocations", "relatives"})


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
    "allocations": ["decision_id", "kind", "decision_date", "handled_by", "approved_by",
                    "applicant_name", "applicant_birth_date", "applicant_postcode",
                    "applicant_house_number", "discount_eur", "rank", "basis"],
    "relatives": ["relative_id", "employee_id", "relation", "name", "birth_date"],
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


@pytest.mark.parametrize("write", [write_dynamics, write_sap, write_dutch_suite],
                         ids=["dynamics365", "sap", "afas-exact-housing"])
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
    for table in ("employees", "organizations", "contracts", "allocations", "relatives"):
        for source in result.dataset.tables[table].sources:
            assert source.rows_read == source.rows_used, (source.file, source)
