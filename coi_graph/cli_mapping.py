"""``coi mapping DATA_DIR``: write a draft mapping file from the headers the exports have.

The draft says, per table, which files were found and which contract column each header
cell was taken for (by the contract's name or a built-in synonym); headers it could not
place are listed as comments with the likely column, for the user to confirm.
"""

from __future__ import annotations

from pathlib import Path

import click

from .cli_text import lang_option, t
from .errors import InputError

__all__ = ["draft_mapping", "mapping"]


def _quote(text: str) -> str:
    """A header as a YAML double-quoted string (JSON's form is one), with the characters
    a terminal acts on as escapes (a header with U+202E or U+009B went out as it was on the
    terminal the draft is printed on); YAML reads the same header back."""
    from .export_cells import terminal_json

    return terminal_json(text)


#: The draft's comments: (Dutch, English).  The keys and column names are the contract's.
_DRAFT = {
    "head": (["# coi-graph koppelbestand: welke bestanden elke tabel bevatten en welke kop elke "
              "kolom.",
              "# Opgesteld door `coi mapping`; controleer elke regel en voer dan `coi validate` "
              "uit op de map.",
              "# Een kolom gekoppeld aan `ignore` blijft een extra kolom. Zie "
              "docs/input-format.md."],
             ["# coi-graph mapping: which files hold each table and which header holds each "
              "column.",
              "# Drafted by `coi mapping`; check every line, then run `coi validate` on the "
              "folder.",
              "# A column mapped to `ignore` is kept as an extra column. See "
              "docs/input-format.md."]),
    "no_file": ("  # {name}: geen bestand gevonden ({what}); voeg `files:`-patronen toe",
                "  # {name}: no file found ({what}); add `files:` patterns"),
    "unreadable": ("      # {file}: kan niet worden gelezen: {why}",
                   "      # {file}: cannot be read: {why}"),
    "likely": ("?  # waarschijnlijk; bevestig, of schrijf ignore",
               "?  # likely; confirm or write ignore"),
    "extra": ("ignore  # extra kolom; koppel haar aan een kolom als ze er een bevat",
              "ignore  # extra column; map it to a column if it holds one"),
    "national_id": ("ignore  # een nationaal identificatienummer: wordt weggelaten, niet "
                    "gelezen en niet bewaard; haal het uit de export",
                    "ignore  # a national identification number: left out, not read and not "
                    "kept; remove it from the export"),
    "second": ("ignore  # lijkt op {column}, maar {other!r} wordt als {column} gelezen; "
               "wissel ze om als deze kolom {column} bevat",
               "ignore  # looks like {column}, but {other!r} is read as {column}; swap them if "
               "this column holds {column}"),
    "parts": ("      # {column}: samengesteld uit {parts} (die kolommen blijven extra kolommen)",
              "      # {column}: built from {parts} (those columns stay extra columns)"),
    "address": ("      # {columns}: uit {header} gehaald (die kolom blijft een extra kolom)",
                "      # {columns}: taken from {header} (that column stays an extra column)"),
    "missing": ("      # ontbreekt nog (verplicht): {names}",
                "      # still missing (required): {names}"),
}


def draft_mapping(data_dir: Path, sheet: str | None = None, lang: str = "en") -> str:
    """The text of a draft ``mapping.yaml`` for ``data_dir``, its comments in ``lang``."""
    from .cli_text import translate

    i = 0 if lang == "nl" else 1
    from ingest.header_mapping import (best_column, is_plausible_guess, load_mapping,
                                       resolve_header, resolve_headers)
    from ingest.address_parts import address_column
    from ingest.detect_bsn import is_national_id_column_name
    from ingest.name_parts import all_name_parts
    from ingest.read_files import UnreadableFile, locate_table_files, read_table_parts
    from ingest.tables import TABLES

    maps = load_mapping(data_dir, None)
    found, _problems = locate_table_files(data_dir, list(TABLES), maps)
    out = [*_DRAFT["head"][i], "tables:"]
    for name, spec in TABLES.items():
        paths = found.get(name) or []
        if not paths:
            out.append(_DRAFT["no_file"][i].format(name=name,
                                                   what=translate(spec.description, lang)))
            continue
        table_map = maps.table(name)
        out.append(f"  {name}:")
        out.append("    files: [" + ", ".join(
            _quote(p.relative_to(data_dir).as_posix()) for p in paths) + "]")
        if isinstance(table_map.sheet, tuple):
            out.append("    sheet: [" + ", ".join(map(_quote, table_map.sheet)) + "]")
        elif table_map.sheet or sheet:
            out.append(f"    sheet: {_quote(table_map.sheet or sheet or '')}")
        out.append("    columns:")
        mapped: set[str] = set()
        unplaced: list[str] = []
        seen: set[str] = set()
        for path in paths:
            try:
                raws = read_table_parts(path, sheet=table_map.sheet or sheet,
                                        header_row=table_map.header_row, spec=spec)
            except UnreadableFile as exc:
                out.append(_DRAFT["unreadable"][i].format(file=path.name,
                                                          why=translate(str(exc), lang)))
                continue
            for raw in raws:  # a workbook may hold the table on several sheets
                cells = [str(c).strip() for c in raw.header]
                resolved, _notes = resolve_headers(spec, cells, table_map)
                read_as = {column: cell for cell, column in zip(cells, resolved) if column}
                built: set[int] = set()  # columns the name or the address is taken from
                for parts in all_name_parts(raw, spec, table_map):
                    mapped.add(parts.target)
                    built.update(parts.columns.values())
                    out.append(_DRAFT["parts"][i].format(column=parts.target, parts=parts.label))
                whole = address_column(raw, spec, table_map)
                if whole is not None:
                    taken = [f"{whole.prefix}street",
                             *([] if whole.street_only else [f"{whole.prefix}house_number"]),
                             *whole.also]
                    mapped.update(taken)
                    built.add(whole.at)
                    out.append(_DRAFT["address"][i].format(columns=", ".join(taken),
                                                           header=whole.header))
                for at, (cell, column) in enumerate(zip(cells, resolved)):
                    if not cell or cell in seen or at in built:
                        continue
                    seen.add(cell)
                    if column:
                        mapped.add(column)
                        out.append(f"      {_quote(cell)}: {column}")
                    elif (also := resolve_header(spec, cell, table_map)) and also in read_as:
                        # a second header for a column this file already has: mapping both
                        # would make the column appear twice
                        out.append(f"      {_quote(cell)}: " + _DRAFT["second"][i].format(
                            column=also, other=read_as[also]))
                    else:
                        unplaced.append(cell)
        national = [c for c in unplaced if is_national_id_column_name(c)]
        unplaced = [c for c in unplaced if c not in national]
        open_columns = [c.name for c in spec.columns if c.name not in mapped]
        guesses = {cell: best_column(spec, cell, open_columns) for cell in unplaced}
        guesses = {cell: (likely, score) if likely and is_plausible_guess(spec, likely, cell)
                   else (None, score) for cell, (likely, score) in guesses.items()}
        taken: dict[str, str] = {}  # a guessed column goes to the header that fits it best
        for cell, (likely, score) in sorted(guesses.items(), key=lambda kv: -kv[1][1]):
            if likely and likely not in taken:
                taken[likely] = cell
        for cell in unplaced:
            likely, _ = guesses[cell]
            if likely and taken[likely] == cell:
                guess = likely + _DRAFT["likely"][i]
            elif likely:  # confirming both would make the column appear twice
                guess = _DRAFT["second"][i].format(column=likely, other=taken[likely])
            else:
                guess = _DRAFT["extra"][i]
            out.append(f"      {_quote(cell)}: {guess}")
        for cell in national:  # never offered as a column: ingest leaves it out
            out.append(f"      {_quote(cell)}: {_DRAFT['national_id'][i]}")
        missing = [c.name for c in spec.columns if c.required and c.name not in mapped]
        if missing:
            out.append(_DRAFT["missing"][i].format(names=", ".join(missing)))
    return "\n".join(out) + "\n"


@click.command()
@click.argument("data_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the draft [default: DATA_DIR/mapping.yaml].")
@click.option("--sheet", help="Sheet of the .xlsx files to read (name or number).")
@click.option("--force", is_flag=True, help="Overwrite an existing mapping file.")
@lang_option
def mapping(data_dir: Path, out: Path | None, sheet: str | None, force: bool, lang: str) -> None:
    """Write a draft mapping file from the headers found in DATA_DIR, for you to check.

    Lines ending in `?` are guesses: confirm them (remove the `?`) or write `ignore`.

    \b
    Example:
      coi mapping exports/2024
      coi validate exports/2024
    """
    if not data_dir.is_dir():
        raise InputError(t("no_folder", lang, path=data_dir))
    target = out or data_dir / "mapping.yaml"
    if target.exists() and not force:
        raise InputError(t("mapping_exists", lang, path=target))
    text = draft_mapping(data_dir, sheet, lang)
    target.write_text(text, encoding="utf-8")
    click.echo(text, nl=False)
    # a draft written elsewhere than DATA_DIR/mapping.yaml is read only when named: the
    # next step says so, or `coi validate DATA_DIR` would run without the draft
    default = (data_dir / "mapping.yaml").resolve()
    validate = (f"coi validate {data_dir}" if target.resolve() == default
                else f"coi validate {data_dir} --mapping {target}")
    click.echo(t("mapping_written", lang, path=target, validate=validate), err=True)
