"""The codes of every enumeration in the data contract, and the Dutch words that mean them.

Exports are filled in by people: HR writes ``echtgenote``, the integrity officer
``nevenfunctie``, the allocation system ``Urgentie``.  Each vocabulary maps those words to
the contract's code, case- and accent-insensitively, with ``-``, ``_`` and spaces treated
alike.

>>> RELATIONS.lookup("Echtgenote"), RELATIONS.lookup("parent-in-law")
('partner', 'parent_in_law')
>>> DECLARATION_KINDS.lookup("Financieel belang"), DECLARATION_KINDS.lookup("onbekend") is None
('financial_interest', True)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "ALLOCATION_BASES",
    "ALLOCATION_STATUSES",
    "ALLOCATION_KINDS",
    "CONTRACT_KINDS",
    "DECLARATION_KINDS",
    "DECLARATION_STATUSES",
    "EMPLOYEE_ROLES",
    "GIFT_KINDS",
    "MANDATE_KINDS",
    "OFFICER_ROLES",
    "ORG_TYPES",
    "RELATIONS",
    "EnumVocabulary",
    "edit_distance",
    "enum_key",
]

_SEPARATORS = re.compile(r"[\s\-_/]+")


def enum_key(value: str) -> str:
    """Lower case, accents removed, separators made one space: how values are compared.

    A choice Microsoft Forms exports ends in ``;`` (its multiple-choice answers are joined
    so, ``Nevenfunctie;``): one answer is that choice.

    >>> enum_key(" Privé-transactie "), enum_key("PARENT_IN_LAW"), enum_key("Nevenfunctie;")
    ('prive transactie', 'parent in law', 'nevenfunctie')
    """
    text = unicodedata.normalize("NFKD", value.strip().removesuffix(";").strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("(", "").replace(")", "").replace("'", "")
    return _SEPARATORS.sub(" ", text).strip()


def edit_distance(a: str, b: str, stop: int) -> int:
    """Edit distance (insert, delete, replace, swap of two neighbours) of ``a`` and ``b``,
    or ``stop`` as soon as it is certain to reach it."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = current[j - 1] + 1
            cost = min(cost, previous[j] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current[j] = cost
        if min(current) >= stop:
            return stop
        previous2, previous = previous, current
    return min(previous[-1], stop)


#: words that begin a remark after a known value: ``Goedgekeurd door directie``,
#: ``Akkoord per 1-3-2024``, ``Bestuurder bij Stichting X``, ``Aandelen in X``
_REMARK_WORDS = frozenset(("door", "per", "op", "d", "dd", "namens", "via", "sinds", "vanaf",
                           "tot", "tm", "bij", "in", "van", "voor", "als", "met", "sedert"))

#: words of a remark saying a relation has ended: ``Echtgenote (gescheiden)``, ``Partner ex``
#: (``Partner, gescheiden``), or that the relative died (``Partner (overleden)``, ``† 2021``)
_ENDED_WORDS = frozenset(("gescheiden", "ex", "voormalig", "voormalige", "vroeger", "vroegere",
                          "former", "divorced", "separated", "uit elkaar", "overleden", "overl",
                          "deceased", "†"))
#: what sets a remark off from the value before it besides brackets and spaces:
#: ``Partner, gescheiden``, ``Nevenfunctie; bezoldigd``, ``Partner: ex``
_REMARK_MARKS = re.compile(r"[,;:]")


@dataclass(frozen=True, eq=False)
class EnumVocabulary:
    """An enumeration's codes plus the synonyms that map to them (compared by identity)."""

    name: str
    codes: tuple[str, ...]
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: words that mean the same as an empty cell (a mandate's kind ``alle``: all kinds)
    empty_words: tuple[str, ...] = ()
    #: code -> the code it becomes when a remark says it has ended (a divorced spouse)
    ended: dict[str, str] = field(default_factory=dict)
    _index: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _cache: dict[str, dict] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for code in self.codes:
            self._index[enum_key(code)] = code
        for code, words in self.synonyms.items():
            assert code in self.codes, (self.name, code)
            for word in words:
                self._index.setdefault(enum_key(word), code)

    def words(self) -> dict[str, str]:
        """Every known word (compared form, see :func:`enum_key`) and its code: for a reader
        that looks for them inside a longer text (:mod:`ingest.declaration_text`)."""
        return dict(self._index)

    def means_empty(self, value: str) -> bool:
        """Whether ``value`` is one of the words that mean an empty cell."""
        return enum_key(value) in {enum_key(w) for w in self.empty_words}

    def lookup(self, value: str) -> str | None:
        """The code ``value`` means, or ``None`` when it is not known."""
        return self._index.get(enum_key(value))

    def close(self, value: str) -> tuple[str, str] | None:
        """The code an unknown ``value`` is a way of writing, and the known word it was
        taken for: written apart or together (``neven functie``), with a remark in
        brackets (``Nevenfunctie (bezoldigd)``), or one typo away (two in a long word)
        from exactly one code's words (``financeel belang``), or followed by a remark that
        starts with a word such as ``door``, ``per``, ``bij`` (``Goedgekeurd door directie``).  ``None`` when none fits,
        or when words of two codes fit equally.

        >>> DECLARATION_KINDS.close("neven functie"), DECLARATION_KINDS.close("financeel belang")
        (('side_function', 'nevenfunctie'), ('financial_interest', 'financieel belang'))
        >>> RELATIONS.close("zon") is None  # too short to tell a typo from another word
        True
        >>> DECLARATION_STATUSES.close("Goedgekeurd door directie d.d. 1-3-2024")
        ('approved', 'goedgekeurd')
        >>> DECLARATION_KINDS.close("Bestuurder bij Stichting Sportclub")
        ('side_function', 'bestuurder')
        >>> DECLARATION_KINDS.close("Nevenfunctie - penningmeester VV Elst")
        ('side_function', 'nevenfunctie')
        >>> RELATIONS.close("Parent_in_law."), RELATIONS.close("Schoonmoeder.")
        (('parent_in_law', 'parent in law'), ('parent_in_law', 'schoonmoeder'))

        A remark saying the relation ended makes it what the vocabulary's ``ended`` says
        (a divorced spouse is no longer the partner the rules count):

        >>> RELATIONS.close("Echtgenote (gescheiden)"), RELATIONS.close("Partner, ex")
        (('other', 'echtgenote gescheiden'), ('other', 'partner ex'))
        """
        key = " ".join(_REMARK_MARKS.sub(" ", enum_key(value)).split())
        # a remark in brackets, after a comma, semicolon or colon, or after a dash with
        # spaces around it as a register kept by hand writes one (``Nevenfunctie -
        # penningmeester``; ``Zoon-dochter``, without spaces, is no remark)
        head = re.split(r"[(,;:]|\s[-\u2013\u2014]\s", value, maxsplit=1)[0]
        bracket = enum_key(head) if head != value else ""
        if bracket and bracket in self._index:
            if self._ended(self._index[bracket], key[len(bracket):]):
                return self.ended[self._index[bracket]], key
            return self._index[bracket], bracket
        bare = key.strip(" .,;:!?*")  # 'Parent_in_law.': a full stop after a known word
        if bare != key and bare in self._index:  # (before 'parent' + a remark 'in law.')
            return self._index[bare], bare
        words = key.split()
        # a known word, then a remark after it; no known word has more words than the
        # longest (joining every longer head cost n * n: a damaged cell of 500,000 words hung)
        most = max((k.count(" ") + 1 for k in self._index), default=1)
        for n in range(min(len(words) - 1, most), 0, -1):
            head = " ".join(words[:n])
            if head not in self._index:
                continue
            if self._ended(self._index[head], " ".join(words[n:])):
                return self.ended[self._index[head]], key
            if words[n].replace(".", "") in _REMARK_WORDS:
                return self._index[head], head
        return self._typo(key)

    def typo(self, value: str) -> tuple[str, str] | None:
        """The code of ``value`` written apart or together, or one typo (two in a long
        word) from exactly one code's words, and that word; None otherwise.  Only that
        part of :meth:`close`: an open vocabulary (officer roles, kept as written when
        unknown) reads ``commsisaris`` so, but keeps ``Bestuurder (zelfstandig bevoegd)``.

        A word added to a known one is no typo but a qualifier the list does not know
        (``Procuratiehouder B``): only a value of as many words as the known word is read.

        >>> OFFICER_ROLES.typo("Commsisaris"), OFFICER_ROLES.typo("lid rvc")
        (('commissaris', 'commissaris'), None)
        >>> OFFICER_ROLES.typo("Procuratiehouder B") is None
        True
        """
        key = " ".join(_REMARK_MARKS.sub(" ", enum_key(value)).split())
        found = self._typo(key)
        if found is None or len(found[1].split()) != len(key.split()):
            return None
        return found

    def _typo(self, key: str) -> tuple[str, str] | None:
        compact = self._compact().get(key.replace(" ", ""))
        if compact:
            return compact
        if len(key) < 5:
            return None
        limit = 2 if len(key) >= 10 else 1
        best: dict[str, str] = {}
        best_distance = limit + 1
        for word, code in self._index.items():
            if abs(len(word) - len(key)) > limit:
                continue
            d = edit_distance(key, word, limit + 1)  # limit + 1: farther than any typo
            if d < best_distance:
                best, best_distance = {code: word}, d
            elif d == best_distance and d <= limit:
                best.setdefault(code, word)
        if len(best) == 1:
            return next(iter(best.items()))
        return None

    def _ended(self, code: str, remark: str) -> bool:
        """Whether ``remark`` (the words after a known one) says that ``code`` has ended."""
        return code in self.ended and (bool({w.strip(".") for w in remark.split()} & _ENDED_WORDS)
                                       or " ".join(remark.split()) in _ENDED_WORDS)

    def _compact(self) -> dict[str, tuple[str, str]]:
        if "compact" not in self._cache:
            seen: dict[str, set[str]] = {}
            words: dict[str, str] = {}
            for word, code in self._index.items():
                seen.setdefault(word.replace(" ", ""), set()).add(code)
                words.setdefault(word.replace(" ", ""), word)
            self._cache["compact"] = {k: (next(iter(codes)), words[k])
                                      for k, codes in seen.items() if len(codes) == 1}
        return self._cache["compact"]

    def describe(self) -> str:
        """The allowed codes and a few Dutch examples, for an error message."""
        examples = [w for words in self.synonyms.values() for w in words[:1]][:4]
        text = ", ".join(self.codes)
        if examples:
            text += " (Dutch terms such as " + ", ".join(examples) + " are understood too)"
        return text


EMPLOYEE_ROLES = EnumVocabulary(
    "role",
    ("employee", "manager", "director", "supervisory_board", "external", "volunteer"),
    {
        "employee": ("medewerker", "werknemer", "staff", "personeel", "staflid", "stagiair",
                     "stagiaire", "trainee", "oproepkracht"),
        "manager": ("leidinggevende", "teamleider", "teammanager", "afdelingshoofd",
                    "hoofd", "manager"),
        "director": ("directeur", "bestuurder", "directeur bestuurder", "directeur-bestuurder",
                     "directie", "bestuur", "ceo"),
        "supervisory_board": ("commissaris", "rvc", "lid rvc", "rvc lid",
                              "raad van commissarissen", "lid raad van commissarissen",
                              "toezichthouder", "supervisory board member"),
        "external": ("extern", "externe", "inhuur", "ingehuurd", "zzp", "zzper", "zzp er",
                     "interim", "uitzendkracht", "gedetacheerd", "contractor"),
        "volunteer": ("vrijwilliger", "vrijwillig"),
    },
)  # fmt: skip

RELATIONS = EnumVocabulary(
    "relation",
    ("partner", "parent", "child", "grandparent", "grandchild", "sibling", "parent_in_law",
     "child_in_law", "sibling_in_law", "household_member", "other"),
    {
        "partner": ("echtgenoot", "echtgenote", "geregistreerd partner", "levenspartner",
                    "levensgezel", "levensgezellin", "huwelijkspartner", "wederhelft",
                    "samenwonend partner", "samenwonend", "samenwonende",
                    "samenwonende partner", "spouse", "husband", "wife",
                    # an HR form's word for either ('Echtgeno(o)t(e)', so also in
                    # 'Partner/echtgeno(o)t(e)'), a partnership, and 'man' / 'vrouw' as a
                    # family register writes husband and wife ('ex man' is 'other' below)
                    "echtgenoote", "geregistreerd partnerschap", "partnerschap", "man",
                    "vrouw"),
        "parent": ("ouder", "vader", "moeder", "father", "mother", "stiefvader", "stiefmoeder",
                   "stiefouder", "pleegvader", "pleegmoeder", "pleegouder", "stepfather",
                   "stepmother", "foster parent"),
        "child": ("kind", "zoon", "dochter", "son", "daughter", "pleegkind", "stiefkind",
                  "stiefzoon", "stiefdochter", "pleegzoon", "pleegdochter", "stepson",
                  "stepdaughter", "stepchild", "foster child"),
        "grandparent": ("grootouder", "grootvader", "grootmoeder", "opa", "oma",
                        "grandfather", "grandmother"),
        "grandchild": ("kleinkind", "kleinzoon", "kleindochter", "grandson", "granddaughter"),
        "sibling": ("broer", "zus", "zuster", "broer zus", "brother", "sister", "halfbroer",
                    "halfzus", "halfzuster", "stiefbroer", "stiefzus", "half brother",
                    "half sister"),
        "parent_in_law": ("schoonouder", "schoonvader", "schoonmoeder", "father in law",
                          "mother in law"),
        "child_in_law": ("schoonzoon", "schoondochter", "schoonkind", "son in law",
                         "daughter in law"),
        "sibling_in_law": ("zwager", "schoonzus", "schoonzuster", "schoonbroer",
                           "brother in law", "sister in law"),
        "household_member": ("huisgenoot", "medebewoner", "inwonend", "huishouden",
                             "household member", "housemate"),
        # further family, and a former partner: relatives, not the close family the
        # rules on partners, parents and children count
        "other": ("overig", "anders", "overige", "neef", "nicht", "neefje", "nichtje",
                  "oom", "tante",
                  "ex partner", "ex echtgenoot", "ex echtgenote", "cousin", "nephew", "niece",
                  "uncle", "aunt", "former partner", "vriend", "vriendin", "friend",
                  "aangetrouwd", "achterkleinkind", "overgrootouder", "peetoom",
                  "peettante", "ex", "ex man", "ex vrouw", "exman", "exvrouw",
                  "voormalig partner", "voormalige partner", "voormalig echtgenoot",
                  "voormalige echtgenote", "gescheiden echtgenoot", "gescheiden echtgenote",
                  "ex spouse", "former spouse"),
    },
    # a remark saying the relation ended ("Echtgenote (gescheiden)", "schoonmoeder (ex)"):
    # a former partner and the family by that marriage are "other", as "ex-partner" is
    ended={"partner": "other", "parent_in_law": "other", "child_in_law": "other",
           "sibling_in_law": "other", "household_member": "other"},
)  # fmt: skip

ORG_TYPES = EnumVocabulary(
    "org_type",
    ("supplier", "contractor", "institution", "other"),
    {
        "supplier": ("leverancier", "crediteur", "vendor"),
        "contractor": ("aannemer", "onderaannemer", "opdrachtnemer", "uitvoerder"),
        "institution": ("instelling", "instantie", "overheid", "gemeente"),
        "other": ("overig", "anders", "overige"),
    },
)  # fmt: skip

DECLARATION_KINDS = EnumVocabulary(
    "kind",
    ("financial_interest", "side_function", "own_business", "position",
     "private_transaction", "other"),
    {
        "financial_interest": ("financieel belang", "financiele belangen", "belang",
                               "aandelen", "aandeelhouderschap", "aandeelhouder",
                               "zakelijk belang", "participatie", "deelneming", "lening",
                               "investering", "certificaten", "obligaties",
                               "aandelenbezit", "aandelenbelang"),
        "side_function": ("nevenfunctie", "nevenfuncties", "nevenwerkzaamheid",
                          "nevenwerkzaamheden", "side job", "bestuursfunctie",
                          "toezichtsfunctie", "toezichthoudende functie", "commissariaat",
                          "commissaris", "toezichthouder", "lid raad van toezicht",
                          "lid raad van commissarissen", "bestuurslid", "bestuurder",
                          "vrijwilligerswerk", "vrijwilliger", "adviseur", "adviesfunctie",
                          "bijbaan", "bijverdienste", "nevenactiviteit", "nevenactiviteiten",
                          "neveninkomsten", "tweede baan",
                          # paid or unpaid, as registers split their side functions, and a
                          # seat on a board by the word for it ('Lidmaatschap RvC'; plain
                          # 'lidmaatschap' is a membership: other)
                          "betaalde nevenfunctie", "onbetaalde nevenfunctie",
                          "bezoldigde nevenfunctie", "onbezoldigde nevenfunctie",
                          "lidmaatschap rvc", "lidmaatschap rvt", "lid rvc", "lid rvt",
                          "lidmaatschap raad van commissarissen",
                          "lidmaatschap raad van toezicht"),
        "own_business": ("eigen bedrijf", "eigen onderneming", "eigen zaak",
                         "ondernemerschap", "zzp", "zzper", "freelance", "freelancer",
                         "eenmanszaak"),
        "position": ("functie", "dienstverband", "werkzaam bij", "werkt bij"),
        "private_transaction": ("prive transactie", "privetransactie", "privetransacties",
                                "prive transacties", "vastgoedtransactie"),
        "other": ("overig", "anders", "overige", "overig belang", "ander belang", "other interest",
                  "zakelijke relatie", "familierelatie", "lidmaatschap", "persoonlijke relatie",
                  "familiebelang", "relatie", "geschenk", "uitnodiging"),
    },
)  # fmt: skip

DECLARATION_STATUSES = EnumVocabulary(
    "status",
    ("approved", "pending", "rejected", "withdrawn"),
    {
        "approved": ("goedgekeurd", "akkoord", "toegestaan", "verleend", "toestemming",
                     "toestemming verleend", "toestemming gegeven", "ja",
                     "voorwaardelijk goedgekeurd", "goedgekeurd onder voorwaarden",
                     "voorwaardelijk akkoord", "geaccordeerd",
                     # integrity codes let the employer state it has no objection
                     "geen bezwaar"),
        "pending": ("in behandeling", "aangevraagd", "ingediend", "open", "nog niet beoordeeld",
                    "lopend", "gemeld", "ter beoordeling", "in beoordeling", "ontvangen",
                    "nieuw", "nog te beoordelen", "openstaand", "aangemeld"),
        "rejected": ("afgewezen", "geweigerd", "afgekeurd", "niet akkoord", "niet toegestaan",
                     "niet goedgekeurd", "toestemming geweigerd", "geen toestemming",
                     "toestemming niet verleend", "niet verleend", "nee"),
        # a declaration that no longer holds: withdrawn, ended or run out
        "withdrawn": ("ingetrokken", "beeindigd", "vervallen", "verlopen", "gestopt",
                      "afgemeld", "inactief"),
    },
)  # fmt: skip

#: officer roles are kept as text when unknown: the KvK writes them in many ways
OFFICER_ROLES = EnumVocabulary(
    "role",
    ("bestuurder", "commissaris", "aandeelhouder", "ubo", "vennoot", "eigenaar",
     "gevolmachtigde"),
    {
        "bestuurder": ("director", "board member", "statutair bestuurder", "directeur"),
        "commissaris": ("supervisory director", "lid raad van commissarissen", "rvc"),
        "aandeelhouder": ("shareholder", "enig aandeelhouder"),
        "ubo": ("uiteindelijk belanghebbende", "ultimate beneficial owner"),
        "vennoot": ("partner", "beherend vennoot", "maat"),
        "eigenaar": ("owner", "eigenaresse"),
        "gevolmachtigde": ("proxy", "procuratiehouder", "authorised representative",
                           "authorized representative"),
    },
)  # fmt: skip

CONTRACT_KINDS = EnumVocabulary(
    "kind",
    ("contract", "purchase_order", "invoice", "tender_award"),
    {
        "contract": ("overeenkomst", "raamovereenkomst", "opdracht", "raamcontract",
                     "mantelovereenkomst", "dienstverleningsovereenkomst",
                     "onderhoudscontract",
                     # plural, as a mandate register names the decisions a mandate covers
                     # ('Facturen', 'Inkooporders'); a word's plural is two edits from it
                     # and was not read as a typo
                     "contracten", "overeenkomsten", "opdrachten", "raamcontracten",
                     "raamovereenkomsten", "contracts"),
        "purchase_order": ("inkooporder", "bestelling", "bestelorder", "po", "order",
                           "inkoopopdracht", "bestelopdracht", "opdrachtbevestiging",
                           "bestelbon", "werkorder", "werkbon", "onderhoudsopdracht",
                           "meerwerk", "meerwerkopdracht", "nadere opdracht", "deelopdracht",
                           "afroep", "afroeporder", "call-off",
                           "inkooporders", "bestellingen", "orders", "werkorders",
                           "purchase orders"),
        "invoice": ("factuur", "factuurgoedkeuring", "nota", "inkoopfactuur", "creditnota",
                    "creditfactuur",
                    "facturen", "inkoopfacturen", "nota's", "creditnota's", "invoices"),
        "tender_award": ("gunning", "aanbesteding", "award", "gunningsbesluit",
                         "gunningen", "aanbestedingen", "awards"),
    },
)  # fmt: skip

#: the decisions a mandate covers: contracts' kinds; empty (or ``alle``) covers all, and so
#: does "procurement" (``inkoop``): a mandate register's word for every purchasing decision
MANDATE_KINDS = EnumVocabulary(
    "kind", CONTRACT_KINDS.codes, CONTRACT_KINDS.synonyms,
    empty_words=("alle", "alles", "all", "allemaal", "alle soorten", "alle besluiten", "*",
                 "inkoop", "inkoopbesluiten", "inkoop en aanbesteding", "procurement",
                 "purchasing"),
)

ALLOCATION_KINDS = EnumVocabulary(
    "kind",
    ("rental", "urgency", "sale", "priority", "other"),
    {
        "rental": ("verhuur", "toewijzing", "woningtoewijzing", "huur", "verhuring",
                   "reguliere verhuur", "reguliere toewijzing", "woningruil", "regulier",
                   "doorstroming", "huurwoning", "nieuwe verhuring", "regular",
                   "tijdelijke verhuur", "tijdelijk contract", "studentenwoning",
                   "jongerenwoning", "parkeerplaats", "garage", "berging", "bedrijfsruimte",
                   "zorgwoning", "seniorenwoning", "vrije sector", "middenhuur",
                   # what was let, as an allocation system names the offer
                   "woning", "woonruimte", "zelfstandige woonruimte",
                   "onzelfstandige woonruimte", "studentenkamer", "kamer", "wisselwoning"),
        "urgency": ("urgentie", "urgentieverklaring", "urgent", "medische urgentie",
                    "sociale urgentie", "sloopurgentie"),
        "sale": ("verkoop", "koop", "koopwoning", "verkoop bestaande bouw",
                 "verkoop nieuwbouw", "koopgarant", "koopstart", "verkoop aan zittende huurder"),
        "priority": ("voorrang", "voorrangsverklaring", "herhuisvesting", "statushouder",
                     "statushouders", "huisvesting statushouders"),
        "other": ("overig", "anders", "overige", "overig besluit"),
    },
)  # fmt: skip

GIFT_KINDS = EnumVocabulary(
    "kind",
    ("gift", "invitation", "meal", "event", "trip", "money", "other"),
    {
        "gift": ("geschenk", "cadeau", "relatiegeschenk", "present", "kerstpakket",
                 "kerstgeschenk", "fles wijn", "wijn", "bloemen", "boek", "attentie"),
        "invitation": ("uitnodiging",),
        "meal": ("diner", "lunch", "etentje", "maaltijd", "dinner", "ontbijt"),
        "event": ("evenement", "voorstelling", "concert", "wedstrijd", "seminar", "congres",
                  "symposium", "borrel", "sportevenement", "voetbalwedstrijd", "theater"),
        "trip": ("reis", "reisje", "studiereis", "excursie"),
        "money": ("geld", "contant", "contant geld", "cash", "cadeaubon", "waardebon",
                  "tegoedbon", "cadeaukaart", "gift card", "voucher"),
        "other": ("overig", "anders", "overige"),
    },
)  # fmt: skip

#: how an allocation was decided: by the candidate list (the default), by urgency, by
#: direct mediation (bemiddeling: the corporation picks the tenant), or otherwise
ALLOCATION_BASES = EnumVocabulary(
    "basis",
    ("list", "urgency", "direct", "other"),
    {
        "list": ("lijst", "volgorde", "kandidatenlijst", "wachtlijst", "volgorde lijst",
                 "op volgorde", "inschrijfduur", "regulier", "reguliere toewijzing",
                 "candidate list", "waiting list", "by list", "zoekduur", "optiemodel",
                 "aanbodmodel", "inschrijfduurmodel", "volgordemodel", "inschrijftijd",
                 "woonduur", "reactievolgorde", "reactiedatum", "eerst komt eerst maalt",
                 "wie het eerst komt", "direct te huur", "first come first served",
                 "zoektijd", "regulier aanbod", "eerste reageerder"),
        "urgency": ("urgentie", "urgent", "urgentieverklaring", "met urgentie",
                    "urgentietoewijzing", "medische urgentie", "sociale urgentie",
                    "sloopurgentie", "herhuisvesting", "voorrang", "voorrangsverklaring",
                    "statushouder", "statushouders", "huisvesting statushouders",
                    "taakstelling statushouders"),
        "direct": ("bemiddeling", "directe bemiddeling", "direct bemiddeld",
                   "directe toewijzing", "rechtstreekse toewijzing", "direct mediation",
                   "direct allocation", "direct aanbod", "directe aanbieding",
                   "maatwerk", "buiten volgorde", "out of turn", "lokaal maatwerk",
                   "kandidaatstelling", "bijzondere bemiddeling", "contingent",
                   "zorgcontingent", "maatwerktoewijzing"),
        "other": ("overig", "anders", "overige", "loting", "lotingmodel", "lotingsmodel",
                  "door loting", "loterij", "lottery"),
    },
)  # fmt: skip

#: what became of a candidate in an allocation system's list of candidates (WoningNet,
#: Woonnet Rijnmond, Woonmatch, Itris/Viewpoint, Cegeka/Centric export a row per candidate
#: with a status): only ``allocated`` is an allocation decision; the other codes are
#: candidates who were not allocated, set aside with a warning that counts them (see
#: :func:`ingest.allocation_status.set_aside_candidates`)
ALLOCATION_STATUSES = EnumVocabulary(
    "status",
    ("allocated", "declined", "rejected", "withdrawn", "pending"),
    {
        "allocated": ("toegewezen", "geaccepteerd", "geaccepteerd door kandidaat",
                      "aanbieding geaccepteerd", "aanbod geaccepteerd", "aanvaard",
                      "aanbod aanvaard", "definitief toegewezen", "woning toegewezen",
                      "verhuurd", "huurcontract getekend", "contract getekend",
                      "accepted", "allocated", "let"),
        "declined": ("geweigerd", "weigering", "aanbod geweigerd", "aanbieding geweigerd",
                     "niet geaccepteerd", "bedankt", "afgezegd", "niet gereageerd",
                     "geen reactie", "niet verschenen", "declined", "refused",
                     "no response"),
        "rejected": ("afgewezen", "niet toegewezen", "niet passend", "voldoet niet",
                     "niet in aanmerking", "niet geselecteerd", "ongeldig", "rejected",
                     "not allocated"),
        "withdrawn": ("ingetrokken", "reactie ingetrokken", "teruggetrokken", "vervallen",
                      "geannuleerd", "withdrawn", "cancelled"),
        "pending": ("in behandeling", "gereageerd", "reactie", "uitgenodigd",
                    "uitgenodigd voor bezichtiging", "bezichtiging", "aangeboden",
                    "in optie", "optie", "reserve", "reservekandidaat", "geselecteerd",
                    "wacht op reactie", "pending", "offered", "invited", "viewing"),
    },
)  # fmt: skip
