"""Which file holds which table, and which header cell holds which contract column.

Real exports do not use the contract's names: an HR system writes ``Personeelsnummer``
and ``Geboortedatum``, an ERP ``Crediteurnummer`` and ``Bedrag (EUR)``.  Three sources
decide, strongest first:

1. the mapping file (``mapping.yaml`` in the data folder, or ``--mapping FILE``): per
   table the file-name patterns, the sheet, the header row and ``source header: column``;
2. the contract's own column name (``employee_id``, ``Employee ID``, ``employee-id``);
3. the built-in Dutch and English synonyms of :data:`SYNONYMS` (documented in
   ``docs/input-format.md``).

Header cells are compared *squeezed*: lower case, everything but letters and digits
removed (``KvK-nummer`` = ``kvknummer``, ``Bedrag (EUR)`` = ``bedrageur``).

>>> from ingest.tables import TABLES
>>> resolve_header(TABLES["employees"], "Personeelsnummer")
'employee_id'
>>> resolve_header(TABLES["allocations"], "Geboortedatum aanvrager")
'applicant_birth_date'
>>> resolve_header(TABLES["contracts"], "Behandelaar")
'handled_by'
"""

from __future__ import annotations

import fnmatch
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ingest.enum_synonyms import edit_distance
from ingest.tables import TABLES, TableSpec

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "MAPPING_FILE",
    "SYNONYMS",
    "APPLICANT_WORDS",
    "TABLE_FILE_NAMES",
    "TABLE_SYNONYMS",
    "Mapping",
    "MappingError",
    "TableMapping",
    "load_mapping",
    "resolve_header",
    "resolve_headers",
    "squeeze",
    "without_applicant_word",
    "suggest_headers",
    "header_score",
    "best_column",
    "close_header",
    "holds_synonym",
    "synonyms_of",
]

MAPPING_FILE = "mapping.yaml"
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def squeeze(text: str) -> str:
    """``'KvK-nummer '`` -> ``'kvknummer'``: how header cells and synonyms are compared."""
    text = text.replace("\ufeff", "").lower()
    for a, b in (("é", "e"), ("ë", "e"), ("ï", "i"), ("€", "eur")):
        text = text.replace(a, b)
    return _NON_ALNUM.sub("", text)


#: Dutch and English names a table's file may carry besides the contract's table name.
TABLE_FILE_NAMES: dict[str, tuple[str, ...]] = {
    "employees": ("medewerkers", "personeel", "werknemers", "staff", "workers", "employees",
                  "personnel"),
    "relatives": ("familieleden", "gezinsleden", "family"),
    "organizations": ("organisaties", "leveranciers", "crediteuren", "suppliers", "vendors"),
    "declarations": ("meldingen", "nevenfuncties", "belangen", "integriteitsregister"),
    "officers": ("functionarissen", "bestuurders", "kvk_functionarissen", "kvk_bestuurders",
                 "handelsregister", "ubo"),
    "contracts": ("contracten", "inkoop", "opdrachten", "bestellingen", "inkooporders",
                  "orders", "facturen", "inkoopfacturen"),
    "allocations": ("toewijzingen", "verhuringen", "woningtoewijzingen"),
    "mandates": ("mandaten", "mandaatregister", "inkoopmandaten", "budgethouders",
                 "mandatenregister", "tekenbevoegdheden", "tekenbevoegdheid",
                 "procuratieregister", "procuratie", "signing_limits", "signinglimits"),
    "gifts": ("geschenken", "relatiegeschenken", "giften", "geschenkenregister"),
}

#: Built-in header synonyms per contract column (a column of any table that has it).
#: Allocations' ``applicant_*`` columns also take the person-field synonyms, with or
#: without a word such as ``aanvrager`` (``Geboortedatum aanvrager``).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "employee_id": ("personeelsnummer", "personeelsnr", "medewerkernummer", "medewerkernr",
                    "medewerker id", "werknemernummer", "employee number", "staff id",
                    "employee no", "personnel number", "personnel no", "staff number"),
    "name": ("naam", "volledige naam", "full name", "naam medewerker", "bedrijfsnaam",
             "organisatienaam", "naam functionaris", "naam relatie"),
    "role": ("rol", "functierol"),
    "department": ("afdeling", "dept", "team", "afdelingsnaam", "naam afdeling",
                   "organisatorische eenheid", "organisatie eenheid", "org eenheid"),
    "accounts": ("account", "gebruikersnaam", "gebruikersnamen", "inlognaam", "inlogcode",
                 "gebruikerscode", "gebruikers id", "login", "loginnaam", "username",
                 "user name", "user id", "userid", "erp gebruiker", "ad account",
                 "windows account", "accountnaam"),
    "employed_from": ("in dienst", "datum in dienst", "in dienst sinds", "startdatum dienstverband",
                      "hire date", "start date", "employed since", "datum indiensttreding",
                      "indiensttreding", "intrededatum", "in dienst per",
                      "begindatum dienstverband", "begin dienstverband", "start dienstverband",
                      "ingangsdatum dienstverband", "employment start date", "employment start"),
    "employed_until": ("uit dienst", "datum uit dienst", "einddatum dienstverband",
                       "einde dienstverband", "eind dienstverband", "end date", "termination date", "datum uitdiensttreding",
                       "uitdiensttreding", "uittrededatum", "uit dienst per",
                       "employment end date", "employment end"),
    "birth_date": ("geboortedatum", "geb datum", "gebdatum", "date of birth", "dob",
                   "birthdate"),
    "street": ("straat", "straatnaam", "street name"),
    "house_number": ("huisnummer", "huisnr", "house no", "house nr", "street number",
                     "street no", "street nr"),
    "house_number_addition": ("toevoeging", "huisnummertoevoeging", "huisnummer toevoeging",
                              "huisnr toevoeging", "addition", "house number suffix", "toev",
                              "toev aan huisnr", "toevoeging huisnummer", "toevoeging huisnr",
                              "huisnr toev", "toevoeging aan huisnummer"),
    "postcode": ("postcode", "zip", "zipcode", "postal code", "post code", "zip postal code",
                 "postal code zip", "zip code"),
    "city": ("woonplaats", "plaats", "stad", "vestigingsplaats", "town", "suburb", "locality"),
    "iban": ("rekeningnummer", "bankrekeningnummer", "bankrekening", "rekeningnr",
             "iban nummer", "bank account", "account number", "bank account number",
             # the number with its kind in brackets, as accounting packages head it
             # (Twinfield: 'Bankrekeningnummer (IBAN)')
             "bankrekeningnummer iban", "rekeningnummer iban", "bankrekening iban"),
    "email": ("e-mail", "emailadres", "e-mailadres", "mail", "email address",
              # ADP Workforce Now: 'Work Contact: Work Email'; Dynamics: 'PrimaryContactEmail'
              "work contact work email", "personal contact personal email",
              "primary contact email"),
    "phone": ("telefoon", "telefoonnummer", "tel", "telnr", "mobiel", "mobiel nummer",
              "mobiele telefoon", "gsm", "phone number", "telephone", "mobile",
              "mobile phone", "tel mobiel", "telefoon mobiel",
              # Loket.nl: 'Telefoonnummer mobiel'; Dynamics: 'PrimaryContactPhone'
              "telefoonnummer mobiel", "mobiel telefoonnummer", "mobiele telefoonnummer",
              "mobile number", "primary contact phone"),
    "relative_id": ("familielid id", "familielidnummer", "relatie id familielid",
                    "relative number"),
    "relation": ("relatie", "relatie tot medewerker", "verwantschap", "relationship"),
    "valid_from": ("geldig vanaf", "vanaf", "ingangsdatum", "begindatum", "van", "geldig van",
                   "effective date", "effective from", "valid from"),
    # 't/m' is how Dutch forms shorten 'tot en met'
    "valid_until": ("geldig tot", "tot", "einddatum", "tot en met", "geldig tot en met",
                    "geldig t/m", "t/m", "expiration date", "expiry date", "valid to",
                    "valid until"),
    "org_id": ("relatienummer", "lev nummer", "crediteurnummer", "crediteurnr", "leveranciersnummer",
               "leveranciernummer", "leverancier id", "organisatie id", "supplier id",
               "vendor id", "crediteur", "vendor account", "leveranciersrekening",
               "supplier account", "crediteurrekening", "vendor account number"),
    "kvk_number": ("kvk", "kvk-nummer", "kvk nummer", "kvk nr", "coc number",
                   "chamber of commerce number", "handelsregisternummer"),
    "org_type": ("soort relatie", "organisatietype", "type relatie", "soort organisatie",
                 "type organisatie"),
    "declaration_id": ("meldingnummer", "meldingsnummer", "melding id", "registratienummer",
                       "declaration number"),
    "org_name": ("naam organisatie", "organisatie", "bedrijf", "naam bedrijf", "gever",
                 "naam gever"),
    "kind": ("soort", "aard", "type"),
    "position": ("functie", "positie", "hoedanigheid"),
    "share_pct": ("aandeel", "aandeel %", "aandeel pct", "percentage aandelen", "belang %"),
    "paid": ("bezoldigd", "betaald"),
    "status": ("status melding", "beoordeling"),
    "decided_by": ("beoordeeld door", "besloten door", "toestemming door"),
    "decided_on": ("beoordeeld op", "datum besluit", "besluitdatum", "datum toestemming"),
    "officer_kvk_number": ("kvk functionaris", "kvk-nummer functionaris",
                           "kvk nummer functionaris", "kvk bestuurder", "kvk-nummer bestuurder",
                           "kvk aandeelhouder", "kvk-nummer aandeelhouder", "kvk holding",
                           "kvk-nummer holding", "officer kvk number", "officer coc number"),
    "decision_id": ("besluitnummer", "contractnummer", "ordernummer", "bestelnummer",
                    "factuurnummer", "toewijzingsnummer", "dossiernummer", "dossier",
                    "inkoopordernummer", "inkooporder", "purchase order", "po nummer",
                    "po number", "inkoopdocument", "inkoopdocumentnummer", "purchasing document",
                    "documentnummer", "document number", "boekstuknummer",
                    "decision number", "inkoopdoc", "purch doc", "purchasing doc",
                    "contract id", "order id", "werkordernummer", "werkorder",
                    "opdrachtnummer",
                    # Dynamics 365 Finance's purchase order entity
                    "purchase order number"),
    "amount_eur": ("bedrag", "bedrag eur", "bedrag (eur)", "totaalbedrag", "contractwaarde",
                   "amount", "waarde", "bedrag excl btw", "bedrag exclusief btw",
                   "bedrag ex btw", "excl btw", "nettobedrag", "netto bedrag",
                   "amount excl vat", "net amount", "orderbedrag", "contractbedrag",
                   "opdrachtwaarde", "opdrachtsom", "aanneemsom", "totaal excl btw", "nettowaarde",
                   "netto waarde", "net value", "netto orderwaarde", "total amount",
                   "totaal bedrag",
                   "totaalbedrag excl btw", "bedrag excl", "order amount", "contract value",
                   "net order value", "factuurbedrag excl btw", "factuurbedrag exclusief btw",
                   "factuurbedrag ex btw", "opdrachtbedrag", "orderwaarde"),
    "decision_date": ("besluitdatum", "datum besluit", "datum", "gunningsdatum", "boekdatum",
                      "contractdatum", "orderdatum", "toewijzingsdatum", "datum toewijzing",
                      "datum gunning", "datum contract", "datum order", "decision date",
                      "factuurdatum", "datum factuur", "besteldatum", "datum bestelling",
                      "opdrachtdatum", "datum opdracht", "invoice date", "order date",
                      "documentdatum", "document date", "boekingsdatum", "posting date",
                      "accounting date", "doc datum", "doc date",
                      "purchase order date", "inkooporderdatum", "po date"),
    "handled_by": ("behandelaar", "behandeld door", "inkoper", "handler", "consulent",
                   "besteller", "besteld door", "opgesteld door", "woonconsulent",
                   "verhuurconsulent", "verhuurmakelaar", "woonmakelaar",
                   "behandelend medewerker", "buyer", "ordered by", "orderer",
                   "inkopercode", "purchaser code",
                   # Dynamics 365 Finance: the orderer's personnel number
                   "orderer personnel number", "orderer personnel no"),
    "approved_by": ("goedgekeurd door", "fiatteur", "akkoord door", "approver", "goedkeurder",
                    "gefiatteerd door", "accordeur", "geaccordeerd door", "approved by",
                    "vrijgegeven door", "vrijgever", "released by",
                    "1e fiatteur", "eerste fiatteur", "1e goedkeurder", "eerste goedkeurder",
                    "first approver"),
    # the second step of a two-step approval; ``Fiatteur 2``, ``Goedkeurder 2``: see
    # :data:`_SECOND_PERSON`
    "second_approved_by": ("tweede goedkeurder", "tweede fiatteur", "2e fiatteur",
                           "2e goedkeurder", "second approver", "approver 2",
                           "tweede akkoord", "2e akkoord", "akkoord 2e", "tweede accordeur",
                           "2e accordeur", "tweede akkoord door", "tweede fiattering",
                           "2e fiattering", "goedgekeurd door 2e", "second approved by",
                           "second approval by", "2nd approver", "co-approver",
                           "tweede handtekening", "2e handtekening", "tweede paraaf"),
    "requested_by": ("aangevraagd door", "aanvrager", "requester", "budgethouder",
                     "requisitioner", "requester personnel number"),
    "description": ("omschrijving", "beschrijving", "toelichting", "opmerking", "korte tekst",
                    "short text"),
    "unit_id": ("vhe", "vhe nummer", "eenheid", "eenheidnummer", "woning", "woningnummer",
                "object id", "verhuureenheid", "eenheidsnummer", "objectnummer",
                "verhuureenheid nummer", "woning id"),
    "applicant_name": ("naam aanvrager", "aanvrager", "kandidaat", "naam huurder", "huurder",
                       "woningzoekende", "naam woningzoekende", "naam nieuwe huurder",
                       "naam kandidaat", "naam inschrijver", "naam", "name", "full name",
                       "applicant", "applicant name", "applicant full name",
                       "hoofdaanvrager", "naam hoofdaanvrager", "hoofdhuurder",
                       "naam hoofdhuurder", "main applicant"),
    "co_applicant_name": ("medeaanvrager", "naam medeaanvrager", "medehuurder",
                          "naam medehuurder", "partner", "naam partner", "partner aanvrager",
                          "naam partner aanvrager", "tweede aanvrager", "co-applicant",
                          "co applicant name", "partner name"),
    "co_applicant_birth_date": ("geboortedatum medeaanvrager", "geboortedatum medehuurder",
                                "geboortedatum partner", "geb datum partner",
                                "geboortedatum partner aanvrager", "co-applicant birth date",
                                "partner date of birth", "partner birth date"),
    "discount_eur": ("korting", "korting eur"),
    "gift_id": ("geschenknummer", "registratienummer", "gift number"),
    "date": ("datum", "datum ontvangst", "ontvangen op"),
    "value_eur": ("waarde", "geschatte waarde", "value", "waarde geschenk",
                  "geschatte waarde geschenk", "estimated value"),
    "handed_in": ("ingeleverd", "afgedragen",
                  # a register kept by the secretary says where it was handed in
                  "ingeleverd bij secretariaat", "ingeleverd bij het secretariaat",
                  "afgegeven bij secretariaat", "afgegeven", "handed in"),
    "reported": ("gemeld", "gemeld aan leidinggevende"),
    "limit_eur": ("mandaat", "limiet", "mandaatgrens", "bevoegdheid", "bedrag mandaat",
                  "mandaatbedrag", "mandaat eur", "mandaatlimiet", "limiet eur",
                  "bevoegdheidsgrens", "budgetbevoegdheid", "tekenbevoegdheid",
                  "maximum bedrag", "maximaal bedrag", "bedrag", "limit", "mandate limit",
                  "spending limit", "approval limit",
                  # Dynamics 365's signing limits
                  "approval limit amount", "signing limit", "signing limit amount"),
    "rank": ("rang", "positie kandidatenlijst", "volgnummer", "positie", "positie op lijst",
             "rangnummer", "rangorde", "plek op lijst", "nummer kandidatenlijst", "volgorde",
             "list position", "position on list"),
    "basis": ("grondslag", "wijze van toewijzing", "toewijzingsgrond", "toewijzingsgrondslag",
              "toewijzingswijze", "wijze toewijzing", "toewijzingsroute", "allocation basis",
              "toewijzingsmodel", "verdeelmodel", "aanbodmodel", "aanbodvorm", "selectiemethode",
              # Entree, WoningNet: why the home went to this candidate
              "toewijzingsreden", "reden toewijzing", "reden van toewijzing"),
}
#: Synonyms that hold in one table only: in the mandates register the ``Budgethouder``
#: column names the employee who holds the mandate (in contracts it is the requester).
TABLE_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "officers": {  # a KvK extract as the Handelsregister and data resellers write it
        # the company's number (the officer's own is officer_kvk_number) and the officer's
        # birth date, as an extract names them after whose they are
        "kvk_number": ("kvk nummer onderneming", "kvk onderneming", "kvk nummer bedrijf",
                       "kvk bedrijf", "kvk nummer organisatie", "kvk organisatie"),
        "birth_date": ("geboortedatum functionaris", "geboortedatum bestuurder",
                       "geboortedatum persoon"),
        "name": ("naam functionaris", "functionaris", "naam bestuurder", "bestuurder",
                 "naam persoon", "persoon"),
        "role": ("functie", "functietitel", "hoedanigheid", "rol functionaris",
                 "functie functionaris"),
        "valid_from": ("datum in functie", "in functie sinds", "in functie per",
                       "datum aanvang functie", "datum toetreding", "aanvang functie",
                       "ingangsdatum functie"),
        "valid_until": ("datum uit functie", "uit functie per", "datum einde functie",
                        "einde functie", "datum uittreding", "datum aftreden"),
        "officer_kvk_number": ("kvk nummer functionaris", "kvk functionaris",
                               "kvk-nummer rechtspersoon", "kvk nummer bestuurder"),
    },
    "declarations": {  # an integrity register as a registration system writes it
        "kind": ("soort melding", "type melding", "meldingsoort", "soort belang",
                 "soort nevenfunctie", "categorie"),
        "position": ("functie", "functie bij organisatie", "rol", "omschrijving functie"),
        "valid_from": ("datum aanvang", "startdatum", "sinds", "since"),
        # the organization as an English-language form asks for it
        "org_name": ("organization", "organisation", "name of the organization",
                     "name of the organisation"),
        "valid_until": ("datum einde", "einddatum", "tot"),
        "decided_by": ("beoordeeld door", "besloten door", "goedgekeurd door", "akkoord door"),
        "decided_on": ("datum besluit", "datum beoordeling", "besluitdatum", "beoordeeld op",
                       "datum akkoord"),
        "kvk_number": ("kvk nummer organisatie", "kvk organisatie", "kvk nummer bedrijf",
                       "kvk bedrijf", "kvk nummer onderneming"),

        # the relative a declaration is about, as a register headed by the person writes it
        # (an id, or the relative's name: see ingest.references)
        "relative_id": ("familielid", "naam familielid", "gezinslid", "betreft familielid"),
    },
    "contracts": {  # SAP's purchasing lists (ME2N, ME80FN) with a German-language logon,
        # and the SAP field names a query or table download (SE16) heads them with
        "decision_id": ("belegnummer", "einkaufsbeleg", "einkaufsbelegnummer", "bestellnummer",
                        "ebeln"),
        "org_id": ("kreditor", "kreditorennummer", "lieferantennummer", "lifnr",
                   # Dynamics 365 Finance: the order's vendor
                   "order vendor account number", "order vendor account",
                   "invoice vendor account number"),
        "decision_date": ("belegdatum", "bestelldatum", "buchungsdatum", "bedat", "bldat",
                          "budat"),
        "amount_eur": ("betrag", "nettowert", "nettobetrag", "bestellnettowert", "netwr"),
        "approved_by": ("freigegeben von", "freigabe durch", "genehmigt von"),
    },
    "organizations": {  # a vendor master as an ERP writes it
        "org_id": ("leverancierscode", "crediteurcode", "relatiecode", "code leverancier",
                   "code crediteur", "supplier code", "vendor code", "supplier number",
                   "vendor number"),
        "name": ("leveranciersnaam", "naam leverancier", "crediteurnaam", "naam crediteur",
                 "relatienaam", "supplier name", "vendor name", "company name",
                 # Dynamics 365 Finance's vendor entity
                 "vendor organization name", "organization name"),
        # Dynamics 365 keeps the Chamber of Commerce number as the party's organization
        # number; its address fields are 'AddressCity', 'AddressZipCode', 'AddressStreet'
        "kvk_number": ("organization number",),
        "city": ("address city",),
        "postcode": ("postcode vestiging", "vestigingspostcode", "postcode bezoekadres",
                     "address zip code", "address zipcode"),
        "street": ("address street",),
        "house_number": ("address street number",),
    },
    "gifts": {
        "description": ("omschrijving geschenk", "omschrijving gift", "geschenk"),
        # a register kept by hand heads who received it and who offered it so
        "employee_id": ("ontvanger", "naam ontvanger", "ontvangen door", "ontvanger geschenk"),
        "org_name": ("aangeboden door", "gegeven door", "schenker", "naam schenker"),
        "date": ("datum ontvangen", "ontvangstdatum", "datum geschenk"),
        "kind": ("soort geschenk", "type geschenk", "soort gift", "soort uitnodiging"),
        "reported": ("gemeld aan manager", "gemeld bij leidinggevende", "gemeld aan"),
    },
    "relatives": {  # a family register: the relative by name, under the employee
        # (in a vendor master 'Soort relatie' is the organization's type)
        "relation": ("soort relatie", "type relatie", "soort familierelatie"),
        "name": ("naam familielid", "familielid", "naam gezinslid", "gezinslid",
                 "naam verwant", "verwant", "name of relative"),
        "birth_date": ("geboortedatum relatie", "geboortedatum familielid",
                       "geboortedatum gezinslid", "geb datum relatie", "geb datum familielid",
                       "relative date of birth"),
    },
    "employees": {  # an HR system's staff list: its start and end are the employment's
        "employed_from": ("startdatum", "begindatum", "datum aanvang", "ingangsdatum"),
        "employed_until": ("einddatum", "datum einde"),
        # ADP Workforce Now: the position's id (company code and file number, 'LHF000901')
        # and the department as its description
        "employee_id": ("position id", "associate id"),
        "department": ("home department description", "home department",
                       "department description"),
    },
    "allocations": {
        "kind": ("soort toewijzing", "type toewijzing", "toewijzingssoort", "toewijzingstype",
                 "soort verhuring", "soort woonruimtebesluit", "allocation kind"),
        "handled_by": ("toegewezen door", "verhuurd door", "toewijzer", "aangeboden door",
                       "allocated by", "let by"),
        "discount_eur": ("huurkorting", "korting huur", "huurkorting eur", "rent discount"),
        # a list of candidates (WoningNet, Woonmatch, Itris): the row's outcome
        "status": ("status reactie", "reactiestatus", "status kandidaat", "kandidaatstatus",
                   "status toewijzing", "toewijzingsstatus", "status aanbieding",
                   "aanbiedingsstatus", "status woningzoekende", "resultaat aanbieding",
                   "uitkomst", "candidate status", "offer status"),
        # allocation systems' own names: the advertisement a list of candidates reacted to
        "decision_id": ("advertentienummer", "advertentie", "advertentie id",
                        "publicatienummer", "aanbodnummer", "verhuringnummer",
                        "verhuringsnummer"),
        "applicant_name": ("toegewezen aan", "verhuurd aan", "allocated to"),
    },
    "mandates": {
        "employee_id": ("budgethouder", "mandaathouder", "gemandateerde", "budgethouder id",
                        "personeelsnummer budgethouder", "mandate holder"),
        # Dynamics 365's signing limits: 'DocumentType', the kind of document a limit is for
        "kind": ("soort besluit", "type besluit", "besluitsoort", "soort mandaat",
                 "mandaatsoort", "geldt voor", "mandaat voor", "covers", "document type"),
        # 'up to': the limit as a register heads it
        "limit_eur": ("tekenbevoegdheid tot", "bevoegd tot", "mandaat tot", "limiet tot",
                      "budgetbevoegdheid tot"),
    },
}


#: Synonyms that hold in one table, and only as the whole header cell: a generic word that
#: inside a longer cell says nothing (the title 'Export medewerkers uit AFAS' is no
#: employee_id, 'Inkoop per leverancier' no org_id), so it is never a guess.
WHOLE_HEADER_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "employees": {  # an HR system's staff list (AFAS, Visma): the employee is the row
        "employee_id": ("medewerker", "werknemer", "persnr", "pers nr", "employee"),
    },
    "organizations": {  # a vendor master: its code is the supplier's (Exact: Code, Naam;
        # SAP's vendor master heads the vendor number Leverancier / Vendor)
        "org_id": ("code", "leverancier", "vendor"),
        "postcode": ("pc",),
    },
    # registers about an employee: who declared, received, holds the mandate or the relative
    # (an HR system's short 'Persnr', as the staff list heads it, names the employee in
    # the registers exported beside it too)
    **{table: {"employee_id": ("medewerker", "werknemer", "employee", "persnr", "pers nr")}
       for table in ("relatives", "mandates")},
    # a register kept by hand numbers its rows 'Nr.', as a gift register does
    "declarations": {"employee_id": ("medewerker", "werknemer", "employee", "persnr",
                                     "pers nr"),
                     "declaration_id": ("nummer", "nr", "id")},
    "gifts": {"employee_id": ("medewerker", "werknemer", "employee", "persnr", "pers nr"),
              "gift_id": ("nummer", "nr", "id")},  # the register's own row number
    "contracts": {  # an ERP's purchase orders and contracts: the supplier is the counterparty
        # orders, invoices and credit notes in one list: the document's kind is the kind
        "kind": ("soort document", "documentsoort", "type document", "documenttype"),
        "org_id": ("leverancier", "lieferant", "supplier", "vendor", "opdrachtnemer", "aannemer",
                   "leverancierscode", "crediteurcode"),
    },
}


#: Headers that a general synonym would read as a column of a table where they name
#: something else: in a KvK extract, ``Bedrijfsnaam`` is the company, not the officer
#: whose ``name`` the table holds.  Such a header stays an extra column.
NOT_IN_TABLE: dict[str, tuple[str, ...]] = {
    "officers": ("bedrijfsnaam", "organisatienaam", "naam onderneming", "onderneming",
                 "handelsnaam", "statutaire naam", "naam organisatie", "naam bedrijf"),
    "relatives": ("naam medewerker", "medewerker naam", "naam werknemer"),
    # an integrity register's status headers: an allocation's status is a candidate's
    "allocations": ("status melding", "beoordeling"),
}

#: Headers read as a column only when no other header of the file is read as it: a
#: register that names the employee only by name (``Naam medewerker``) is read through
#: the employees' names, but beside a ``Personeelsnummer`` the number is the reference.
#: a letting's start stands in for the allocation's date in a list of tenancies that has
#: no allocation date
_LETTING_START: dict[str, tuple[str, ...]] = {
    "contracts": (),
    "allocations": ("ingangsdatum", "ingangsdatum contract", "ingangsdatum huurcontract", "ingangsdatum huur",
                    "startdatum contract", "startdatum huurcontract", "contract start date",
                    "verhuurdatum", "datum verhuring", "datum verhuurd"),
}
FALLBACK_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    **{table: {"employee_id": ("naam medewerker", "medewerker naam", "naam werknemer")}
       for table in ("relatives", "declarations", "gifts", "mandates")},
    # an ERP list of orders without an order date or buyer (Dynamics 365: 'Created date and
    # time', 'Created by'): the record's creation stands in for the decision
    **{table: {"decision_date": ("aanmaakdatum", "datum aangemaakt", "aangemaakt op",
                                 "created date", "created date and time", "creation date",
                                 "created on", "datum invoer", "invoerdatum",
                                 # Dynamics' Dutch screens (Tobias AX): 'Gemaakt op
                                 # datum en tijd', 'Gemaakt door'
                                 "gemaakt op", "gemaakt op datum en tijd",
                                 *_LETTING_START[table]),
               "handled_by": ("aangemaakt door", "created by", "ingevoerd door", "gemaakt door",
                              "entered by", "medewerker", "verhuurmedewerker",
                              "medewerker verhuur",
                              # SAP with a German logon: who entered the order
                              "erfasst von", "angelegt von", "ernam")}
       for table in ("contracts", "allocations")},
}
#: Business Central and NAV head every list's own number ``Nr.`` (``No.``): the vendor's in
#: the vendor list, the document's in a list of posted invoices; only as the whole header,
#: and only when no other header of the file is read as the column (beside an
#: ``Ordernummer`` a ``Nr.`` may be a line number)
FALLBACK_SYNONYMS["organizations"] = {"org_id": ("nr", "no", "nummer")}
FALLBACK_SYNONYMS["contracts"]["decision_id"] = ("nr", "no", "nummer")


def synonyms_of(table: str, column: str) -> tuple[str, ...]:
    """The header synonyms of ``column`` in ``table``: its table's own ones first."""
    return (*TABLE_SYNONYMS.get(table, {}).get(column, ()), *SYNONYMS.get(column, ()))


#: Words allocation systems put beside a person field to say it is the applicant's
#: (``Geboortedatum woningzoekende``, ``Postcode nieuwe huurder``; ``Huidig adres``: where
#: the applicant lives now, not the home allocated)
APPLICANT_WORDS = ("aanvrager", "applicant", "huurder", "kandidaat", "vandeaanvrager",
                    "woningzoekende", "nieuwehuurder", "aspiranthuurder", "inschrijver",
                    "hoofdaanvrager", "hoofdhuurder", "mainapplicant",
                    "huidige", "huidig", "current")


#: Words that mark a header as the co-applicant's (``Achternaam medeaanvrager``).
CO_APPLICANT_WORDS = ("medeaanvrager", "vandemedeaanvrager", "medehuurder", "partneraanvrager",
                      "partner", "vanpartner", "tweedeaanvrager", "coapplicant")


def without_co_applicant_word(key: str) -> str | None:
    """A squeezed header without the co-applicant word beside it
    (``achternaammedeaanvrager`` -> ``achternaam``); None when it has no such word.

    >>> without_co_applicant_word("voornaampartner"), without_co_applicant_word("voornaam")
    ('voornaam', None)
    """
    for word in sorted(CO_APPLICANT_WORDS, key=len, reverse=True):
        if key != word and key.endswith(word):
            return key.removesuffix(word)
        if key != word and key.startswith(word):
            return key.removeprefix(word)
    return None


def without_applicant_word(key: str) -> str:
    """A squeezed header without the applicant word beside it (``achternaamaanvrager`` ->
    ``achternaam``); the header itself when it is only such a word or has none."""
    for word in sorted(APPLICANT_WORDS, key=len, reverse=True):  # 'aspiranthuurder' first
        if key != word and key.endswith(word):
            return key.removesuffix(word)
        if key != word and key.startswith(word):
            return key.removeprefix(word)
    return key


class MappingError(Exception):
    """The mapping file cannot be used; ``str(exc)`` says what to fix."""


@dataclass
class TableMapping:
    """What the mapping file says about one table."""

    files: list[str] = field(default_factory=list)
    #: the workbook sheet to read, or several (each a part of the table)
    sheet: str | tuple[str, ...] | None = None
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # squeezed source -> contract


@dataclass
class Mapping:
    """The whole mapping file (empty when there is none)."""

    path: Path | None = None
    tables: dict[str, TableMapping] = field(default_factory=dict)

    def table(self, name: str) -> TableMapping:
        return self.tables.get(name) or TableMapping()


#: Words in a contact column's header that say whose it is: of two headers that hold one
#: contact column (``E-mail privé`` and ``Zakelijk e-mailadres``, ``Telefoon`` and
#: ``Mobiel``), the private one is read, for it is what a supplier's records may share;
#: the work one is kept as an extra column.
_PRIVATE_WORDS = ("prive", "private", "personal", "thuis", "home", "vast", "eigen")
_WORK_WORDS = ("zakelijk", "werk", "work", "business", "kantoor", "intern")
#: column types of which one header is chosen when several hold the column
_CONTACT_TYPES = ("phone", "email", "iban")


def _synonym_index(spec: TableSpec) -> dict[str, str]:
    index: dict[str, str] = {}
    for col in spec.columns:  # the contract's own names first
        index.setdefault(squeeze(col.name), col.name)
    for col in spec.columns:  # synonyms of this table only, before the general ones
        for syn in (*TABLE_SYNONYMS.get(spec.name, {}).get(col.name, ()),
                    *WHOLE_HEADER_SYNONYMS.get(spec.name, {}).get(col.name, ())):
            index.setdefault(squeeze(syn), col.name)
    for col in spec.columns:
        for syn in SYNONYMS.get(col.name, ()):
            index.setdefault(squeeze(syn), col.name)
        if col.name.startswith("applicant_") and col.name != "applicant_name":
            base = col.name.removeprefix("applicant_")
            for syn in (base, *SYNONYMS.get(base, ())):
                index.setdefault(squeeze(syn), col.name)
                for word in APPLICANT_WORDS:
                    index.setdefault(squeeze(syn) + word, col.name)
                    index.setdefault(word + squeeze(syn), col.name)
    # a number written short, as exports do: Ordernr and Order no for Ordernummer
    for key, column in list(index.items()):
        if "nummer" in key and len(key) > 6:  # also inside: KvK-nr. bedrijf
            for short in ("nr", "no"):
                index.setdefault(key.replace("nummer", short), column)
    # whose a contact is, as HR exports head it: E-mail privé, Zakelijk e-mailadres
    for key, column in list(index.items()):
        if spec.has(column) and spec.column(column).type in _CONTACT_TYPES:
            for word in (*_PRIVATE_WORDS, *_WORK_WORDS, "prive"):
                index.setdefault(word + key, column)
                index.setdefault(key + word, column)
    # an amount with its currency, as spreadsheets head it: Tekenbevoegdheid (EUR), Waarde €
    money = {col.name for col in spec.columns if col.type == "amount"}
    for key, column in list(index.items()):
        if column in money:
            for unit in ("eur", "euro", "ineur", "ineuro", "euros"):
                index.setdefault(key + unit, column)
    for header in NOT_IN_TABLE.get(spec.name, ()):
        index.pop(squeeze(header), None)
    return index


#: per table, the squeezed headers :data:`NOT_IN_TABLE` keeps from being read as a column
_NOT_IN_TABLE_KEYS = {table: {squeeze(h) for h in headers}
                      for table, headers in NOT_IN_TABLE.items()}
_LEADING_NUMBER = re.compile(r"^\d{1,2}(?=[a-z])")
#: the column a header numbered 2 holds when its synonym names the first of two people: an
#: allocation's second applicant, numbered as the first (``Naam aanvrager 2``), and the
#: second step of a two-step approval (``Fiatteur 1`` / ``Fiatteur 2``, ``Goedkeurder 2``).
#: A third (``Fiatteur 3``) has no column: it is kept as an extra column with a warning.
_SECOND_PERSON = {"applicant_name": "co_applicant_name",
                  "applicant_birth_date": "co_applicant_birth_date",
                  "approved_by": "second_approved_by"}
_NUMBERED = re.compile(r"(.+?)(?:nr|no)?\d{1,2}")


#: Words that name an approver only with a number after them (``Akkoord 1``, ``Akkoord 2``,
#: ``Paraaf 2``: the steps of an ERP's approval flow); alone (``Akkoord``: ja/nee) they do not
_NUMBERED_ONLY: dict[str, str] = {"akkoord": "approved_by", "paraaf": "approved_by",
                                  "handtekening": "approved_by", "fiattering": "approved_by"}


def _numbered(spec: TableSpec, key: str) -> str | None:
    """The column a squeezed header names with a number after a synonym (``fiatteur1``,
    ``goedkeurder2``, ``akkoord2``: a two-step approval as ERP exports write it), else
    None.  The first of such headers is read, the others kept as extra columns with a
    warning (:func:`_other_synonyms`), or read as the second person (:data:`_SECOND_PERSON`).

    >>> contracts = TABLES["contracts"]
    >>> _numbered(contracts, "fiatteur1"), _numbered(contracts, "akkoord2")
    ('approved_by', 'approved_by')
    >>> _numbered(contracts, "akkoord") is None
    True
    """
    m = _NUMBERED.fullmatch(key)
    if m is None:
        return None
    base = m.group(1)
    column = _INDEX[spec.name].get(base) or _NUMBERED_ONLY.get(base)
    return column if column and spec.has(column) else None


def _third_person(spec: TableSpec, key: str, column: str) -> str | None:
    """The second column of ``column`` when the squeezed header numbers a third person of
    it (``fiatteur3``: a third approver, ``approved_by`` and ``second_approved_by`` being
    all the contract holds), else None: such a header is kept as an extra column, and the
    warning says why rather than that it merely looks like the first."""
    m = _NUMBERED.fullmatch(key)
    if (m is None or column not in _SECOND_PERSON or not _numbered(spec, key)
            or not spec.has(_SECOND_PERSON[column])):
        return None
    number = int(re.sub(r"^\D+", "", key[len(m.group(1)):]) or 0)
    return _SECOND_PERSON[column] if number >= 3 else None


#: Words that make a header the third of its kind, written before it (``3e fiatteur``,
#: ``Derde goedkeurder``, ``Third approver``)
_THIRD_WORDS = ("3e", "derde", "third", "3rd")


def _ordinal_third(spec: TableSpec, key: str) -> tuple[str, str] | None:
    """``(first, second)`` column when the squeezed header is a third person of a pair the
    contract holds two of (``3efiatteur``: a third approver beside ``approved_by`` and
    ``second_approved_by``), else None; such a header is an extra column with a warning."""
    for word in _THIRD_WORDS:
        if key.startswith(word):
            column = _INDEX[spec.name].get(key.removeprefix(word))
            if column in _SECOND_PERSON and spec.has(_SECOND_PERSON[column]):
                return column, _SECOND_PERSON[column]
    return None


def _specific_keys(spec: TableSpec) -> frozenset[str]:
    """The squeezed synonyms that hold in this table only (``naam bestuurder`` in
    ``officers``): where a header holds one of them and a general synonym of the same
    column (``Naam``), the specific one is read."""
    return frozenset(squeeze(syn) for by_column in (TABLE_SYNONYMS.get(spec.name, {}),
                                                    WHOLE_HEADER_SYNONYMS.get(spec.name, {}))
                     for synonyms in by_column.values() for syn in synonyms)


#: Words a header adds to what it numbers or dates (``Factuurnummer``: ``factuur``)
_KEY_WORDS = re.compile(r"(?:nummer|nr|no|number|id|code|datum|date)$")


def _subject(cell: str) -> str:
    """What a header numbers or dates: ``'Factuurnummer'`` and ``'Factuurdatum'`` ->
    ``'factuur'``; the squeezed header when it says neither."""
    key = squeeze(cell)
    return _KEY_WORDS.sub("", key) or key


def _other_synonyms(spec: TableSpec, cells: list[str], ranked: list, best: dict) -> list[int]:
    """Cells that are a synonym of a column another synonym in the header is read as, and
    so are kept as extra columns (``best`` is updated to the one read).  An invoice export
    holds ``Factuurnummer`` and the order it pays, ``Ordernummer``; ``Besteller`` and
    ``Behandelaar`` may both be there.  The first is read, except where another shares
    its subject with the header read as the table's id (``Factuurdatum`` beside
    ``Factuurnummer``), so that the number and date of one document go together.  Contact
    columns have their own rule (the private one); the contract's own names and the
    mapping file always win."""
    groups: dict[str, list[int]] = {}
    for i, (rank, name) in enumerate(ranked):
        if (name and rank == 2 and best[name][0] == 2 and spec.has(name)
                and spec.column(name).type not in _CONTACT_TYPES):
            groups.setdefault(name, []).append(i)
    id_column = spec.columns[0].name
    if id_column in groups:
        order = [id_column] + [n for n in groups if n != id_column]
    else:
        order = list(groups)
    others: list[int] = []
    for name in order:
        at = groups[name]
        if len(at) < 2:
            continue
        specific = [i for i in at if squeeze(cells[i]) in _SPECIFIC[spec.name]]
        if specific and len(specific) < len(at):
            at = specific + [i for i in at if i not in specific]
        keyed = best.get(id_column)
        subject = _subject(cells[keyed[1]]) if keyed and name != id_column else None
        chosen = next((i for i in at if subject and _subject(cells[i]) == subject), at[0])
        best[name] = (2, chosen)
        others += [i for i in at if i != chosen]
    return others


def _contact_preference(cell: str) -> int:
    key = squeeze(cell)
    if any(w in key for w in _PRIVATE_WORDS):
        return 0
    return 2 if any(w in key for w in _WORK_WORDS) else 1


_INDEX: dict[str, dict[str, str]] = {name: _synonym_index(spec) for name, spec in TABLES.items()}
_SPECIFIC: dict[str, frozenset[str]] = {name: _specific_keys(spec) for name, spec in TABLES.items()}


def _by_length(index: dict[str, str]) -> dict[int, list[tuple[int, str, str]]]:
    """A synonym index's (position, synonym, column) per synonym length (close_header)."""
    out: dict[int, list[tuple[int, str, str]]] = {}
    for position, (synonym, column) in enumerate(index.items()):
        if synonym:
            out.setdefault(len(synonym), []).append((position, synonym, column))
    return out


_BY_LENGTH: dict[str, dict[int, list[tuple[int, str, str]]]] = {
    name: _by_length(index) for name, index in _INDEX.items()}
_FALLBACK_RANK = 2.7  # after every synonym, before a close spelling
_FALLBACK: dict[str, dict[str, str]] = {
    name: {squeeze(h): column for column, headers in FALLBACK_SYNONYMS.get(name, {}).items()
           for h in headers} for name in TABLES}


#: The fields Microsoft Forms writes before the questions in its Excel export, Dutch and
#: English (``Id``, ``Begintijd``, ``Tijd van voltooien``, ``E-mail``, ``Naam``; newer
#: exports add ``Tijd van laatste wijziging``).  A file whose first header is ``Id`` and
#: that has a start and a completion time is such an export.
_FORMS_START = ("begintijd", "starttime")
_FORMS_DONE = ("tijdvanvoltooien", "completiontime")
_FORMS_FIELDS = frozenset({"id", *_FORMS_START, *_FORMS_DONE, "email", "naam", "name",
                           "tijdvanlaatstewijziging", "lastmodifiedtime"})
#: the respondent's e-mail address in a Forms export: the account they answered with
_FORMS_RESPONDENT = ("email", "emailadres")
#: a question word this short says nothing of what is asked (``van``, ``tot``, ``rol``)
_QUESTION_WORD_LETTERS = 4
_WORDS = re.compile(r"[0-9a-z]+")


def is_forms_export(cells: list[str]) -> bool:
    """Whether a header row is Microsoft Forms' Excel export: ``Id`` first, then its start
    and completion times (whose other headers are the form's questions, written out).

    >>> is_forms_export(["Id", "Begintijd", "Tijd van voltooien", "E-mail", "Naam", "Wat?"])
    True
    >>> is_forms_export(["Id", "Naam", "Datum"])
    False
    """
    keys = [squeeze(c) for c in cells[:8]]
    return (bool(keys) and keys[0] == "id" and any(k in keys for k in _FORMS_START)
            and any(k in keys for k in _FORMS_DONE))


def _phrases(spec: TableSpec) -> list[tuple[tuple[str, ...], str]]:
    """The table's column names and synonyms as words (``soort melding`` -> kind), longest
    first, for finding them inside a question."""
    out: dict[tuple[str, ...], str] = {}
    names = [(c.name, c.name.replace("_", " ")) for c in spec.columns]
    names += [(col, syn) for col, syns in TABLE_SYNONYMS.get(spec.name, {}).items()
              for syn in syns if spec.has(col)]
    names += [(c.name, syn) for c in spec.columns for syn in SYNONYMS.get(c.name, ())]
    for column, text in names:
        words = tuple(_WORDS.findall(text.lower().replace("é", "e").replace("ë", "e")))
        if words and sum(map(len, words)) >= _QUESTION_WORD_LETTERS:
            out.setdefault(words, column)
    return sorted(out.items(), key=lambda item: -len(item[0]))


_PHRASES: dict[str, list[tuple[tuple[str, ...], str]]] = {}


def forms_question_column(spec: TableSpec, question: str) -> str | None:
    """The column a form's question asks for: the column whose name or synonym comes first
    among the question's words, the longest at one place (``Om wat voor soort melding gaat
    het?`` -> kind; ``KvK-nummer van de organisatie (indien bekend)`` -> kvk_number, not
    org_name; ``Welke functie(s) heeft u daar?`` -> position; ``Wordt u hiervoor
    betaald?`` -> paid); ``None`` when it names none.

    Why: Forms heads each column with the whole question, which no synonym is; without it
    every declaration sent in with a form was unread (its file 'fits no table').  Only in
    a Forms export (:func:`is_forms_export`), where a header is known to be a question.

    >>> from ingest.tables import TABLES
    >>> [forms_question_column(TABLES["declarations"], q) for q in (
    ...     "Bij welke organisatie?", "KvK-nummer van de organisatie (indien bekend)",
    ...     "Welke functie(s) heeft u daar?", "Sinds wanneer?", "Hoe gaat het?")]
    ['org_name', 'kvk_number', 'position', 'valid_from', None]
    """
    if spec.name not in _PHRASES:
        _PHRASES[spec.name] = _phrases(spec)
    words = _WORDS.findall(question.lower().replace("é", "e").replace("ë", "e"))
    best: tuple[int, int, str] | None = None
    for phrase, column in _PHRASES[spec.name]:
        n = len(phrase)
        for start in range(len(words) - n + 1):
            if tuple(words[start:start + n]) == phrase:
                if best is None or (start, -n) < best[:2]:
                    best = (start, -n, column)
                break
    return best[2] if best else None


#: a remark after a header, in brackets or as the answers of a yes/no column: 'Waarde
#: (geschat)', 'Gever (organisatie)', 'Mandaat (EUR excl. btw)', 'Ingeleverd j/n'
_HEADER_REMARK = re.compile(
    r"\s*(?:\([^()]*\)|\[[^\[\]]*\]|(?<![\w/])(?:j/n|ja/nee|y/n|yes/no)(?![\w/]))\s*$",
    re.IGNORECASE)
#: a remark that makes the column another one: an amount including VAT (or gross) is not
#: the amount the mandates weigh
_CHANGING_REMARK = re.compile(r"incl|bruto|gross", re.IGNORECASE)


def _beside_remark(spec: TableSpec, cell: str) -> str | None:
    """The column a header names with a remark after it, as registers kept by hand head
    their columns (``Waarde (geschat)``, ``Gever (organisatie)``, ``Gemeld j/n``), else
    None.  Not when the remark names another column (``Postcode (VHE)`` is the home's,
    ``Geboortedatum (partner)`` the co-applicant's) or makes it another one (``Bedrag
    (incl. btw)``)."""
    found = _HEADER_REMARK.search(cell)
    if found is None or found.start() == 0 or _CHANGING_REMARK.search(found.group(0)):
        return None
    column = _INDEX[spec.name].get(squeeze(cell[:found.start()]))
    remark = squeeze(found.group(0))
    said = _INDEX[spec.name].get(remark) or _FALLBACK[spec.name].get(remark)
    return column if column and said in (None, column) else None


#: a header written as the path of a field in JSON, as an API's answer flattened to a table
#: writes it (``functionarissen.naam``, ``functionarissen.0.geboortedatum``,
#: ``functionarissen[0].datumInFunctie``): keys of at least three characters that start
#: with a letter or ``_`` joined by dots, an array's index between them; matched in any
#: case (``Functionarissen.0.Naam`` of an API that writes PascalCase, ``FUNCTIONARISSEN.NAAM``
#: of a tool that upper-cases its headers), as every other header is.  An abbreviation
#: typed in a header (``Lev.nr``, ``Bedr.naam``) is shorter, or starts with a capital
#: that its later keys lack (see :func:`_json_path_keys`)
_JSON_PATH = re.compile(r"^[a-z_]\w{2,}(?:(?:\.\d+|\[\d+\])?\.[a-z_]\w{2,})+$", re.I)


def _json_path_keys(text: str) -> list[str] | None:
    """The keys of a JSON path header (array indexes left out), else None.  The keys of one
    path are written in one case convention: all from a lower-case letter (camelCase,
    snake_case), all from a capital (PascalCase), or all in capitals; a first key with a
    capital and a later one without is an abbreviation typed as a sentence starts
    (``Bedr.naam``: the company's name, not the person's).

    >>> _json_path_keys("Functionarissen[0].DatumInFunctie"), _json_path_keys("Bedr.naam")
    (['Functionarissen', 'DatumInFunctie'], None)
    """
    if not _JSON_PATH.match(text):
        return None
    keys = [k for k in re.split(r"[.\[\]]", text) if k and not k.isdigit()]
    if keys[0][0].isupper() and not text.isupper() and any(
            not k[0].isupper() for k in keys[1:]):
        return None
    return keys


def _json_path_column(spec: TableSpec, cell: str) -> str | None:
    """The column the last field of a JSON path header names (``functionarissen.naam`` ->
    ``name``), else None: an API's answer flattened to CSV prefixes every field with the
    object it sits in, which names no column.

    >>> from ingest.tables import TABLES
    >>> _json_path_column(TABLES["officers"], "functionarissen.0.datumInFunctie")
    'valid_from'
    >>> _json_path_column(TABLES["officers"], "Lev.nr"), _json_path_column(TABLES["officers"], "a.naam")
    (None, None)
    >>> _json_path_column(TABLES["officers"], "bedrijf.naam")
    >>> _json_path_column(TABLES["allocations"], "medeaanvrager.geboortedatum")
    'co_applicant_birth_date'
    >>> _json_path_column(TABLES["officers"], "Functionarissen.0.Naam")
    'name'
    """
    keys = _json_path_keys(cell.strip())
    if keys is None:
        return None
    parent, field = squeeze(keys[-2]), squeeze(keys[-1])
    # the object the field sits in may say whose it is, as a header's word does: the
    # company's name (``bedrijf.naam``, which officers never read as the officer's), the
    # applicant's birth date (``aanvrager.geboortedatum``)
    if {field + parent, parent + field} & _NOT_IN_TABLE_KEYS.get(spec.name, set()):
        return None
    index = _INDEX[spec.name]
    return index.get(field + parent) or index.get(parent + field) or index.get(field)


def resolve_header(spec: TableSpec, cell: str, mapping: TableMapping | None = None) -> str | None:
    """The contract column a header cell holds, or ``None`` for an extra column."""
    key = squeeze(cell)
    if mapping is not None and key in mapping.columns:
        return mapping.columns[key]
    return _INDEX[spec.name].get(key)


def resolve_headers(spec: TableSpec, cells: list[str], mapping: TableMapping | None = None
                    ) -> tuple[list[str | None], list[str]]:
    """Resolve a whole header row: per cell its contract column (``None``: extra column;
    ``""``: mapped to ignore), and remarks.  When two cells would hold the same column,
    the mapping file wins over the contract's own name, which wins over a synonym; the
    other cell is kept as an extra column (an export with both ``org_id`` and
    ``Crediteurnummer`` keeps the second as extra)."""
    ranked: list[tuple[int, str | None]] = []
    spelled: dict[int, str] = {}  # cell -> the synonym it is a close spelling of
    thirds: dict[int, tuple[str, str]] = {}  # cell -> the two columns a third person is beside
    forms = is_forms_export(cells)
    asked: set[str] = set()  # the columns a form's questions named
    for i, cell in enumerate(cells):
        key = squeeze(cell)
        if not key:
            ranked.append((9, None))
        elif forms and key in _FORMS_FIELDS and (mapping is None or key not in mapping.columns):
            # the respondent's e-mail is who declared (or received): read through the
            # employees' e-mail addresses; the other fields are the form's own
            respondent = (key in _FORMS_RESPONDENT and spec.has("employee_id")
                          and not spec.has("email"))
            ranked.append((2, "employee_id") if respondent else
                          (2, _INDEX[spec.name].get(key)) if key == "id" else (2, None))
        elif forms and (mapping is None or key not in mapping.columns) and (
                column := forms_question_column(spec, cell)):
            # a question: after every header named so, and the first of two questions
            # that ask for one column (the second stays an extra column)
            ranked.append((2.6, None if column in asked else column))
            asked.add(column)
        elif mapping is not None and key in mapping.columns:
            ranked.append((0, mapping.columns[key]))
        elif spec.has(_NON_ALNUM.sub("_", cell.strip().lower()).strip("_")) or any(
                squeeze(c) == key for c in spec.column_names):
            ranked.append((1, _INDEX[spec.name].get(key)))
        elif key in _INDEX[spec.name]:
            ranked.append((2, _INDEX[spec.name][key]))
        elif _LEADING_NUMBER.match(key) and _LEADING_NUMBER.sub("", key) in _INDEX[spec.name]:
            # '1. Personeelsnummer', '03 Geboortedatum': a template that numbers its columns
            ranked.append((2, _INDEX[spec.name][_LEADING_NUMBER.sub("", key)]))
        elif column := _beside_remark(spec, cell):  # 'Waarde (geschat)', 'Gemeld j/n'
            ranked.append((2, column))
        elif column := _numbered(spec, key):  # 'Fiatteur 1', 'Fiatteur 2': a numbered synonym
            if key.endswith("2") and not key.endswith("12") and column in _SECOND_PERSON:
                column = _SECOND_PERSON[column]  # 'Naam aanvrager 2': the co-applicant
            ranked.append((2, column))
        elif _ordinal_third(spec, key):  # '3e fiatteur', 'Derde goedkeurder': no column
            thirds[i] = _ordinal_third(spec, key)  # type: ignore[assignment]
            ranked.append((2, None))
        elif column := _json_path_column(spec, cell):  # 'functionarissen.naam'
            # before a plain synonym: beside it, the flattened object's own field is meant
            # (the officer's 'functionarissen.naam', not the company's top-level 'naam')
            ranked.append((1.5, column))
        elif key in _FALLBACK[spec.name]:
            ranked.append((_FALLBACK_RANK, _FALLBACK[spec.name][key]))
        else:
            close = close_header(spec, key)
            ranked.append((3, close[0]) if close else (2, None))
            if close:
                spelled[i] = close[1]
    best: dict[str, tuple[int, int]] = {}
    for i, (rank, name) in enumerate(ranked):
        if name and (name not in best or rank < best[name][0]):
            best[name] = (rank, i)
    contact = [i for i, (rank, name) in enumerate(ranked)  # synonyms of one contact column
               if name and rank == 2 and best[name][0] == 2 and spec.has(name)
               and spec.column(name).type in _CONTACT_TYPES]
    for i in sorted(contact, key=lambda i: (_contact_preference(cells[i]), i), reverse=True):
        best[ranked[i][1]] = (2, i)  # the private one, else the first
    for i in contact:
        if best[ranked[i][1]][1] != i:
            ranked[i] = (2.5, ranked[i][1])  # not read as the column: kept as an extra
    for i in _other_synonyms(spec, cells, ranked, best):
        ranked[i] = (2.5, ranked[i][1])
    out: list[str | None] = []
    notes: list[str] = []
    for i, (rank, name) in enumerate(ranked):
        if name and best[name][1] != i:
            if rank == _FALLBACK_RANK:  # a name beside the number: an extra column, as meant
                out.append(None)
                continue
            third = _third_person(spec, squeeze(cells[i]), name)
            if third and rank < 9 and best[name][0] < rank:
                notes.append(f"column {cells[i].strip()!r} numbers a third person beside "
                             f"{name} and {third}: only two are read; "
                             f"{cells[i].strip()!r} is kept as an extra column")
                out.append(None)
                continue
            if rank < 9 and best[name][0] < rank:
                notes.append(f"column {cells[i].strip()!r} looks like {name}, but "
                             f"{cells[best[name][1]].strip()!r} is read as {name}; "
                             f"{cells[i].strip()!r} is kept as an extra column")
                out.append(None)
                continue
            if rank == 3:  # a close spelling of a column the header already has
                out.append(None)
                continue
        if name and i in spelled:
            notes.append(f"header {cells[i].strip()!r} is read as {name} ({spelled[i]!r}), a "
                         "close spelling; correct the header, or map it in mapping.yaml")
        if i in thirds:
            notes.append(f"column {cells[i].strip()!r} numbers a third person beside "
                         f"{thirds[i][0]} and {thirds[i][1]}: only two are read; "
                         f"{cells[i].strip()!r} is kept as an extra column")
        out.append(name)
    return out, notes


#: a header of at least this many letters may be one typo from a synonym
_CLOSE_HEADER_LETTERS = 8


def close_header(spec: TableSpec, key: str) -> tuple[str, str] | None:
    """The column a squeezed header is one typo away from (``personeelsnumer`` ->
    employee_id, from ``personeelsnummer``), and that synonym; ``None`` for a short
    header, none within one typo, or synonyms of two columns equally close.

    >>> from ingest.tables import TABLES
    >>> close_header(TABLES["employees"], "personeelsnumer")
    ('employee_id', 'personeelsnummer')
    >>> close_header(TABLES["employees"], "datumuitdiens"), close_header(TABLES["employees"], "naamm")
    (('employed_until', 'datumuitdienst'), None)
    """
    if len(key) < _CLOSE_HEADER_LETTERS:
        return None
    found: dict[str, str] = {}
    # only the synonyms within one letter of its length, in the index's order, and of those
    # the ones one edit may turn into it (:func:`_one_edit_apart`, a cheap test before the
    # distance): asking every table about a header, as a file placed by its header is,
    # spent 0.7 s CPU of large's scan here
    by_length = _BY_LENGTH[spec.name]
    for _, synonym, column in sorted(by_length.get(len(key) - 1, []) + by_length.get(
            len(key), []) + by_length.get(len(key) + 1, [])):
        if _one_edit_apart(key, synonym) and edit_distance(key, synonym, 2) <= 1:
            found.setdefault(column, synonym)
    return next(iter(found.items())) if len(found) == 1 else None


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether one edit (insert, delete, replace, swap of neighbours) may turn ``a`` into
    ``b`` (of lengths at most one apart), by what they share at both ends: such an edit
    leaves all but at most two letters of the shorter one in a common start and end.  A
    necessary test only; the distance decides.

    >>> _one_edit_apart("personeelsnumer", "personeelsnummer"), _one_edit_apart("abcdefgh", "hgfedcba")
    (True, False)
    """
    n = min(len(a), len(b))
    start = 0
    while start < n and a[start] == b[start]:
        start += 1
    end = 0
    while end < n - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start + end >= n - 2


def header_score(spec: TableSpec, column: str, header: str) -> float:
    """How well a header cell fits ``column``, 0-100: a typo of its name or a synonym
    (edit ratio), or a synonym inside the cell, weighed by how much of the cell the
    column's words explain.  ``Geboortedatum woningzoekende`` holds a synonym of
    ``applicant_name`` (``woningzoekende``) and of ``applicant_birth_date``
    (``geboortedatum``), but the second explains the whole cell:

    >>> from ingest.tables import TABLES
    >>> a = TABLES["allocations"]
    >>> cell = "Geb.datum woningzoek."
    >>> header_score(a, "applicant_birth_date", cell) > header_score(a, "applicant_name", cell)
    True
    """
    from rapidfuzz import fuzz, process

    key = squeeze(header)
    if not key:
        return 0.0
    names, words = _column_names(spec, column)
    best = process.extractOne(key, names, scorer=fuzz.ratio)
    ratio = float(best[1]) if best else 0.0
    parts = _header_words(header)
    if "".join(parts) != key:  # a character squeeze drops but the split keeps: no words
        parts = [key]
    covered = _covered(key, names, parts)
    if not covered.any():
        return ratio
    covered |= _covered(key, words, parts)  # the applicant's word beside a field
    return max(ratio, 70.0 + 30.0 * float(covered.mean()))


def _header_words(header: str) -> list[str]:
    """The words of a header cell as :func:`squeeze` writes them (joined, they are its key)."""
    return [squeeze(w) for w in re.split(r"[^0-9A-Za-z\u00c0-\u024f\u20ac]+", header)
            if squeeze(w)]


def _covered(key: str, names: list[str], words: list[str]) -> np.ndarray:
    """Which characters of ``key`` (the cell's ``words`` joined) the ``names`` explain:
    where a name occurs, and every whole word of four letters or more that a name starts
    with (an abbreviation: ``woningz.`` for ``woningzoekende``; not ``medewerkers``, which
    no name starts with)."""
    import numpy as np

    out = np.zeros(len(key), dtype=bool)
    for n in names:
        if len(n) < 3:
            continue
        start = key.find(n)
        while start >= 0:
            out[start:start + len(n)] = True
            start = key.find(n, start + 1)
    at = 0
    for w in words:
        if len(w) >= 4 and any(n.startswith(w) and n != w for n in names):
            out[at:at + len(w)] = True
        at += len(w)
    return out


def _column_names(spec: TableSpec, column: str) -> tuple[list[str], list[str]]:
    """A column's name and synonyms, squeezed (an applicant column also its person field's:
    ``geboortedatum`` for ``applicant_birth_date``), and the applicant words that may stand
    beside them."""
    names = [squeeze(column), *(squeeze(s) for s in synonyms_of(spec.name, column))]
    words: list[str] = []
    if column.startswith("applicant_"):
        base = column.removeprefix("applicant_")
        names += [squeeze(base), *(squeeze(s) for s in SYNONYMS.get(base, ()))]
        words = [w for w in APPLICANT_WORDS if w not in names]
    return [n for n in names if n], words


def holds_synonym(spec: TableSpec, column: str, header: str) -> bool:
    """Whether the column's name or one of its synonyms is written inside a header cell
    (``Bedrag incl. BTW`` holds ``bedrag``; ``sofi_nummer`` holds no phone synonym, however
    close ``nummer`` is to one).  A synonym of three letters (``tel``, ``zip``, ``dob``)
    counts only as a word of its own: inside a word it is chance (SharePoint's ``Titel``,
    every list's title column, was said to look like a phone number).

    >>> from ingest.tables import TABLES
    >>> r = TABLES["relatives"]
    >>> holds_synonym(r, "phone", "Titel"), holds_synonym(r, "phone", "Tel. privé")
    (False, True)
    """
    key = squeeze(header)
    words = set(_header_words(header))
    return any((n in words) if len(n) == 3 else (len(n) > 3 and n in key)
               for n in _column_names(spec, column)[0])


def is_plausible_guess(spec: TableSpec, column: str, header: str) -> bool:
    """Whether ``coi mapping`` may offer ``column`` for a header cell it could not place:
    the cell holds the column's name or a synonym (or an abbreviation of one, as
    :func:`header_score` reads it), or is at most two typos from one (``Personeelsnumer``).

    Why: a short header that only shares letters with a longer name scored as a guess
    (FEBRL's ``state`` as ``employed_from``, from ``start date``; ``address_2`` as
    ``email``, from ``email address``), and a confirmed guess reads a wrong column.

    >>> from ingest.tables import TABLES
    >>> e = TABLES["employees"]
    >>> is_plausible_guess(e, "employed_from", "state"), is_plausible_guess(e, "email", "address_2")
    (False, False)
    >>> is_plausible_guess(e, "employee_id", "Personeelsnumer")
    True
    >>> is_plausible_guess(TABLES["allocations"], "status", "state")
    False
    """
    from rapidfuzz.distance import OSA

    key = squeeze(header)
    if not key:
        return False
    names, _ = _column_names(spec, column)
    parts = _header_words(header)
    if "".join(parts) != key:
        parts = [key]
    if _covered(key, names, parts).any():
        return True
    # typos in proportion to the name: two in a long one, one in a short one (``state`` is
    # two from ``status``: another word, not a typo)
    return any(OSA.distance(key, n, score_cutoff=2) <= _guess_typos(n) for n in names)


def _guess_typos(name: str) -> int:
    """How many typos :func:`is_plausible_guess` allows from ``name`` (squeezed)."""
    return 2 if len(name) >= 8 else 1 if len(name) >= 5 else 0


def best_column(spec: TableSpec, header: str, columns: list[str] | None = None
                ) -> tuple[str | None, float]:
    """The contract column (of ``columns``, default all of the table's) that fits a header
    cell best, with its :func:`header_score`; ``None`` below 70."""
    scored = [(header_score(spec, c, header), c) for c in
              (columns if columns is not None else [c.name for c in spec.columns])]
    if not scored:
        return None, 0.0
    score, column = max(scored, key=lambda sc: sc[0])  # the first of equals: contract order
    return (column, score) if score >= 70 else (None, score)


def suggest_headers(spec: TableSpec, column: str, headers: list[str], limit: int = 3
                    ) -> list[str]:
    """Header cells that probably hold ``column`` (typos of its name or synonyms), best
    first; a cell that fits another column better is not offered."""
    scored = []
    for header in headers:
        score = header_score(spec, column, header)
        if score >= 70 and best_column(spec, header)[1] <= score:
            scored.append((-score, header))
    return [h for _, h in sorted(scored)[:limit]]


def yaml_problem(exc: Exception) -> tuple[int | None, str]:
    """The line of a YAML error and what is wrong there, in words of the catalogue.

    PyYAML's own text is English and quotes the file (``could not determine a constructor
    for the tag 'tag:yaml.org,2002:python/object/apply:os.system'``, a caret under the
    line): in a Dutch run that made the message half English.  The tag a hostile file uses
    to run code, and the tab that indents a careless one, are named; anything else is
    told by its line and column."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = str(getattr(exc, "problem", "") or "")
    if "constructor for the tag" in problem:
        tag = problem.rsplit("'", 2)[-2] if problem.count("'") >= 2 else "?"
        return line, (f"the tag {tag.removeprefix('tag:yaml.org,2002:')} is not allowed: a "
                      "setting file holds plain values")
    if "'\\t'" in problem or "\t" in problem:
        return line, "a tab: indent with spaces"
    if mark is not None:
        return line, f"column {mark.column + 1}: check the indentation, colons and quotes"
    return line, "check the indentation, colons and quotes"


#: a settings file (mapping, policy) larger than this is no settings file
MAX_SETTINGS_BYTES = 1 << 20


def settings_file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be a settings file (a mapping or a policy file), or None when it
    may be read.  Why: a folder, a device or a pipe put where one is expected failed
    obscurely, was passed over in silence, read without end (``/dev/zero``) or waited for
    ever (a pipe); a file of gigabytes is no settings file either.

    >>> settings_file_problem(Path("/dev/null"))
    'is not a file (a folder, a device or a pipe)'
    """
    try:
        st = path.stat()
    except OSError:
        return None  # reading it says why (no such file, no permission, a link loop)
    if not stat.S_ISREG(st.st_mode):
        return "is not a file (a folder, a device or a pipe)"
    if st.st_size > MAX_SETTINGS_BYTES:
        return "is larger than 1 MB: too large for a settings file"
    return None


def load_mapping(data_dir: Path, path: str | Path | None = None) -> Mapping:
    """Read ``path`` or, when not given, ``DATA_DIR/mapping.yaml`` if it exists.

    Raises :class:`MappingError` for a file that cannot be used (unknown table or column,
    bad YAML), so a typo in the mapping never silently falls back to guessing.
    """
    if path is None:
        candidate = data_dir / MAPPING_FILE
        if candidate.is_symlink():
            # delivered with the exports, as their files are: a link out of the folder
            # (to /etc/passwd, to someone's notes) is refused as a table file's is
            from ingest.read_files import OUTSIDE_LINK_MESSAGE

            try:
                outside = not candidate.resolve().is_relative_to(data_dir.resolve())
            except (OSError, RuntimeError):  # a link loop: not a file, passed over below
                outside = False
            if outside:
                raise MappingError(f"{candidate}: {OUTSIDE_LINK_MESSAGE}")
        if not candidate.exists():
            return Mapping()
        problem = settings_file_problem(candidate)
        if problem:
            raise MappingError(f"{candidate}: {problem}; it is not read: remove it from the "
                               "data folder, or name the mapping file with --mapping")
        path = candidate
    path = Path(path)
    problem = settings_file_problem(path)
    if problem:
        raise MappingError(f"{path}: {problem}; give the mapping file itself")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise MappingError(f"{path}: cannot be read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        line, why = yaml_problem(exc)
        on = f" on line {line}" if line else ""
        raise MappingError(f"{path}: is not valid YAML{on} ({why}); compare it with the draft "
                           "that `coi mapping DATA_DIR` writes") from None
    if data is None:
        return Mapping(path)
    if not isinstance(data, dict) or not isinstance(data.get("tables", {}), dict):
        raise MappingError(f"{path}: expected a 'tables:' section with one entry per table")
    stray = [str(k) for k in data if k != "tables"]
    if stray:  # 'files:' at the top, 'table:' misspelt: never left unread without a word
        table = next((k for k in stray if k in TABLES), None)
        hint = (f"{table!r} is a table: put it under 'tables:'; " if table else
                "put files, sheet, header_row and columns under 'tables:' and the table's "
                "name; " if set(stray) & {"files", "sheet", "header_row", "columns"} else "")
        raise MappingError(f"{path}: unknown section(s) {', '.join(map(repr, stray))}; a "
                           f"mapping file has one section, 'tables:'; {hint}see "
                           "docs/input-format.md, or the draft `coi mapping DATA_DIR` writes")
    tables: dict[str, TableMapping] = {}
    for name, entry in (data.get("tables") or {}).items():
        if name not in TABLES:
            raise MappingError(f"{path}: unknown table {name!r}; tables are "
                               + ", ".join(TABLES))
        entry = entry or {}
        if not isinstance(entry, dict):
            raise MappingError(f"{path}: table {name}: expected files/sheet/header_row/columns")
        unknown = set(entry) - {"files", "sheet", "header_row", "columns"}
        if unknown:
            raise MappingError(f"{path}: table {name}: unknown setting(s) "
                               f"{', '.join(sorted(map(str, unknown)))}; use files, sheet, "
                               "header_row or columns")
        files = entry.get("files") or []
        if _is_scalar(files):
            files = [files]
        if not isinstance(files, list) or not all(map(_is_scalar, files)):
            raise MappingError(f"{path}: table {name}: files must be a file name or pattern, "
                               "or a list of them (['inkoop_*.csv', 'orders 2024.xlsx'])")
        given = entry.get("columns") or {}
        if not isinstance(given, dict) or not all(map(_is_scalar, given.values())):
            raise MappingError(f"{path}: table {name}: columns must be one line per header "
                               "of the file, 'Header in the file: column' (Crediteur: org_id), "
                               "each with one column name or ignore")
        columns: dict[str, str] = {}
        for source, target in given.items():
            if target in (None, "", "ignore"):
                columns[squeeze(str(source))] = ""
                continue
            if str(target).endswith("?"):
                raise MappingError(
                    f"{path}: table {name}: {source!r}: {target} is a guess from `coi mapping`; "
                    "remove the '?' to confirm it, or write ignore"
                )
            if not TABLES[name].has(str(target)):
                raise MappingError(
                    f"{path}: table {name}: {source!r} is mapped to {target!r}, which is not "
                    f"a column of {name}; its columns are {', '.join(TABLES[name].column_names)}"
                )
            columns[squeeze(str(source))] = str(target)
        header_row = entry.get("header_row")
        if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
            raise MappingError(f"{path}: table {name}: header_row must be a line number (1, 2, ...)")
        sheet = entry.get("sheet")
        if isinstance(sheet, list):  # the table on several sheets: each a part of it
            if not sheet or any(s is None or isinstance(s, (list, dict)) for s in sheet):
                raise MappingError(f"{path}: table {name}: sheet must be a sheet's name or "
                                   "number, or a list of them ([2023, 2024])")
            sheet = tuple(str(s) for s in sheet)
        elif sheet is not None:
            sheet = str(sheet)
        tables[name] = TableMapping([str(f) for f in files], sheet, header_row, columns)
    return Mapping(path, tables)


def _is_scalar(value: object) -> bool:
    """A YAML value that is one word, number, date or empty: never a list or mapping, which
    (with YAML's anchors) may expand to millions of items when turned into text."""
    return not isinstance(value, (list, dict, set, tuple))


def file_matches(name: str, table: str, mapping: TableMapping) -> bool:
    """Whether a file name (in the data folder) holds ``table``: ``contracts.csv``,
    ``contracts_2023.xlsx``, ``Contracten 2024.csv``, ``contracts.tsv``, or a mapping
    pattern."""
    lower = name.lower()
    if mapping.files:
        return any(fnmatch.fnmatch(lower, pattern.lower()) for pattern in mapping.files)
    stem, dot, suffix = lower.rpartition(".")
    if not dot or f".{suffix}" not in (".csv", ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".tsv",
                                       ".txt"):
        return False
    stem = re.sub(r"[ \-]+", "_", stem)  # 'KvK functionarissen' = 'kvk_functionarissen'
    for base in (table, *TABLE_FILE_NAMES.get(table, ())):
        if stem == base or (stem.startswith(base) and stem[len(base)] in "_."
                            and not stem.startswith(base + "_id")):
            return True
    return False
