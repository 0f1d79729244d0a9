"""The Dutch twins of the ``coi`` commands' help: each command's description and each
option's help text, for ``coi <command> --help`` in a Dutch run.

The English texts stay where they are (the commands' docstrings and ``help=``): they are
the source.  This catalogue is keyed by the command's path and the parameter's name, not by
the English sentence, so rewording the English does not silently drop the Dutch:
``("scan", None)`` is the description of ``coi scan``, ``("scan", "out")`` its ``--out``,
``("match list", None)`` a subcommand, ``("", None)`` ``coi`` itself.  The short line of a
subcommand in its group's list is the first sentence of its Dutch description (as click
does for English); the top-level list uses ``cli_text.COMMAND_HELP_NL``.

Examples keep their command lines as in English; only free text a user would type (a note,
a reason) and comments after ``#`` are in Dutch.  tests/test_cli_language.py fails when a
command or option has no Dutch text here, and when a Dutch ``--help`` shows a word of the
English one.  A plain dict (no imports): ``coi --help`` stays light.
"""

from __future__ import annotations

__all__ = ["HELP_NL", "SHORT_HELP_NL"]

_LANG = "Taal van alles wat wordt getoond [standaard: $COI_LANG, anders nl]."
_WORKSPACE = ("Werkruimtebestand (standaard: $COI_WORKSPACE, anders coi-workspace.sqlite in "
              "de huidige map).")
_JUDGEMENTS = ("Werkruimte met de oordelen over koppelingen (coi match confirm/reject) die de "
               "graaf volgt, zoals coi scan doet (standaard: $COI_WORKSPACE, anders "
               "coi-workspace.sqlite in de huidige map).")
_QUIET = "Geen voortgangsregels."
_JSON = "JSON naar stdout schrijven."
_CSV = "CSV (UTF-8, komma) naar stdout schrijven."
_SKIP_AS_SCAN = ("Rijen die niet te lezen zijn weglaten (geteld en getoond) in plaats van "
                 "te stoppen, zoals de scan deed.")
_SKIP = "Rijen die niet te lezen zijn weglaten in plaats van te stoppen."
_STRICT = ("Ook stoppen bij waarschuwingen (onbruikbare optionele waarden worden anders "
           "weggelaten en geteld, en de scan loopt door).")
_MAPPING = ("Koppelbestand: bestandsnamen en kopregels -> kolommen van het gegevenscontract "
            "[standaard: DATA_DIR/mapping.yaml als dat er is; concept: coi mapping].")
_SHEET = ("Werkblad van de .xlsx-bestanden dat wordt gelezen (naam of nummer), waar "
          "mapping.yaml er geen noemt [standaard: het eerste met gegevens].")
_BY_JUDGE = "Wie oordeelt (naam of initialen)."
_WHY_JUDGE = "Waarom (wordt bij het oordeel bewaard)."
_URI = "Adres van de server [omgevingsvariabele NEO4J_URI]."
_USER = "Gebruikersnaam [omgevingsvariabele NEO4J_USER]."
_DATABASE = ("Naam van de database [omgevingsvariabele NEO4J_DATABASE; standaard: die van de "
             "server].")

#: (command path, parameter name or None for the command itself) -> Dutch text.
HELP_NL: dict[tuple[str, str | None], str] = {
    ("", None): (
        "coi-graph: vind belangenverstrengeling in de besluiten van een woningcorporatie.\n\n"
        "Laadt het integriteitsregister (gemelde belangen, familieleden, nevenfuncties, "
        "geschenken) en de besluiten (contracten, inkooporders, facturen, toewijzingen, "
        "KvK-functionarissen) in een graaf, en markeert elk besluit waarvan de behandelaar of "
        "goedkeurder verbonden is met de wederpartij, met het bewijs voor elke verbinding."),
    # -- accept
    ("accept", None): (
        "Een geaccepteerde situatie vastleggen, de acceptaties tonen of er een intrekken.\n\n"
        "Bevindingen binnen de reikwijdte (medewerker, organisatie en/of regel; alle "
        "opgegeven delen moeten kloppen) staan als geaccepteerd (``accepted``) in ``coi cases`` en in "
        "rapporten, en worden nooit verborgen.  Een acceptatie geldt voor een scan waarvan "
        "de peildatum (as_of) op of vóór --until ligt; vanaf de eerste scan na die datum "
        "tonen de bevindingen weer hun eigen zaakstatus.\n\n"
        "\b\n"
        "Voorbeelden:\n"
        '  coi accept --employee E12 --org O7 --rule self_interest --owner "Directeur" \\\n'
        '      --until 2025-12-31 --justification "Goedgekeurd commissariaat; E12 neemt '
        'geen besluiten over O7"\n'
        "  coi accept --list\n"
        '  coi accept --revoke 3 --by "A. Jansen" --note "Commissariaat beëindigd"\n'),
    ("accept", "employee"): "Reikwijdte: het medewerkernummer (betrokkene van de bevindingen).",
    ("accept", "org"): "Reikwijdte: het organisatienummer (wederpartij).",
    ("accept", "rule"): "Reikwijdte: de regel.",
    ("accept", "justification"): ("Waarom de situatie is geaccepteerd (waarborgen, "
                                  "besluit)."),
    ("accept", "owner"): "Wie verantwoordelijk is voor de acceptatie.",
    ("accept", "until"): "Laatste dag waarop de acceptatie geldt (JJJJ-MM-DD).",
    ("accept", "do_list"): "Alle acceptaties tonen.",
    ("accept", "revoke"): "Acceptatie ID vanaf nu intrekken.",
    ("accept", "by"): "Wie vastlegt (standaard: de inlognaam) of intrekt.",
    ("accept", "note"): "Bij --revoke: waarom.",
    ("accept", "as_csv"): _CSV,
    ("accept", "as_json"): _JSON,
    ("accept", "workspace"): _WORKSPACE,
    ("accept", "lang"): _LANG,
    # -- cases
    ("cases", None): (
        "De zaken tonen: elke bevinding van de laatste scan met haar huidige status.\n\n"
        "De status is het laatste besluit (``coi triage``), ``open`` als er geen is, of "
        "``accepted`` als een geaccepteerde situatie de bevinding dekt (``coi accept``).  "
        "Met een FINDING_ID: de hele geschiedenis van die zaak.\n\n"
        "\b\n"
        "Voorbeelden:\n"
        "  coi cases --status open --rule self_interest\n"
        "  coi cases --csv > cases.csv\n"
        "  coi cases --xlsx cases.xlsx\n"
        "  coi cases F-a8747bdcf6c9436c\n"),
    ("cases", "statuses"): "Alleen zaken met deze status (herhaalbaar).",
    ("cases", "rules"): "Alleen bevindingen van deze regel (herhaalbaar).",
    ("cases", "include_gone"): "Ook bevindingen die de laatste scan niet meer vond.",
    ("cases", "xlsx"): ("De lijst naar deze Excel-werkmap schrijven (koppen in --lang), om in "
                        "Excel te filteren en te sorteren."),
    ("cases", "as_csv"): _CSV,
    ("cases", "as_json"): _JSON,
    ("cases", "workspace"): _WORKSPACE,
    ("cases", "lang"): _LANG,
    # -- demo
    ("demo", None): (
        "Een fictieve corporatie met geplante conflicten maken, scannen, en zeggen wat u "
        "kunt openen.\n\n"
        "Heeft geen netwerk en geen server nodig.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  coi demo --size small --out coi-demo\n"),
    ("demo", "size"): "small: ~3.000 woningen; medium: ~30.000; large: ~1 mln. besluiten.",
    ("demo", "out"): "Map voor data/ en run/.",
    ("demo", "lang"): _LANG,
    ("demo", "workspace"): "Werkruimtedatabase [standaard: OUT/coi-workspace.sqlite].",
    ("demo", "quiet"): _QUIET,
    # -- diff
    ("diff", None): (
        "Twee scanmappen vergelijken: nieuwe, opgeloste, veranderde en ongewijzigde "
        "bevindingen, en per verschil of de GEGEVENS of het BELEID (instellingen of versie "
        "van coi-graph) het veroorzaakte.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  coi diff runs/2024-q3 runs/2024-q4\n"),
    ("diff", "show_all"): "Ook de ongewijzigde bevindingen tonen.",
    ("diff", "no_cross_scan"): ("Niet opnieuw scannen om oorzaken toe te wijzen als zowel de "
                                "gegevens als het beleid veranderden."),
    ("diff", "as_json"): _JSON,
    ("diff", "quiet"): _QUIET,
    ("diff", "lang"): _LANG,
    # -- explore
    ("explore", None): (
        "Pagina's schrijven om de bevindingen van RUN_DIR te bekijken: een filterbare tabel, "
        "één pagina per bevinding met haar netwerk en bewijs, en een overzichtskaart van "
        "alle gemarkeerde verbindingen.\n\n"
        "De bundel werkt offline en vanuit een zipbestand: geen server, geen internet.  "
        "Elke bevinding toont haar zaakstatus in de werkruimte op het moment dat de pagina's "
        "worden gemaakt.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  coi explore runs/2024 --open\n"),
    ("explore", "out"): "Map voor de bundel (standaard: RUN_DIR/explore).",
    ("explore", "lang"): _LANG,
    ("explore", "workspace"): ("Werkruimte waaruit de zaakstatus van elke bevinding wordt "
                               "gelezen [standaard: $COI_WORKSPACE, anders "
                               "./coi-workspace.sqlite als die bestaat]."),
    ("explore", "open_"): "index.html openen in de standaardbrowser.",
    # -- export
    ("export", "lang"): _LANG,
    ("export", None): (
        "De graaf exporteren voor andere programma's.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  coi export neo4j-import exports/2024 import-2024\n"),
    ("export neo4j-import", None): (
        "CSV-bestanden met knopen en relaties schrijven voor "
        "`neo4j-admin database import full`.\n\n"
        "Voor ladingen van miljoenen rijen, waar `coi neo4j load` uren zou duren: de bestanden "
        "beschrijven dezelfde graaf (dezelfde id's, eigenschappen en verbindings-id's).  De "
        "importopdracht wordt getoond en naar OUT_DIR/IMPORT.txt geschreven; "
        "OUT_DIR/constraints.cypher maakt daarna de beperkingen en indexen aan.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  coi export neo4j-import exports/2024 import-2024\n"),
    ("export neo4j-import", "policy_path"): ("YAML-bestand met het beleid (het bepaalt de "
                                             "graaf, zoals bij een scan)."),
    ("export neo4j-import", "database"): "Naam van de database voor de importopdracht.",
    ("export neo4j-import", "skip_bad_rows"): _SKIP,
    ("export neo4j-import", "quiet"): _QUIET,
    ("export neo4j-import", "workspace"): _JUDGEMENTS,
    ("export neo4j-import", "lang"): _LANG,
    # -- mapping
    ("mapping", None): (
        "Een concept-koppelbestand schrijven uit de kopregels in DATA_DIR, om zelf te "
        "controleren.\n\n"
        "Regels die eindigen op `?` zijn gissingen: bevestig ze (haal het `?` weg) of schrijf "
        "`ignore`.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  coi mapping exports/2024\n"
        "  coi validate exports/2024\n"),
    ("mapping", "out"): "Waar het concept komt [standaard: DATA_DIR/mapping.yaml].",
    ("mapping", "sheet"): ("Werkblad van de .xlsx-bestanden dat wordt gelezen (naam of "
                           "nummer)."),
    ("mapping", "force"): "Een bestaand koppelbestand overschrijven.",
    ("mapping", "lang"): _LANG,
    # -- match
    ("match", "lang"): _LANG,
    ("match", None): (
        "Paren van records die als één persoon gelden: tonen, bevestigen of afwijzen.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  coi match list exports/2024 --band possible\n"),
    ("match confirm", None): (
        "Bevestigen dat PAAR (een paar-id uit `coi match list DATA_DIR`) één persoon is.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        '  coi match confirm exports/2024 P-3f0c9a1b2c4d5e6f --by "A. Jansen" --why "zelfde '
        'paspoort"\n'),
    ("match list", None): (
        "De paren van records in DATA_DIR tonen die (mogelijk) als één persoon gelden.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  coi match list exports/2024 --band possible --lang en\n"),
    ("match list", "band"): "Welke paren getoond worden.",
    ("match list", "policy_path"): "Beleidsbestand (drempels en gewichten).",
    ("match list", "lang"): _LANG,
    ("match list", "as_json"): _JSON,
    ("match list", "workspace"): _WORKSPACE,
    ("match reject", None): (
        "PAAR afwijzen: twee personen; het paar komt niet terug zolang beide records gelijk "
        "blijven.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        '  coi match reject exports/2024 P-3f0c9a1b2c4d5e6f --by "A. Jansen" --why '
        '"naamgenoot"\n'),
    ("match undo", None): (
        "Het laatste oordeel over PAAR intrekken (het oordeel daarvoor, als dat er is, geldt "
        "weer).\n\n"
        "\b\n"
        "Voorbeeld:\n"
        '  coi match undo P-3f0c9a1b2c4d5e6f --by "A. Jansen" --why "verkeerd paar"\n'),
    ("match confirm", "by"): _BY_JUDGE,
    ("match confirm", "why"): _WHY_JUDGE,
    ("match confirm", "policy_path"): "Beleidsbestand dat voor de scan wordt gebruikt.",
    ("match confirm", "workspace"): _WORKSPACE,
    ("match confirm", "lang"): _LANG,
    ("match reject", "by"): _BY_JUDGE,
    ("match reject", "why"): _WHY_JUDGE,
    ("match reject", "policy_path"): "Beleidsbestand dat voor de scan wordt gebruikt.",
    ("match reject", "workspace"): _WORKSPACE,
    ("match reject", "lang"): _LANG,
    ("match list", "skip_bad_rows"): _SKIP_AS_SCAN,
    ("match confirm", "skip_bad_rows"): _SKIP_AS_SCAN,
    ("match reject", "skip_bad_rows"): _SKIP_AS_SCAN,
    ("match weights", None): (
        "De matchgewichten schatten uit de records in DATA_DIR (Fellegi-Sunter-model).\n\n"
        "Per niveau: het gewicht uit het beleid, het gewicht geschat uit de gegevens (log2 "
        "m/u: u uit willekeurige paren, m met verwachting-maximalisatie op geblokte paren), of "
        "waarom de schatting niet deugt, en in hoeveel paren het niveau gezien is.  De scan "
        "houdt de gewichten van het beleid, tenzij een met --write-policy geschreven beleid "
        "wordt meegegeven.  Familieregels, drempels en naamfrequenties worden niet geschat.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  coi match weights exports/2024 --write-policy policy-estimated.yaml\n"),
    ("match weights", "policy_path"): ("Beleidsbestand waarvan de gewichten de standaard zijn "
                                       "(en de basis van --write-policy)."),
    ("match weights", "write_policy"): ("Een kopie van het beleid met de deugdelijke schattingen "
                                        "erin naar dit nieuwe bestand schrijven (wordt nooit "
                                        "overschreven)."),
    ("match weights", "sample_pairs"): ("Willekeurige paren records voor u (hoe vaak een niveau "
                                        "voorkomt tussen twee mensen) [standaard: 1.000.000]."),
    ("match weights", "lang"): _LANG,
    ("match weights", "as_json"): _JSON,
    ("match weights", "skip_bad_rows"): _SKIP_AS_SCAN,
    ("match undo", "by"): _BY_JUDGE,
    ("match undo", "why"): _WHY_JUDGE,
    ("match undo", "workspace"): _WORKSPACE,
    ("match undo", "lang"): _LANG,
    # -- neo4j
    ("neo4j", "lang"): _LANG,
    ("neo4j", None): (
        "De graaf in een Neo4j-server zetten, om hem in Neo4j Browser te verkennen.\n\n"
        "`coi scan --engine neo4j` voert daar dezelfde regels uit (queries/*.cypher).\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  export NEO4J_URI=neo4j://localhost:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=...\n"
        "  coi neo4j load exports/2024\n"),
    ("neo4j load", None): (
        "De graaf van DATA_DIR in Neo4j schrijven (idempotent: een tweede keer laden "
        "verandert niets).\n\n"
        "Maakt eerst uniciteitsbeperkingen en indexen, schrijft dan medewerkers, familieleden, "
        "organisaties, gedeelde kenmerken, besluiten, aanvragers, geschenken en meldingen in "
        "porties, en verwijdert wat niet meer in DATA_DIR staat.  Toont wat er is "
        "geschreven.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  NEO4J_PASSWORD=secret coi neo4j load exports/2024 --uri neo4j://localhost:7687\n"),
    ("neo4j load", "policy_path"): ("YAML-bestand met het beleid: het bepaalt welke "
                                    "familieleden als familie gelden en welke kenmerken te "
                                    "algemeen zijn, en dus de graaf."),
    ("neo4j load", "uri"): _URI,
    ("neo4j load", "user"): _USER,
    ("neo4j load", "database"): _DATABASE,
    ("neo4j load", "batch_size"): "Rijen per transactie.",
    ("neo4j load", "skip_bad_rows"): _SKIP,
    ("neo4j load", "quiet"): _QUIET,
    ("neo4j load", "workspace"): _JUDGEMENTS,
    ("neo4j load", "lang"): _LANG,
    ("neo4j status", None): (
        "De verbinding controleren en tonen wat de database bevat.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  NEO4J_PASSWORD=secret coi neo4j status\n"),
    ("neo4j status", "uri"): _URI,
    ("neo4j status", "user"): _USER,
    ("neo4j status", "database"): _DATABASE,
    ("neo4j status", "lang"): _LANG,
    # -- policy
    ("policy", "lang"): ("Taal van de hulptekst en van foutmeldingen (het beleidsbestand is "
                         "Engels)."),
    ("policy", None): (
        "Het standaardbeleid tonen, met de betekenis van elke instelling.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  coi policy > my-policy.yaml\n"),
    # -- report
    ("report", None): (
        "Een afdrukbaar HTML-rapport (A4) en een Markdown-versie van een scan schrijven.\n\n"
        "Zaakstatussen, het verloop over eerdere scans en de meldingscijfers komen uit de "
        "werkruimte waarin de scan is vastgelegd.\n\n"
        "\b\n"
        "Voorbeelden:\n"
        "  coi report runs/2024-q4 --audience rvc\n"
        "  coi report runs/2024-q4 --audience audit --lang en --out reports/\n"),
    ("report", "audience"): ("rvc: alleen aantallen, geen personen, kleine groepen verborgen; "
                             "audit: de volledige lijst."),
    ("report", "lang"): ("Taal van het rapport en van wat wordt getoond [standaard: "
                         "$COI_LANG, anders reports.language uit het beleid, anders nl]."),
    ("report", "out"): "Map voor de rapportbestanden (standaard: RUN_DIR/reports).",
    ("report", "workspace"): _WORKSPACE,
    # -- scan
    ("scan", None): (
        "DATA_DIR scannen (één bestand per tabel) en de bevindingen naar --out schrijven.\n\n"
        "Afsluitcode 0 als de scan is gelopen (met of zonder bevindingen), 1 bij een fout "
        "tijdens het draaien, 2 bij verkeerd gebruik of onleesbare invoer.  Drie niveaus van "
        "problemen: een bestand dat niet bruikbaar is stopt de scan; een rij die niet bruikbaar "
        "is stopt hem, tenzij --skip-bad-rows; een onbruikbare optionele waarde (telefoon, "
        "postcode, IBAN, ...) blijft buiten het koppelen, wordt geteld en gemeld, en de scan "
        "loopt door (--strict stopt daar ook op).\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  coi scan exports/2024 --out runs/2024\n"
        "  coi scan exports/2024 --out runs/2024 --mapping exports/mapping.yaml --sheet Data\n"),
    ("scan", "out"): ("Map waarin findings.csv, findings.json, run.json en graph.json worden "
                      "geschreven."),
    ("scan", "policy_path"): "YAML-bestand met het beleid (standaardwaarden: `coi policy`).",
    ("scan", "as_of"): "Peildatum voor regels zonder besluit (JJJJ-MM-DD).",
    ("scan", "skip_bad_rows"): ("Rijen die niet te lezen zijn weglaten (geteld en getoond) in "
                                "plaats van te stoppen."),
    ("scan", "engine"): "Graafmotor: ingebouwd (networkx) of een Neo4j-server.",
    ("scan", "lang"): _LANG,
    ("scan", "workspace"): ("Werkruimtedatabase die de scangeschiedenis en de besluiten over "
                            "zaken bewaart [standaard: $COI_WORKSPACE, anders "
                            "./coi-workspace.sqlite]."),
    ("scan", "quiet"): ("Geen voortgangsregels (fouten, waarschuwingen en heropende zaken "
                        "worden wel getoond)."),
    ("scan", "strict"): _STRICT,
    ("scan", "mapping"): _MAPPING,
    ("scan", "sheet"): _SHEET,
    # -- serve
    ("serve", None): (
        "De werkruimte als webapplicatie: zaken, bevindingen met hun netwerk, besluiten, "
        "acceptaties en vergelijkingen van scans.\n\n"
        "Op 127.0.0.1 (de standaard) bevat de URL die bij het starten wordt getoond een "
        "geheim token; open die één keer, daarna houdt de browser een sessie.  Elk besluit "
        "wordt toegevoegd met wie en wanneer.  Het auditspoor wordt bij het starten "
        "gecontroleerd.\n\n"
        "\b\n"
        "Voorbeelden:\n"
        "  coi serve --workspace coi-demo/coi-workspace.sqlite\n"
        '  coi user add "A. Jansen" && coi serve --host 0.0.0.0   # op een netwerk: '
        "accounts\n"),
    ("serve", "workspace"): _WORKSPACE,
    ("serve", "host"): ("Adres waarop wordt geluisterd.  Alles behalve een loopback-adres "
                        "vraagt om accounts (`coi user add`)."),
    ("serve", "port"): "Poort (0: een willekeurige vrije poort).",
    ("serve", "lang"): _LANG,
    ("serve", "user"): ("Zonder accounts: de naam die bij elk besluit wordt vastgelegd "
                        "(anders vraagt de browser er één keer om)."),
    ("serve", "idle_minutes"): ("Met accounts: een aangemelde sessie eindigt na zoveel "
                                "minuten zonder verzoek."),
    ("serve", "open_browser"): "De pagina in de browser openen.",
    # -- triage
    ("triage", None): (
        "Een besluit over een of meer bevindingen vastleggen (toegevoegd; nooit "
        "overschreven).\n\n"
        "Een bevinding die als verklaard of geseponeerd is gesloten, blijft in latere scans "
        "gesloten zolang haar bewijs gelijk blijft; verandert het bewijs, dan heropent de "
        "scan haar en zegt wat er veranderde.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        '  coi triage F-a8747bdcf6c9436c --status explained --by "A. Jansen" \\\n'
        '      --note "Gemeld en goedgekeurd in 2023; de inkoop deed een collega"\n'),
    ("triage", "status"): "De nieuwe status van de zaak.",
    ("triage", "note"): "Waarom (verplicht bij explained, confirmed, dismissed).",
    ("triage", "by"): "Wie besluit (naam of initialen).",
    ("triage", "workspace"): _WORKSPACE,
    ("triage", "lang"): _LANG,
    # -- user
    # -- key
    ("key", "lang"): _LANG,
    ("key", None): ("De auditsleutel: een geheim buiten de werkruimte dat haar auditspoor "
                    "verzegelt."),
    ("key new", None): (
        "Een nieuw auditsleutelbestand KEY_FILE maken (alleen voor u leesbaar; wordt "
        "nooit overschreven).\n\n"
        "Bewaar het buiten de map van de werkruimte, waar wie de werkruimte kan wijzigen het "
        "niet kan lezen, en laat $COI_AUDIT_KEY_FILE ernaar wijzen bij elke coi-opdracht die "
        "iets vastlegt (scan, triage, accept, serve, match).  Een werkruimte krijgt de sleutel "
        "bij het eerste dat met een sleutel wordt vastgelegd, of meteen met --workspace.  Een "
        "sleutel vervangen: deze opdracht met --workspace uitvoeren terwijl "
        "$COI_AUDIT_KEY_FILE nog naar de huidige sleutel wijst, en daarna naar het nieuwe "
        "bestand laten wijzen.\n\n"
        "\b\n"
        "Voorbeelden:\n"
        "  coi key new /secure/coi-audit.key\n"
        "  COI_AUDIT_KEY_FILE=/secure/old.key coi key new /secure/new.key --workspace ws.sqlite\n"),
    ("key new", "workspace"): ("De sleutel nu in deze werkruimte vastleggen (heeft zij al een "
                               "sleutel: die vervangen; $COI_AUDIT_KEY_FILE moet dan de huidige "
                               "noemen)."),
    ("key new", "lang"): _LANG,
    ("user", "lang"): _LANG,
    ("user", None): ("Accounts voor `coi serve` op een netwerkadres (wachtwoorden gehasht met "
                     "argon2)."),
    ("user add", None): (
        "Een account NAAM toevoegen (die naam wordt vastgelegd bij de besluiten die het "
        "account neemt).\n\n"
        "\b\n"
        "Voorbeeld:\n"
        '  coi user add "A. Jansen"      # vraagt het wachtwoord twee keer\n'),
    ("user add", "workspace"): _WORKSPACE,
    ("user add", "password"): "Het wachtwoord (wordt twee keer gevraagd als het ontbreekt).",
    ("user add", "lang"): _LANG,
    ("user list", None): (
        "De accounts tonen.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  coi user list\n"),
    ("user list", "workspace"): _WORKSPACE,
    ("user list", "lang"): _LANG,
    ("user remove", None): (
        "Een account verwijderen (de eerdere besluiten houden de naam).\n\n"
        "\b\n"
        "Voorbeeld:\n"
        '  coi user remove "A. Jansen"\n'),
    ("user remove", "workspace"): _WORKSPACE,
    ("user remove", "lang"): _LANG,
    # -- validate
    ("validate", None): (
        "Elk probleem in DATA_DIR in één keer tonen, als bestand:regel: kolom: wat te "
        "herstellen.\n\n"
        "Fouten zijn bestanden of rijen die niet bruikbaar zijn; waarschuwingen zijn waarden "
        "die buiten het koppelen blijven (de rij wordt wel gebruikt) en opmerkingen.  "
        "Afsluitcode 2 bij fouten (met --skip-bad-rows: fouten van een bestand, zoals de "
        "scan), of bij waarschuwingen met --strict; anders 0.\n\n"
        "\b\n"
        "Voorbeeld:\n"
        "  coi validate exports/2024\n"),
    ("validate", "quiet"): "Alleen de problemen, geen samenvatting.",
    ("validate", "skip_bad_rows"): ("Zoals coi scan --skip-bad-rows: rijen die niet te lezen "
                                    "zijn, zijn fouten die de scan weglaat (geteld en "
                                    "getoond); afsluitcode 0 tenzij een bestand niet "
                                    "bruikbaar is."),
    ("validate", "policy_path"): ("Beleidsbestand (YAML) dat de scan gebruikt (hoe nauw de "
                                  "naam van een gever moet passen bij een organisatie)."),
    ("validate", "lang"): _LANG,
    ("validate", "strict"): _STRICT,
    ("validate", "mapping"): _MAPPING,
    ("validate", "sheet"): _SHEET,
    # -- verify
    ("verify", None): (
        "Het manipulatiebestendige auditspoor van de werkruimte controleren.\n\n"
        "Berekent de hashketen opnieuw over scans, zaakgebeurtenissen, acceptaties en "
        "intrekkingen, en noemt elke rij die buiten coi-graph om is herschreven, verwijderd, "
        "ingevoegd of van volgorde veranderd (ook met INSERT OR REPLACE of na het verwijderen "
        "van een trigger).  Met de auditsleutel (--key-file of $COI_AUDIT_KEY_FILE) worden "
        "ook de MAC's van elke regel gecontroleerd: dat betrapt wie de hele keten opnieuw "
        "heeft berekend.  Afsluitcode 0: intact; 1: gemanipuleerd.\n"
        "Een kopie van de werkruimte die naar een eerdere stand is teruggezet, wordt alleen "
        "gevonden met iets dat elders is bewaard: de eerder getoonde kophash (--expect) of "
        "latere scanmappen (--run).\n\n"
        "\b\n"
        "Voorbeelden:\n"
        "  coi verify --workspace coi-demo/coi-workspace.sqlite\n"
        "  coi verify --expect HASH   # de hele kophash die bij het laatste triage-overleg "
        "werd getoond\n"
        "  coi verify --key-file /secure/coi-audit.key --run runs/2024-q4\n"),
    ("verify", "workspace"): _WORKSPACE,
    ("verify", "expect"): ("Een eerder getoonde kophash: controleren dat die nog in de keten "
                           "staat."),
    ("verify", "key_file"): ("Het auditsleutelbestand: ook de MAC's controleren [standaard: "
                             "$COI_AUDIT_KEY_FILE]."),
    ("verify", "run_dirs"): ("Een scanmap van na de laatst bekende goede stand van de "
                             "werkruimte: controleren dat de werkruimte die scan en de keten "
                             "die de scan aantrof nog bevat (herhaalbaar)."),
    ("verify", "as_json"): "Het resultaat als JSON schrijven.",
    ("verify", "lang"): _LANG,
}

#: The Dutch line of each subcommand in its group's list (``coi match --help``), the twin of
#: its ``short_help=``: written to fit one line at 80 columns, where the first sentence of the
#: description was cut with "..." (tests/test_cli_audit19.py checks every group).
SHORT_HELP_NL: dict[str, str] = {
    "export neo4j-import": "CSV-bestanden schrijven voor `neo4j-admin database import`.",
    "key new": "Een nieuw auditsleutelbestand maken (wordt nooit overschreven).",
    "match confirm": "Bevestigen dat een paar één persoon is.",
    "match list": "De paren tonen die (mogelijk) als één persoon gelden.",
    "match reject": "Een paar afwijzen: twee verschillende personen.",
    "match undo": "Het laatste oordeel over een paar intrekken.",
    "match weights": "De matchgewichten schatten uit de gegevens.",
    "neo4j load": "De graaf van DATA_DIR in Neo4j schrijven.",
    "neo4j status": "De verbinding controleren en tonen wat de database bevat.",
    "user add": "Een account toevoegen.",
    "user list": "De accounts tonen.",
    "user remove": "Een account verwijderen (de besluiten houden de naam).",
}
