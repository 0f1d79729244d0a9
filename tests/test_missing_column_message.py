"""The message for a missing required column reads as sentences in both languages.

Without a "Likely:" hint, the sentence after the column's meaning began in lower case
(``... (the employee's id). add it to the export``); the catalogue's Dutch rendering
followed it (``... voeg haar toe``)."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from coi_graph.cli import main


def test_a_missing_column_without_a_hint_starts_its_next_sentence_with_a_capital(
        tmp_path: Path) -> None:
    (tmp_path / "employees.csv").write_text("id;voornaam\nE1;Jan\n", encoding="utf-8")
    said = {"nl": ("ontbreekt (het id van de medewerker). Voeg haar toe aan de export",
                   "Waarschijnlijk: `voornaam` -> name?; voeg haar toe aan de export"),
            "en": ("is missing (the employee's id). Add it to the export",
                   "Likely: `voornaam` -> name?; add it to the export")}
    for lang, (plain, hinted) in said.items():
        out = CliRunner().invoke(main, ["validate", str(tmp_path), "--lang", lang]).output
        assert plain in out and hinted in out, (lang, out)
