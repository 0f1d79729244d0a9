"""More systems than test_other_systems simulates, as an auditor receives their exports.

SAP's list output: a vendor master (LFA1) and purchase orders (EKKO) shown in a list and
saved as "unconverted" text: every row framed in ``|``, rulers of dashes above and below
the header, a page heading, a ruler and the header again on every page, a totals line
marked ``*`` at the end; SAP's short column texts (``Inkoopdoc.``, ``Doc.datum``, the
vendor number headed ``Leverancier`` in the vendor master), the vendor number with its
leading zeros in the master (``0000100076``) and without them on the orders (``100076``),
dates ``31.12.2024`` and credits ``1.234,56-``.  Scanned, they must flag the same as the
demo's own files, with every row used and every line that is no row named.

And a NUL byte in a value, as a value damaged on its way (or a mainframe's padding)
arrives: taken out with a warning that names its line, wherever in the file it is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coi_graph.cli_text import translate
from coi_graph.demo import generate
from coi_graph.scan import scan
from ingest.read_folder import read_dataset
from test_other_systems import _table, flagged

_KIND = {"purchase_order": "NB", "contract": "MK", "invoice": "FO", "tender_award": "AW"}


def _sap_date(text: str) -> str:
    for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).strftime("%d.%m.%Y")
        except ValueError:
            continue
    return text


def _sap_amount(text: str) -> str:
    """``€ -1.234,56`` as SAP writes it: ``1.234,56-``."""
    plain = text.replace("€", "").replace("\ufffd", "").strip()
    return plain[1:] + "-" if plain.startswith("-") else plain


def _list(header: list[str], rows: list[list[str]], page: int = 0,
          totals: list[str] | None = None) -> str:
    """Rows as SAP's list output frames them, a page heading and the header again after
    every ``page`` rows."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]

    def framed(cells: list[str]) -> str:
        return "|" + "|".join(c.ljust(w) for c, w in zip(cells, widths)) + "|"

    ruler = "-" * len(framed(header))
    out = ["30.11.2026      Dynamische lijstweergave      1", "", ruler, framed(header), ruler]
    for n, row in enumerate(rows):
        if page and n and n % page == 0:
            out += [ruler, "", f"30.11.2026      Dynamische lijstweergave      {n // page + 1}",
                    "", ruler, framed(header), ruler]
        out.append(framed(row))
    out.append(ruler)
    if totals:
        out += [framed(totals), ruler]
    return "\n".join(out) + "\n"


def write_sap_lists(data: Path, out: Path) -> dict[str, str]:
    """The demo with its vendor master and orders as SAP list output; the vendor numbers
    SAP gave the demo's organizations (``O00076`` -> ``100076``)."""
    out.mkdir(parents=True)
    org, con = _table(data, "organizations"), _table(data, "contracts")
    number = {o: "1" + o[1:].zfill(5) for o in org.org_id}
    vendors = [["0000" + number[r.org_id], r.name, r.street,
                r.house_number + r.house_number_addition, r.postcode, r.city, r.phone,
                r.kvk_number, r.iban] for r in org.itertuples()]
    (out / "crediteuren.txt").write_text(_list(
        ["Leverancier", "Naam 1", "Straat", "Huisnr", "Postcode", "Plaats", "Telefoon 1",
         "KvK-nummer", "IBAN"], vendors, page=60), encoding="cp1252", errors="replace")
    orders = [[r.decision_id, _KIND[r.kind], number[r.org_id], _sap_date(r.decision_date),
               _sap_amount(r.amount_eur).rjust(16), "EUR", r.handled_by, r.approved_by,
               r.requested_by, r.description] for r in con.itertuples()]
    (out / "inkooporders.txt").write_text(_list(
        ["Inkoopdoc.", "Srt", "Leverancier", "Doc.datum", "Nettowaarde", "Valuta", "Inkoper",
         "Vrijgegeven door", "Aanvrager", "Korte tekst"], orders, page=500,
        totals=["*", "", "", "", "123.456.789,00", "EUR", "", "", "", ""]),
        encoding="cp1252", errors="replace")
    for name in ("employees", "relatives", "officers", "allocations", "mandates"):
        source = next(p for p in data.iterdir() if p.stem == name)
        (out / source.name).write_bytes(source.read_bytes())
    for name in ("declarations", "gifts"):  # the organizations by their SAP number
        frame = _table(data, name)
        frame["org_id"] = frame["org_id"].map(lambda o: number.get(o, o))
        frame.to_csv(out / f"{name}.csv", sep=";", index=False, encoding="utf-8")
    return number


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    generate(root, "small", seed=7)
    result = scan(root / "data", root / "run")
    assert len(result.findings) >= 15
    return root / "data", result


def test_sap_list_output_gives_the_demos_findings_with_every_row_used(demo, tmp_path: Path
                                                                      ) -> None:
    data, base = demo
    number = write_sap_lists(data, tmp_path / "data")
    result = scan(tmp_path / "data", tmp_path / "run")
    errors = [p.format() for p in result.dataset.errors]
    assert not errors, errors[:5]
    back = {"organization:0000" + n: "organization:" + o for o, n in number.items()}
    got = {(rule, subject, decision, back.get(party, party))
           for rule, subject, decision, party in flagged(result)}
    expected = flagged(base)
    assert got == expected, (sorted(expected - got)[:5], sorted(got - expected)[:5])
    for table, rows in (("organizations", len(_table(data, "organizations"))),
                        ("contracts", len(_table(data, "contracts")))):
        [source] = result.dataset.tables[table].sources
        assert source.rows_read == source.rows_used == rows, (table, source)
    amounts = dict(zip(result.dataset.frame("contracts")["decision_id"],
                       result.dataset.frame("contracts")["amount_eur"]))
    assert amounts == dict(zip(base.dataset.frame("contracts")["decision_id"],
                               base.dataset.frame("contracts")["amount_eur"]))
    said = {(w.file, w.message) for w in result.dataset.warnings if w.line is None}
    rulers = [m for f, m in said if f == "crediteuren.txt" and "framed by '|'" in m]
    # the ruler under the header, per further page a ruler, its heading and the rulers
    # around the header repeated there, and the last ruler
    outside = 1 + 4 * (-(-len(number) // 60) - 1) + 1
    assert rulers and rulers[0].startswith(f"{outside} line(s)"), rulers
    assert any(f == "inkooporders.txt" and "footer" in m and "'*" in m for f, m in said), said
    dutch = translate(rulers[0], "nl")
    assert dutch.startswith(f"{outside} regel(s) van de lijst tussen '|'"), dutch


def test_list_lines_are_left_out_and_every_row_keeps_its_line(tmp_path: Path) -> None:
    """The lines of a framed list that are no rows are blanked, not cut: each row keeps
    the line of the file it is on, as every problem and finding cites it."""
    (tmp_path / "employees.csv").write_text(
        "Personeelslijst\n"
        "---------------------\n"
        "|Persnr|Naam        |\n"
        "|------+------------|\n"
        "|E1    |Jan de Vries|\n"
        "---------------------\n"
        "\n"
        "Pagina 2\n"
        "|Persnr|Naam        |\n"
        "|------+------------|\n"
        "|E2    |            |\n", encoding="utf-8")
    (tmp_path / "organizations.csv").write_text("org_id;name\nO1;Bouw B.V.\n", encoding="utf-8")
    (tmp_path / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by\nC1;O1;01-03-2024;E1\n", encoding="utf-8")
    ds = read_dataset(tmp_path)
    [missing] = [p for p in ds.errors]
    assert (missing.file, missing.line, missing.column) == ("employees.csv", 11, "name")
    [said] = [w.message for w in ds.warnings if "framed by '|'" in w.message]
    assert said.startswith("4 line(s)") and "4, 6, 8, 10" in said, said
    assert ds.frame("employees")["employee_id"].tolist() == ["E1"]


def test_a_pipe_delimited_file_without_the_frame_keeps_every_line(tmp_path: Path) -> None:
    """Only a list whose header is framed by ``|`` has lines outside it: in a plain file
    delimited by ``|`` a line of dashes is a row (here a broken one, reported)."""
    (tmp_path / "employees.csv").write_text(
        "Persnr|Naam\nE1|Jan de Vries\n-----|\nE2|Piet Jansen\n", encoding="utf-8")
    (tmp_path / "organizations.csv").write_text("org_id;name\nO1;Bouw B.V.\n", encoding="utf-8")
    (tmp_path / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by\nC1;O1;01-03-2024;E1\n", encoding="utf-8")
    ds = read_dataset(tmp_path)
    assert [(p.file, p.line) for p in ds.errors] == [("employees.csv", 3)]
    assert not [w for w in ds.warnings if "framed by '|'" in w.message]


def test_nul_bytes_in_values_are_taken_out_with_their_lines(tmp_path: Path) -> None:
    """A NUL byte is taken out of the value wherever it is (in the first 64 KiB it
    refused the file as binary without a line; further on it stayed in the value,
    unreported), with a warning naming its lines, in Dutch too; a binary file (many NUL
    bytes, or a NUL beside other control bytes) is still refused."""
    rows = [f"E{i};Medewerker {i}" for i in range(1, 4001)]  # well over 64 KiB
    rows[2] = "E3;Jan\x00 de Vries"
    rows[3500] = "E3501;Piet Jansen\x00\x00"
    (tmp_path / "employees.csv").write_bytes(
        ("employee_id;name\n" + "\n".join(rows) + "\n").encode("utf-8"))
    (tmp_path / "organizations.csv").write_text("org_id;name\nO1;Bouw B.V.\n", encoding="utf-8")
    (tmp_path / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by\nC1;O1;01-03-2024;E1\n", encoding="utf-8")
    ds = read_dataset(tmp_path)
    assert not ds.errors, [p.format() for p in ds.errors]
    names = dict(zip(ds.frame("employees")["employee_id"], ds.frame("employees")["name"]))
    assert names["E3"] == "Jan de Vries" and names["E3501"] == "Piet Jansen"
    [said] = [w.message for w in ds.warnings if "NUL" in w.message]
    assert said.startswith("3 NUL byte(s)") and "line(s) 4, 3502;" in said, said
    assert translate(said, "nl").startswith("3 NUL-byte(s) (geen teken van enige tekst) uit de "
                                            "waarden gehaald op regel(s) 4, 3502; controleer")
    for binary in (b"\x00" * 100 + b"employee_id;name\n", b"\x00\x01\x02 employee_id;name\n"):
        (tmp_path / "employees.csv").write_bytes(binary)
        ds = read_dataset(tmp_path)
        assert [(p.file, p.action) for p in ds.errors] == [("employees.csv", "refuse_file")]


def test_a_byte_windows_1252_lacks_is_on_its_line_after_nul_bytes_are_taken_out(
        tmp_path: Path) -> None:
    """The positions of the bytes above 0x7F that the encoding guess found are in the bytes
    with the NULs: taken out, they are looked for again, so the byte is cited on its own
    line (not 50 bytes further on)."""
    rows = ["employee_id;name", "E1;Jos\xe9" + "\x00" * 50] + [
        f"E{i};Ren\xe9 {i}" for i in range(2, 40)]
    data = ("\n".join(rows) + "\n").encode("latin-1").replace(b"E5;", b"E5;\x81", 1)
    (tmp_path / "employees.csv").write_bytes(data)
    (tmp_path / "organizations.csv").write_text("org_id;name\nO1;Bouw B.V.\n", encoding="utf-8")
    (tmp_path / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by\nC1;O1;01-03-2024;E1\n", encoding="utf-8")
    ds = read_dataset(tmp_path)
    assert [(w.line, w.message[:9]) for w in ds.warnings if "0x81" in w.message] == [
        (6, "byte 0x81")]


def test_dynamics_in_dutch_orders_by_their_creation_give_the_demos_findings(
        demo, tmp_path: Path) -> None:
    """Tobias AX (Dynamics for housing) with a Dutch interface lists purchase orders
    without an order date or buyer: ``Gemaakt op datum en tijd`` and ``Gemaakt door``
    stand in for them, as ``Created date and time`` / ``Created by`` do in English."""
    data, base = demo
    out = tmp_path / "data"
    out.mkdir()
    con = _table(data, "contracts")
    frame = con.rename(columns={
        "decision_id": "Inkooporder", "org_id": "Leveranciersrekening", "kind": "Soort",
        "amount_eur": "Totaalbedrag", "handled_by": "Gemaakt door",
        "approved_by": "Goedkeurder", "requested_by": "Aanvrager",
        "description": "Omschrijving"})
    frame["Gemaakt op datum en tijd"] = [
        f"{_sap_date(v).replace('.', '-')} {8 + i % 9:02d}:{i % 60:02d}:00"
        for i, v in enumerate(con.decision_date)]
    frame = frame.drop(columns=["decision_date"])
    frame.to_csv(out / "Inkooporders.csv", sep=";", index=False, encoding="utf-8-sig")
    for source in data.iterdir():
        if source.stem != "contracts":
            (out / source.name).write_bytes(source.read_bytes())
    result = scan(out, tmp_path / "run")
    assert not result.dataset.errors, [p.format() for p in result.dataset.errors][:5]
    columns = ["decision_id", "org_id", "decision_date", "handled_by", "amount_eur", "kind"]
    assert result.dataset.frame("contracts")[columns].equals(
        base.dataset.frame("contracts")[columns])
    assert flagged(result) == flagged(base)


def test_youforce_staff_lists_in_two_overlapping_workbooks_read_as_the_demos(
        demo, tmp_path: Path) -> None:
    """An HR system's staff lists as workbooks (Youforce): an explanation sheet first, a
    title above the header, short headers (``Pers.nr.``, ``Geb.datum``, ``Huisnr.``,
    ``Tel. mobiel``), the name in parts, dates as date cells, a count below the data, and
    the employees who left in a second export that repeats some of the first."""
    import openpyxl

    data, base = demo
    out = tmp_path / "data"
    out.mkdir()
    emp = _table(data, "employees")

    def day(text: str):
        return dt.datetime.strptime(_sap_date(text), "%d.%m.%Y") if text.strip() else None

    header = ["Pers.nr.", "Roepnaam", "Achternaam", "Geb.datum", "Datum in dienst",
              "Datum uit dienst", "Afdeling", "Straat", "Huisnr.", "Toev.", "Postcode",
              "Woonplaats", "IBAN", "E-mail privé", "Tel. mobiel"]
    left = emp[emp.employed_until != ""]
    for name, part in (("Medewerkers actief.xlsx", emp), ("Medewerkers uit dienst.xlsx", left)):
        book = openpyxl.Workbook()
        book.active.title = "Toelichting"
        book.active.append(["Export uit Youforce, peildatum 30-11-2026"])
        sheet = book.create_sheet("Medewerkers")
        sheet.append(["Rapport medewerkers"])
        sheet.append(header)
        for r in part.itertuples():
            first, _, last = r.name.partition(" ")
            sheet.append([r.employee_id, first, last, day(r.birth_date), day(r.employed_from),
                          day(r.employed_until), r.department, r.street, r.house_number,
                          r.house_number_addition, r.postcode, r.city, r.iban, r.email,
                          r.phone])
        sheet.append([f"Aantal medewerkers: {len(part)}"])
        book.save(out / name)
    for source in data.iterdir():
        if source.stem != "employees":
            (out / source.name).write_bytes(source.read_bytes())
    result = scan(out, tmp_path / "run")
    assert not result.dataset.errors, [p.format() for p in result.dataset.errors][:5]
    columns = ["employee_id", "name", "birth_date", "employed_from", "employed_until",
               "postcode", "house_number", "iban", "email", "phone"]
    got = result.dataset.frame("employees")[columns].sort_values("employee_id")
    want = base.dataset.frame("employees")[columns].sort_values("employee_id")
    assert got.reset_index(drop=True).equals(want.reset_index(drop=True))
    sources = {s.file: s for s in result.dataset.tables["employees"].sources}
    assert sources["Medewerkers uit dienst.xlsx"].rows_skipped == len(left) > 0
    assert flagged(result) == flagged(base)


def test_a_value_over_the_limit_is_refused_with_its_line_and_column(tmp_path: Path) -> None:
    """A 3 MB description (a hostile file, or a field a system filled by mistake) refuses
    the file, saying on which line and in which column, in Dutch too."""
    (tmp_path / "employees.csv").write_text(
        "employee_id;name;department\nE1;Jan de Vries;Wonen\nE2;Piet Jansen;"
        + "x" * 3_000_000 + "\nE3;Kees Bakker;Inkoop\n", encoding="utf-8")
    (tmp_path / "organizations.csv").write_text("org_id;name\nO1;Bouw B.V.\n", encoding="utf-8")
    (tmp_path / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by\nC1;O1;01-03-2024;E1\n", encoding="utf-8")
    ds = read_dataset(tmp_path)
    [problem] = ds.errors
    assert problem.file == "employees.csv" and problem.action == "refuse_file"
    assert "on line 3 the value of column 'department' is longer than 1,000,000" in \
        problem.message, problem.message
    assert "op regel 3 is de waarde van kolom 'department' langer dan 1.000.000 tekens" in \
        translate(problem.format(), "nl")


def test_a_file_not_read_is_named_in_the_scans_summary(tmp_path: Path) -> None:
    """An allocation system's list in fixed-width columns (``verhuringen.txt``, no
    delimiter, so no header the analyzer knows) is not read: the summary said only that
    no file of allocations was found, and the note that this file was not read stood in
    run.json alone.  It is named under the tables not supplied, in Dutch too; validate,
    which lists every problem already, does not repeat it."""
    from click.testing import CliRunner

    from coi_graph.cli import main

    data = tmp_path / "data"
    data.mkdir()
    (data / "employees.csv").write_text("employee_id;name\nE1;Jan de Vries\n", encoding="utf-8")
    (data / "organizations.csv").write_text("org_id;name\nO1;Bouw B.V.\n", encoding="utf-8")
    (data / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by\nC1;O1;01-03-2024;E1\n", encoding="utf-8")
    (data / "verhuringen.txt").write_text(
        "Dossiernr Datum      Behandelaar Naam huurder\n"
        "A1        01-03-2024 E1          Piet Jansen\n", encoding="utf-8")
    runner = CliRunner()
    for lang, heading, note in (
            ("en", "Files in the folder that were not read: 1",
             "  verhuringen.txt: not read: named like a file of table allocations"),
            ("nl", "Bestanden in de map die niet zijn gelezen: 1",
             "  verhuringen.txt: niet gelezen: heeft de naam van een bestand van tabel "
             "allocations")):
        res = runner.invoke(main, ["scan", str(data), "--out", str(tmp_path / lang), "--lang",
                                   lang, "--workspace", str(tmp_path / "ws.sqlite")])
        assert res.exit_code == 0, res.output
        lines = res.output.splitlines()
        assert heading in lines, res.output
        assert lines[lines.index(heading) + 1].startswith(note), res.output
    checked = runner.invoke(main, ["validate", str(data), "--lang", "en"])
    assert "Files in the folder that were not read" not in checked.output
    assert checked.output.count("verhuringen.txt: not read") == 1, checked.output


def test_sap_s4_purchase_orders_in_english_give_the_demos_values(demo, tmp_path: Path
                                                                  ) -> None:
    """SAP S/4HANA's "Manage Purchase Orders" exported to a spreadsheet in English:
    ``Purchase Order Date``, ``Net Order Value`` (a number cell), ``Created By``,
    ``Requisitioner``; the supplier's name beside its number."""
    import openpyxl

    data, base = demo
    out = tmp_path / "data"
    out.mkdir()
    con = _table(data, "contracts")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Purchase Order", "Supplier", "Purchase Order Date", "Net Order Value",
                  "Currency", "Created By", "Approver", "Requisitioner", "Short Text", "Type"])
    for r in con.itertuples():
        amount = _sap_amount(r.amount_eur)
        value = (-1 if amount.endswith("-") else 1) * float(
            amount.rstrip("-").replace(".", "").replace(",", ".")) if amount else None
        sheet.append([r.decision_id, r.org_id,
                      dt.datetime.strptime(_sap_date(r.decision_date), "%d.%m.%Y"), value,
                      "EUR", r.handled_by, r.approved_by, r.requested_by, r.description,
                      r.kind])
    book.save(out / "Purchase Orders.xlsx")
    for source in data.iterdir():
        if source.stem != "contracts":
            (out / source.name).write_bytes(source.read_bytes())
    result = scan(out, tmp_path / "run")
    assert not result.dataset.errors, [p.format() for p in result.dataset.errors][:5]
    columns = ["decision_id", "org_id", "decision_date", "handled_by", "approved_by",
               "requested_by", "amount_eur", "kind"]
    assert result.dataset.frame("contracts")[columns].equals(
        base.dataset.frame("contracts")[columns])
    assert flagged(result) == flagged(base)


def test_twinfield_creditors_and_nmbrs_staff_give_the_demos_findings(demo, tmp_path: Path
                                                                      ) -> None:
    """Twinfield's creditor list (``Code``, ``Adres regel 1``, ``Bankrekeningnummer
    (IBAN)``) and Nmbrs' staff export in English (``Employee number``, ``First name``,
    ``Prefix``, ``Last name``, ``Zip code``): the shared bank account between an employee
    and a supplier is still found."""
    from test_other_systems import _name_parts, _one_cell_address

    data, base = demo
    out = tmp_path / "data"
    out.mkdir()
    org, emp = _table(data, "organizations"), _table(data, "employees")
    org.assign(**{"Adres regel 1": _one_cell_address(org)}).rename(columns={
        "org_id": "Code", "name": "Naam", "postcode": "Postcode", "city": "Plaats",
        "phone": "Telefoonnummer", "email": "E-mailadres", "kvk_number": "KvK-nummer",
        "iban": "Bankrekeningnummer (IBAN)"})[[
            "Code", "Naam", "Adres regel 1", "Postcode", "Plaats", "Telefoonnummer",
            "E-mailadres", "KvK-nummer", "Bankrekeningnummer (IBAN)"]].to_csv(
        out / "Crediteuren Twinfield.csv", sep=";", index=False, encoding="utf-8-sig")
    parts = [_name_parts(n) for n in emp.name]
    emp.assign(**{"First name": [p[0] for p in parts], "Prefix": [p[1] for p in parts],
                  "Last name": [p[2] for p in parts]}).rename(columns={
        "employee_id": "Employee number", "birth_date": "Birthdate",
        "employed_from": "Start date", "employed_until": "End date", "street": "Street",
        "house_number": "House number", "house_number_addition": "House number addition",
        "postcode": "Zip code", "city": "City", "iban": "IBAN", "email": "Email",
        "phone": "Mobile phone"}).drop(columns=["name"]).to_csv(
        out / "Nmbrs employees export.csv", index=False, encoding="utf-8")
    for source in data.iterdir():
        if source.stem not in ("organizations", "employees"):
            (out / source.name).write_bytes(source.read_bytes())
    result = scan(out, tmp_path / "run")
    assert not result.dataset.errors, [p.format() for p in result.dataset.errors][:5]
    for table, columns in (("organizations", ["org_id", "name", "iban", "postcode"]),
                           ("employees", ["employee_id", "name", "iban", "birth_date"])):
        got = result.dataset.frame(table)[columns].sort_values(columns[0]).reset_index(drop=True)
        want = base.dataset.frame(table)[columns].sort_values(columns[0]).reset_index(drop=True)
        assert got.equals(want), table
    assert flagged(result) == flagged(base)


def test_registers_kept_by_hand_with_remarks_in_their_headers_read_as_the_demos(
        demo, tmp_path: Path) -> None:
    """A gift register and a mandate register kept in Excel head their columns with a
    remark: ``Waarde (geschat)``, ``Gever (organisatie)``, ``Ingeleverd j/n``, ``Gemeld
    j/n``, ``Mandaat (EUR excl. btw)``.  The scan refused them (no giver, no limit) and
    would have left the value and the yes/no answers out."""
    data, base = demo
    out = tmp_path / "data"
    out.mkdir()
    gifts, mandates = _table(data, "gifts"), _table(data, "mandates")
    gifts.drop(columns=["org_id"]).rename(columns={
        "gift_id": "Nr.", "employee_id": "Medewerker", "org_name": "Gever (organisatie)",
        "date": "Datum ontvangst", "kind": "Soort", "value_eur": "Waarde (geschat)",
        "handed_in": "Ingeleverd j/n", "reported": "Gemeld (j/n)",
        "description": "Omschrijving"}).to_csv(
        out / "Geschenkenregister 2024.csv", sep=";", index=False, encoding="utf-8-sig")
    mandates.rename(columns={
        "employee_id": "Budgethouder", "limit_eur": "Mandaat (EUR excl. btw)",
        "kind": "Soort", "valid_from": "Geldig vanaf", "valid_until": "Geldig tot"}).to_csv(
        out / "Mandaatregister.csv", sep=";", index=False, encoding="utf-8-sig")
    for source in data.iterdir():
        if source.stem not in ("gifts", "mandates"):
            (out / source.name).write_bytes(source.read_bytes())
    result = scan(out, tmp_path / "run")
    assert not result.dataset.errors, [p.format() for p in result.dataset.errors][:5]
    for table, columns in (("gifts", ["gift_id", "value_eur", "handed_in", "reported"]),
                           ("mandates", ["employee_id", "limit_eur", "valid_from"])):
        got = result.dataset.frame(table)[columns].sort_values(columns).reset_index(drop=True)
        want = base.dataset.frame(table)[columns].sort_values(columns).reset_index(drop=True)
        assert got.equals(want), table
    assert flagged(result) == flagged(base)


@pytest.mark.parametrize("table, header, column", [
    ("gifts", "Waarde (geschat)", "value_eur"), ("gifts", "Gemeld j/n", "reported"),
    ("gifts", "Ingeleverd (ja/nee)", "handed_in"), ("contracts", "Bedrag [EUR]", "amount_eur"),
    ("contracts", "Bedrag (excl. btw)", "amount_eur"), ("employees", "Telefoon (werk)", "phone"),
    # a remark that makes it another column, or names another one: not read so
    ("contracts", "Bedrag (incl. btw)", None), ("contracts", "Bedrag (bruto)", None),
    ("allocations", "Postcode (VHE)", None), ("allocations", "Telefoon (woning)", None),
    ("relatives", "Geboortedatum (medewerker)", None), ("gifts", "Gemeld ja/neen", None),
])
def test_a_header_with_a_remark_after_it(table: str, header: str, column: str | None) -> None:
    from ingest.header_mapping import resolve_headers
    from ingest.tables import TABLES

    assert resolve_headers(TABLES[table], [header])[0] == [column]


def test_messages_about_missing_or_lookalike_columns_read_whole_in_dutch(tmp_path: Path
                                                                       ) -> None:
    """``needs a column 'org_id' or 'org_name'`` came out in Dutch with the English
    ``or`` in it, and a look-alike header of a column without a description as
    ``handed_in ()``."""
    from coi_graph.cli_text import problem_line

    (tmp_path / "employees.csv").write_text("employee_id;name\nE1;Jan de Vries\n",
                                            encoding="utf-8")
    (tmp_path / "organizations.csv").write_text("org_id;name\nO1;Bouw B.V.\n", encoding="utf-8")
    (tmp_path / "contracts.csv").write_text(
        "decision_id;org_id;decision_date;handled_by\nC1;O1;01-03-2024;E1\n", encoding="utf-8")
    (tmp_path / "gifts.csv").write_text(
        "gift_id;employee_id;datum;ingeleverd bij receptie\nG1;E1;01-03-2024;ja\n",
        encoding="utf-8")
    (tmp_path / "declarations.csv").write_text(
        "declaration_id;employee_id;kind\nD1;E1;nevenfunctie\n", encoding="utf-8")
    ds = read_dataset(tmp_path)
    said = {(p.file, p.column): (problem_line(p, "en"), problem_line(p, "nl"))
            for p in ds.problems}
    en, nl = said[("gifts.csv", "org_id")]
    assert "needs a column 'org_id' or 'org_name';" in en
    assert "heeft een kolom 'org_id' of 'org_name' nodig;" in nl
    en, nl = said[("declarations.csv", "org_id")]
    assert "needs a column 'org_id' or 'org_name' or 'kvk_number';" in en
    assert "heeft een kolom 'org_id', 'org_name' of 'kvk_number' nodig;" in nl
    en, nl = said[("gifts.csv", "handed_in")]
    assert "looks like handed_in but is not read" in en, en
    assert "kop 'ingeleverd bij receptie' lijkt op handed_in maar wordt er niet als gelezen" \
        in nl, nl


def test_overlapping_exports_that_write_a_reference_otherwise_are_one_record(
        tmp_path: Path) -> None:
    """January's order export went through Excel (the vendor number lost its zeros, the
    buyer's id its case), February's came straight from the ERP: the order both hold was
    a duplicate id "with other values in org_id", an error.  Now it is one record with a
    warning naming how each writes it, in Dutch too (a file name with a space in the
    place: "Orders 2024-01.csv regel 2" was left in English); an order whose supplier
    really differs stays an error."""
    from coi_graph.cli_text import problem_line

    (tmp_path / "employees.csv").write_text("employee_id;name\nE0024;Jan de Vries\n",
                                            encoding="utf-8")
    (tmp_path / "organizations.csv").write_text(
        "org_id;name\n0000104711;Bouw B.V.\n0000104712;Dak B.V.\n", encoding="utf-8")
    (tmp_path / "contracts").mkdir()
    head = "decision_id;org_id;decision_date;handled_by;amount_eur\n"
    (tmp_path / "contracts" / "Orders 2024-01.csv").write_text(
        head + "4500000001;104711;31-01-2024;e0024;1.234,56\n"
               "4500000002;104711;31-01-2024;E0024;99,00\n", encoding="utf-8")
    (tmp_path / "contracts" / "Orders 2024-02.csv").write_text(
        head + "4500000001;0000104711;31-01-2024;E0024;1234.56\n"
               "4500000002;0000104712;31-01-2024;E0024;99,00\n", encoding="utf-8")
    ds = read_dataset(tmp_path)
    [conflict] = ds.errors
    assert (conflict.file, conflict.line) == ("contracts/Orders 2024-02.csv", 3)
    assert "with other values in org_id" in conflict.message
    [same] = [w for w in ds.warnings if "but for how it writes" in w.message]
    assert (same.file, same.line) == ("contracts/Orders 2024-02.csv", 2)
    assert same.message.startswith(
        "this row is the same as contracts/Orders 2024-01.csv line 2 (decision_id "
        "'4500000001') but for how it writes org_id ('0000104711' / '104711'), handled_by "
        "('E0024' / 'e0024'); overlapping exports: it is used once"), same.message
    assert "deze rij is gelijk aan contracts/Orders 2024-01.csv regel 2 (decision_id " \
        "'4500000001'), op de schrijfwijze van org_id" in problem_line(same, "nl")
    assert "komt ook voor op contracts/Orders 2024-01.csv regel 3 met andere waarden in " \
        "org_id" in problem_line(conflict, "nl"), problem_line(conflict, "nl")
    [source] = [s for s in ds.tables["contracts"].sources if s.file.endswith("02.csv")]
    assert source.rows_read == 2 and source.rows_skipped == 2
