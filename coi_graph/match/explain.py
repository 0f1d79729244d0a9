"""The features of a match in the reader's language (Dutch or English).

Why a separate module: a match is stored as codes plus parameters
(:class:`coi_graph.match.compare.Feature`); the words are chosen at display time, so the same
findings read in Dutch or English and no text is ever parsed back.

>>> from coi_graph.match.compare import Feature
>>> f = Feature("birth.swapped", (("a", "1980-05-01"), ("b", "1980-01-05")), 6.0)
>>> feature_text(f, "nl")
'geboortedatum 1980-05-01 / 1980-01-05: dag en maand verwisseld (+6)'
>>> feature_text(f, "en")
'birth date 1980-05-01 / 1980-01-05: day and month swapped (+6)'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["feature_text", "explain", "TEXTS", "band_text", "judgement_text"]

#: code -> (English, Dutch); ``{a}``/``{b}`` are the two compared values.
TEXTS: dict[str, tuple[str, str]] = {
    "surname.exact": ("surname {a} = {b}", "achternaam {a} = {b}"),
    "surname.translit": ("surname {a} / {b}: same after transliteration (ö = oe)",
                         "achternaam {a} / {b}: gelijk na transliteratie (ö = oe)"),
    "surname.particle": ("surname {a} / {b}: same without a name particle (el, al)",
                         "achternaam {a} / {b}: gelijk zonder naamdeel (el, al)"),
    "surname.particle_joined": ("surname {a} / {b}: the same, the tussenvoegsel written "
                                "together with the surname on a side",
                                "achternaam {a} / {b}: gelijk, het tussenvoegsel aan een kant "
                                "aan de achternaam vast geschreven"),
    "surname.part": ("surname {a} / {b}: one part of a double surname is the same",
                     "achternaam {a} / {b}: één deel van een dubbele naam is gelijk"),
    "surname.typo": ("surname {a} / {b}: one typing error apart",
                     "achternaam {a} / {b}: één tikfout verschil"),
    "surname.similar": ("surname {a} / {b}: similar spelling ({similarity})",
                        "achternaam {a} / {b}: lijkt op elkaar ({similarity})"),
    "surname.missing": ("surname missing on a side", "achternaam ontbreekt aan een kant"),
    "surname.different": ("surname {a} / {b}: different", "achternaam {a} / {b}: verschillend"),
    "name.swapped": ("name {a} / {b}: given name and surname swapped",
                     "naam {a} / {b}: voornaam en achternaam verwisseld"),
    "name.swapped_typo": ("name {a} / {b}: given name and surname swapped, a typing error in "
                          "each", "naam {a} / {b}: voornaam en achternaam verwisseld, in elk "
                          "één tikfout"),
    "name.one_word": ("name {a} / {b}: only the given name on a side",
                      "naam {a} / {b}: alleen de voornaam aan een kant"),
    "name.one_word_typo": ("name {a} / {b}: only the given name on a side, with one typing "
                           "error", "naam {a} / {b}: alleen de voornaam aan een kant, met één "
                           "tikfout"),
    "name.spacing": ("name {a} / {b}: the same letters, a space elsewhere",
                     "naam {a} / {b}: dezelfde letters, een spatie ergens anders"),
    "name.spacing_typo": ("name {a} / {b}: the same letters but one typing error, a space "
                          "elsewhere", "naam {a} / {b}: dezelfde letters op één tikfout na, "
                          "een spatie ergens anders"),
    "name.surname_changed": ("name {a} / {b}: the same given names under another surname (a "
                             "partner's surname taken or given up)",
                             "naam {a} / {b}: dezelfde voornamen onder een andere achternaam "
                             "(naam van de partner aangenomen of weer afgelegd)"),
    "given.exact": ("given name {a} = {b}", "voornaam {a} = {b}"),
    "given.translit": ("given name {a} / {b}: same after transliteration",
                       "voornaam {a} / {b}: gelijk na transliteratie"),
    "given.joined": ("given names {a} / {b}: the same given names, written together on one "
                     "side", "voornamen {a} / {b}: dezelfde voornamen, aan een kant aaneen "
                     "geschreven"),
    "given.call_name": ("given name {a} / {b}: call name of the same registered name",
                        "voornaam {a} / {b}: roepnaam van dezelfde officiële naam"),
    "given.part": ("given names {a} / {b}: a given name missing on a side",
                   "voornamen {a} / {b}: een voornaam ontbreekt aan een kant"),
    "given.initials": ("given names {a} / {b}: the initials fit",
                       "voornamen {a} / {b}: de initialen passen"),
    "given.initials_partial": ("given names {a} / {b}: the initials fit, but one stands for no "
                               "name on the other side", "voornamen {a} / {b}: de initialen "
                               "passen, maar één staat voor geen naam aan de andere kant"),
    "given.typo": ("given name {a} / {b}: one typing error apart",
                   "voornaam {a} / {b}: één tikfout verschil"),
    "given.initial_call": ("given names {a} / {b}: the initial fits the registered name of the "
                           "call name", "voornamen {a} / {b}: de initiaal past bij de officiële "
                           "naam van de roepnaam"),
    "given.missing": ("given names missing on a side", "voornamen ontbreken aan een kant"),
    "given.different": ("given name {a} / {b}: different", "voornaam {a} / {b}: verschillend"),
    "birth.exact": ("birth date {a} = {b}", "geboortedatum {a} = {b}"),
    "birth.swapped": ("birth date {a} / {b}: day and month swapped",
                      "geboortedatum {a} / {b}: dag en maand verwisseld"),
    "birth.one_digit": ("birth date {a} / {b}: one digit differs",
                        "geboortedatum {a} / {b}: één cijfer verschil"),
    "birth.year_off": ("birth date {a} / {b}: the same day and month, the year one off",
                       "geboortedatum {a} / {b}: zelfde dag en maand, het jaar één verschil"),
    "birth.two_digits": ("birth date {a} / {b}: two digits differ",
                         "geboortedatum {a} / {b}: twee cijfers verschil"),
    "birth.year": ("birth date {a} / {b}: only the year is the same",
                   "geboortedatum {a} / {b}: alleen het jaar is gelijk"),
    "birth.year_only": ("birth year {a} / {b}: the same year, the day is not known on a side",
                        "geboortejaar {a} / {b}: hetzelfde jaar, de dag is aan een kant "
                        "niet bekend"),
    "birth.missing": ("birth date missing on a side", "geboortedatum ontbreekt aan een kant"),
    "birth.different": ("birth date {a} / {b}: different", "geboortedatum {a} / {b}: verschillend"),
    "address.exact": ("address {a} = {b} (postcode and house number)",
                      "adres {a} = {b} (postcode en huisnummer)"),
    "address.street_city": ("address {a} = {b} (street and city)",
                            "adres {a} = {b} (straat en plaats)"),
    "address.typo": ("address {a} / {b}: the same house number, a typing error in the street "
                     "or city", "adres {a} / {b}: hetzelfde huisnummer, een tikfout in de straat "
                     "of plaats"),
    "address.postcode": ("address {a} / {b}: same postcode, another house number",
                         "adres {a} / {b}: zelfde postcode, ander huisnummer"),
    "address.missing": ("address missing on a side", "adres ontbreekt aan een kant"),
    "address.different": ("address {a} / {b}: different", "adres {a} / {b}: verschillend"),
    "iban.same": ("same IBAN {value}", "zelfde IBAN {value}"),
    "email.same": ("same e-mail address {value}", "zelfde e-mailadres {value}"),
    "phone.same": ("same phone number {value}", "zelfde telefoonnummer {value}"),
    "email.typo": ("e-mail address {a} / {b}: a typing error apart",
                   "e-mailadres {a} / {b}: een tikfout verschil"),
    "phone.typo": ("phone number {a} / {b}: one digit differs or two are swapped",
                   "telefoonnummer {a} / {b}: één cijfer verschil of twee verwisseld"),
    "frequency.surname": ("how common the surname {value} is: in {count} of {records} names, "
                          "a surname usually in {usual} (more common says less, rarer more)",
                          "hoe vaak de achternaam {value} voorkomt: in {count} van {records} "
                          "namen, een achternaam gewoonlijk in {usual} (vaker zegt minder, "
                          "zeldzamer meer)"),
    "frequency.name": ("how common the name {value} is: in {count} of {records} names, a name "
                       "usually in {usual} (more common says less, rarer more)",
                       "hoe vaak de naam {value} voorkomt: in {count} van {records} namen, een "
                       "naam gewoonlijk in {usual} (vaker zegt minder, zeldzamer meer)"),
    "frequency.given": ("how common the given name {value} is: in {count} of {records} names, "
                        "a given name usually in {usual}",
                        "hoe vaak de voornaam {value} voorkomt: in {count} van {records} namen, "
                        "een voornaam gewoonlijk in {usual}"),
    "limit.year_only": ("only the birth year is known on a side, and no address or identifier "
                        "supports it: at most a possible match (namesakes are often born in "
                        "one year)",
                        "aan een kant is alleen het geboortejaar bekend, en geen adres of "
                        "identificatie bevestigt het: hoogstens een mogelijke match "
                        "(naamgenoten zijn vaak in hetzelfde jaar geboren)"),
    "limit.near_birth": ("birth date only nearly the same, and no address, identifier or rare "
                         "name supports it: at most a possible match",
                         "geboortedatum alleen bijna gelijk, en geen adres, identificatie of "
                         "zeldzame naam die het steunt: hoogstens een mogelijke match"),
    "family.twin": ("family: same surname and birth date, another given name (twins are two "
                    "people)", "familie: zelfde achternaam en geboortedatum, andere voornaam "
                    "(een tweeling is twee personen)"),
    "family.household": ("family: same surname and address, another given name (a relative "
                         "in the household)", "familie: zelfde achternaam en adres, andere "
                         "voornaam (een huisgenoot)"),
    "family.junior_senior": ("family: one name written {a}, the other {b} (a son and the "
                             "father whose name he carries are two people)",
                             "familie: de ene naam met {a}, de andere met {b} geschreven "
                             "(een zoon en de vader naar wie hij heet zijn twee personen)"),
    "family.other_sex": ("family: a man by the salutation or title on one side, a woman on "
                         "the other (partners, or a brother and sister, are two people)",
                         "familie: volgens aanhef of titel aan de ene kant een man, aan de "
                         "andere een vrouw (partners, of broer en zus, zijn twee personen)"),
    "family.generation": ("family: birth years {years} years apart (parent and child)",
                          "familie: geboortejaren {years} jaar uit elkaar (ouder en kind)"),
}

_BANDS = {"match": ("same person", "dezelfde persoon"),
          "possible": ("possible same person", "mogelijk dezelfde persoon"),
          "rejected": ("rejected by a reviewer", "afgewezen door een beoordelaar"),
          "none": ("not the same person", "niet dezelfde persoon")}


def _get(f: Any, name: str) -> Any:
    return f.get(name) if isinstance(f, Mapping) else getattr(f, name)


def feature_text(f: Any, lang: str) -> str:
    """One feature (a :class:`Feature` or its ``as_dict()``) as a phrase with its weight."""
    code = str(_get(f, "code"))
    params = _get(f, "params")
    params = dict(params) if params else {}
    en, nl = TEXTS.get(code, (code, code))
    template = nl if lang == "nl" else en
    params = {str(k): str(v) for k, v in params.items()}
    try:
        text = template.format_map(_Default(params))
    except (ValueError, IndexError):
        text = code
    weight = float(_get(f, "weight"))
    return f"{text} ({weight:+g})"


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def explain(features: Iterable[Any], lang: str) -> str:
    """Every feature, ``; ``-separated, in one language."""
    return "; ".join(feature_text(f, lang) for f in features)


def band_text(band: str, lang: str) -> str:
    en, nl = _BANDS.get(band, (band, band))
    return nl if lang == "nl" else en


def judgement_text(j: Mapping[str, Any] | None, lang: str) -> str:
    """``confirmed by A. Jansen on 2026-11-29: reason`` (or Dutch)."""
    if not j:
        return ""
    what = {"confirm": ("confirmed", "bevestigd"), "reject": ("rejected", "afgewezen")}.get(
        str(j.get("decision")), (str(j.get("decision")),) * 2)
    by = ("by", "door")
    on = ("on", "op")
    i = 1 if lang == "nl" else 0
    why = f": {j.get('why')}" if j.get("why") else ""
    return f"{what[i]} {by[i]} {j.get('by')} {on[i]} {str(j.get('at'))[:10]}{why}"
