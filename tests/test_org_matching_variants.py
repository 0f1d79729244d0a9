"""Organization names as declarations and gifts write them, against a vendor master
(issue 10, point 5): one hand-made case per variation type of ``bench/bench_org_matching.py``
and per hard negative.  A missed organization hides a conflict; a wrong one accuses an
employee, so each negative asserts ``no match`` and the reason in ``detail``."""

from __future__ import annotations

from coi_graph.labels import match_reason_text
from coi_graph.match.records import REASON_ORG_PLACE, OrgMatch, match_organizations
from coi_graph.normalise.names import org_cut_words, split_trade_name
from coi_graph.policy import MatchingPolicy

POL = MatchingPolicy()

MASTER = [
    ("V01", "Bouwbedrijf Jansen B.V.", "12345678", ["Jansen Renovatie"]),
    ("V02", "Jansen Holding B.V.", "22345678"),
    ("V03", "Loodgietersbedrijf Roos", "32345678"),
    ("V04", "Stukadoorsbedrijf Noordwest B.V.", "42345678"),
    ("V05", "Adviesbureau Post", None),
    ("V06", "Schildersbedrijf Smit", "52345678"),
    ("V07", "Smits Installatietechniek B.V.", "62345678"),
    ("V08", "Bouwbedrijf van der Veen", "72345678"),
    ("V09", "Bouwbedrijf van Veen", "82345678"),
    ("V10", "Installatiebedrijf Schippers V.O.F.", "01234567"),
    ("V11", "Ingenieursbureau Oosterhuis", "92345678"),
    ("V12", "Timmerbedrijf de Wit & Zn.", "13345678"),
    ("V13", "Timmerbedrijf de Wit", "14345678"),
    ("V14", "Gebr. Bakker Dakwerken", "15345678"),
    ("V15", "Stichting Woonzorg Çelik", None),
    ("V16", "Coöperatie Zorgkracht Utrecht U.A.", "16345678"),
    ("V17", "Baas Installatietechniek", "17345678"),
    ("V18", "Installatiebedrijf Baas", "18345678"),
    ("V19", "Elektrotechniek Hendriks", "19345678"),
    ("V20", "Gebr. Schouten Schoonmaak B.V.", "20345678"),
    ("V21", "Kramer Bouw B.V.", "21345678"),
    ("V22", "Bouwbedrijf Kuipers", "23345678"),
    ("V23", "Bouwbedrijf Kuiper", "24345678"),
    ("V24", "Bosman Dakwerken B.V.", "25345678"),
    ("V25", "Hoekstra Elektro Zeist", "26345678"),
    ("V26", "Maas Glas Amersfoort", "27345678"),
    ("V27", "Maas Glas Bilthoven", "28345678"),  # a village, not a municipality
    ("V28", "Kramer Bouw Houten", None),
]


def org(name: str | None, kvk: str | None = None, master=MASTER) -> OrgMatch:
    [m] = match_organizations([("declarations:1", name, kvk)], master, POL)
    return m


def matched(name: str | None, kvk: str | None = None, master=MASTER) -> str | None:
    return org(name, kvk, master).org_id


# -- variations that must match -----------------------------------------------------------


def test_legal_form_written_otherwise_or_missing():
    for name in ("Bouwbedrijf Jansen BV", "bouwbedrijf jansen b.v.", "Bouwbedrijf Jansen",
                 "Bouwbedrijf Jansen Besloten Vennootschap"):
        assert (matched(name), org(name).reason) == ("V01", "same name"), name
    assert matched("Installatiebedrijf Schippers vof") == "V10"
    assert matched("Woonzorg Çelik Stichting") == "V15"
    assert matched("Zorgkracht Utrecht") == "V16"
    assert matched("Cooperatie Zorgkracht Utrecht UA") == "V16"


def test_word_order_when_a_look_alike_has_another_word():
    """``Van der Veen Bouwbedrijf`` is ``Bouwbedrijf van der Veen`` in another order; the
    runner-up ``Bouwbedrijf van Veen`` (0.97, within the ambiguity margin) has ``van`` where
    it has ``vd``: another name, not a typo, so it does not make the name ambiguous."""
    m = org("Van der Veen Bouwbedrijf B.V.")
    assert (m.org_id, m.reason) == ("V08", "similar name (1.00)")
    assert matched("Van Veen Bouwbedrijf") == "V09"
    # 'Bouwbedrijf Kuiper' is 0.97 like it, but 'Kuipers' is a name the master has
    m = org("Kuipers Bouwbedrijf")
    assert (m.org_id, m.reason) == ("V22", "similar name (1.00)")


def test_trade_name_and_hodn_forms():
    assert (matched("Jansen Renovatie"), org("Jansen Renovatie").reason) == ("V01", "same name")
    for name in ("Bouwbedrijf Jansen B.V. h.o.d.n. Jansen Renovatie",
                 "Bouwbedrijf Jansen handelend onder de naam Jansen Renovatie",
                 "Jansen B.V. h/o/d/n Jansen Renovatie"):  # the statutory half not found
        assert matched(name) == "V01", name


def test_hodn_halves_that_name_two_organizations_match_neither():
    m = org("Bouwbedrijf Jansen B.V. h.o.d.n. Schildersbedrijf Smit")
    assert m.org_id is None and "differ" in m.detail and "V01" in m.detail and "V06" in m.detail


def test_split_trade_name():
    assert split_trade_name("A B.V. t.h.o.d.n. B") == ("A B.V.", "B")
    assert split_trade_name("Hodnett Bouw") == ("Hodnett Bouw", None)


def test_abbreviations():
    assert matched("Gebroeders Bakker Dakwerken") == "V14"
    assert matched("Timmerbedrijf de Wit en Zonen") == "V12"
    assert matched("Install. Schippers") == "V10"       # a word cut short with a dot
    assert matched("Ing.bureau Oosterhuis B.V.") == "V11"  # cut in the middle
    assert matched("Elektrotechn. Hendriks") == "V19"
    assert org_cut_words("Install. Schippers") == (("install", ""),)


def test_abbreviation_that_fits_two_organizations_is_ambiguous():
    m = org("Install. Baas")  # Installatiebedrijf Baas or Baas Installatietechniek
    assert m.org_id is None and "ambiguous" in m.detail and "V17" in m.detail and "V18" in m.detail


def test_one_or_two_typos():
    m = org("Bouwbedrijf Jnasen")
    assert m.org_id == "V01" and m.reason.startswith("similar name (")
    assert matched("Installatiebedrjif Schipers") == "V10"  # two typos
    # a typo that moves the word in the sorted order ('scoonmaak' after 'schouten'): the
    # name as written is compared too
    assert matched("Gebr. Schouten Scoonmaak") == "V20"


def test_case_diacritics_punctuation_spaces():
    for name in ("BOUWBEDRIJF JANSEN", "  bouwbedrijf ,  jansen  ", "Woonzorg Celik"):
        assert matched(name) in ("V01", "V15"), name


def test_place_name_added_or_left_out():
    m = org("Bosman Dakwerken Wijk bij Duurstede")
    assert (m.org_id, m.reason) == ("V24", REASON_ORG_PLACE) and m.score < 1.0
    assert match_reason_text(m.reason, "nl") == "zelfde naam op een plaatsnaam na"
    assert matched("Hoekstra Elektro B.V.") == "V25"
    assert matched("Bosman Dakwerken Holding") is None  # not a place


def test_only_the_same_name_when_the_policy_asks_for_it():
    """``matching.min_org_name_score: 1.0`` takes only the same name: a place name added
    (scored 0.9) is then no match either."""
    import dataclasses

    exact = dataclasses.replace(POL, min_org_name_score=1.0)
    (m,) = match_organizations([("p", "Bosman Dakwerken Wijk bij Duurstede", None)], MASTER,
                               exact)
    assert m.org_id is None and m.reason == "no match"
    (m,) = match_organizations([("p", "Bosman Dakwerken", None)], MASTER, exact)
    assert m.org_id == "V24"


def test_place_left_out_where_two_firms_have_the_name_and_more():
    """``Maas Glas``: ``... Amersfoort`` is it but for a place; ``... Bilthoven`` (a village
    the list of municipalities lacks) has its words and more too: ambiguous."""
    m = org("Maas Glas")
    assert m.org_id is None and "V26" in m.detail and "V27" in m.detail


def test_van_der_written_short():
    for name in ("Bouwbedrijf v.d. Veen", "Bouwbedrijf vd Veen", "Bouwbedrijf v/d Veen"):
        assert matched(name) == "V08", name


def test_kvk_with_spaces_or_without_its_leading_zero():
    assert matched(None, "1234 5678") == "V01"
    assert matched("", "1234567") == "V10"


def test_kvk_written_with_its_label():
    for kvk in ("KvK 12345678", "KvK-nummer: 1234 5678", "kvk nr. 12345678", "K.v.K. 12345678"):
        m = org(None, kvk)
        assert (m.org_id, m.reason) == ("V01", "same KvK number"), kvk


def test_a_vestigingsnummer_is_not_cut_to_a_kvk_number():
    """A 12-digit vestigingsnummer (a branch: ``0000`` and eight digits) is no KvK number,
    though its last eight digits here are V01's: the name decides."""
    assert matched("Schildersbedrijf Smit", "000012345678") == "V06"
    assert matched(None, "000012345678") is None


def test_kvk_number_wins_over_a_contradicting_name():
    m = org("Schildersbedrijf Smit", "12345678")
    assert (m.org_id, m.reason) == ("V01", "same KvK number")


# -- hard negatives: must not match ---------------------------------------------------------


def test_holding_is_not_its_operating_company():
    assert matched("Jansen Holding") == "V02"
    assert matched("Jansen Bouw Holding B.V.") is None
    assert matched("Kramer Bouw Holding B.V.") is None  # the master has 'Kramer Bouw B.V.'
    assert matched("Kramer Bouw BV") == "V21"
    assert matched("Holding Bouwbedrijf Jansen") is None


def test_family_name_in_another_trade():
    """``Loodgietersbedrijf Vos`` is 0.93 like ``Loodgietersbedrijf Roos``: the long trade
    word hides that the family name is another."""
    m = org("Loodgietersbedrijf Vos")
    assert m.org_id is None and "'vos'" in m.detail
    assert matched("Schildersbedrijf Jansen") is None


def test_short_word_is_never_a_typo():
    m = org("Adviesbureau Oost")  # 0.94 like 'Adviesbureau Post'
    assert m.org_id is None and "another word" in m.detail


def test_word_the_vendor_master_has_elsewhere_is_not_a_typo():
    """``Smits`` is one letter from ``Smit``, but the master knows a ``Smits``: a namesake
    company in the same trade, not a typo."""
    m = org("Schildersbedrijf Smits")
    assert m.org_id is None and "another name in the vendor master" in m.detail


def test_zonen_and_without_both_in_the_master():
    assert matched("Timmerbedrijf De Wit & Zonen B.V.") == "V12"
    assert matched("Timmerbedrijf De Wit B.V.") == "V13"
    # with a typo: the firm the name is a typo of, not its sibling with or without '& Zonen'
    assert matched("Timmerbedrjif de Wit & Zn") == "V12"
    assert matched("Timmerbedrjif de Wit") == "V13"


def test_same_name_with_another_kvk_number():
    m = org("Bouwbedrijf Jansen B.V.", "99999999")
    assert m.org_id is None and m.reason == "no match"
    # 'Kramer Bouw' is V21's name (KvK 21345678): not taken as V28, 'Kramer Bouw Houten'
    # without a KvK number, which it is but for a place name
    m = org("Kramer Bouw", "99999999")
    assert m.org_id is None and "whose KvK number is not 99999999" in m.detail
    assert matched("Kramer Bouw Houten", "99999999") == "V28"


def test_name_close_to_a_common_word_set():
    m = org("Stukadoorsbedrijf Noord")  # 0.92 like 'Stukadoorsbedrijf Noordwest'
    assert m.org_id is None and "noord" in m.detail


def test_name_not_in_the_master():
    for name in ("Glazenwasserij Peters", "Schoonmaakbedrijf Dijkstra"):
        assert org(name).org_id is None, name


# -- the benchmark ------------------------------------------------------------------------


def test_benchmark_is_seeded_and_labels_what_it_asks(tmp_path):
    """``bench/bench_org_matching.py`` on a small master: every block has its probes, the
    same seed gives the same figures, and a positive's label is a supplier of the master
    while a negative's is none."""
    import importlib.util
    import json
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench" / "bench_org_matching.py"
    spec = importlib.util.spec_from_file_location("bench_org_matching", path)
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up
    try:
        spec.loader.exec_module(bench)
    finally:
        del sys.modules[spec.name]
    master, probes = bench.build(3, 5, 600)
    ids = {o.org_id for o in master.orgs}
    blocks = {p.block for p in probes}
    assert len(blocks) == 17 and len(probes) == 17 * 5
    for p in probes:
        if p.block in bench.NEGATIVE_BLOCKS and p.block != "& Zonen vs without (both)":
            assert p.want is None, p
        else:
            assert p.want in ids, p
    runs = []
    for i in range(2):
        out = tmp_path / f"r{i}.json"
        assert bench.main(["--seed", "3", "--n", "5", "--size", "600", "--scale", "0",
                           "--json", str(out)]) == 0
        runs.append(json.loads(out.read_text(encoding="utf-8")))
    assert runs[0] == runs[1]
    assert sum(b["n"] for b in runs[0]["blocks"].values()) == 85
