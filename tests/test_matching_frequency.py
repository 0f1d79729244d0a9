"""How common a name is weighs in (Splink's term-frequency adjustment), and a near birth date
(one digit off, day and month swapped) without corroboration is at most a possible match.

Why: in a large register of KvK officers, exact common names with a birth date one digit
off are mostly other people (the `large` demo had about 450 such findings).  These tests
build populations where one surname is common and another rare and check the weights, the
bands and the explanation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random

import pytest

from coi_graph.match.compare import (
    DEFAULT_WEIGHTS,
    PersonRecord,
    compare,
    name_frequencies,
    prepare,
)
from coi_graph.match.explain import explain
from coi_graph.match.records import match_people
from coi_graph.policy import MatchingPolicy, Policy, PolicyError

D = dt.date
POL = MatchingPolicy()
GIVEN = ["Jan", "Piet", "Kees", "Anna", "Eva", "Sanne", "Daan", "Ruben", "Joost", "Femke", "Noor",
         "Bram", "Lotte", "Koen", "Ilse", "Gijs", "Roos", "Tim", "Luuk", "Niels", "Fleur"]


def filler(n_common: int = 300, n_other: int = 900) -> list[PersonRecord]:
    """References that are never compared (no birth date, no address: no blocking key),
    there only to make ``Jansen`` common (one name in four) and every other surname rare."""
    out = [PersonRecord(f"employee:J{i}", f"{GIVEN[i % 4]} Jansen", None, None)
           for i in range(n_common)]
    for i in range(n_other):
        sur = "Ka" + "".join(chr(97 + (i // 26 ** k) % 26) for k in range(3)) + "ma"
        out.append(PersonRecord(f"employee:O{i}", f"{GIVEN[i % len(GIVEN)]} {sur}", None, None))
    return out


def features(m):
    return {f.code: f.weight for f in m.features}


def test_a_common_name_weighs_less_than_a_rare_one():
    common_e = PersonRecord("employee:E1", "Jan Jansen", D(1970, 3, 4), None)
    common_o = PersonRecord("officer:K1", "Jan Jansen", D(1970, 3, 4), None)
    rare_e = PersonRecord("employee:E2", "Wubbo Kuijpers", D(1971, 5, 6), None)
    rare_o = PersonRecord("officer:K2", "Wubbo Kuijpers", D(1971, 5, 6), None)
    refs = [common_e, rare_e, *filler()]
    got = {m.probe: m for m in match_people([common_o, rare_o], refs, POL)}
    fc, fr = features(got["officer:K1"]), features(got["officer:K2"])
    assert fc["frequency.name"] < 0 < fr["frequency.name"]
    assert got["officer:K1"].score < got["officer:K2"].score
    # Splink's log2(u / tf): names carrying 'Jan' and 'Jansen' against the references' usual
    names = [r.name for r in refs] + [common_o.name, rare_o.name]
    n = sum(1 for x in names if {"Jan", "Jansen"} <= set(x.split()))
    usual = sum(sum(1 for x in names if set(r.name.split()) <= set(x.split()))
                for r in refs) / len(refs)
    assert fc["frequency.name"] == pytest.approx(math.log2(usual / n), abs=0.05)
    assert fr["frequency.name"] == pytest.approx(math.log2(usual / 2), abs=0.05)
    # both still one person: an exact birth date is strong evidence by itself
    assert got["officer:K1"].band == got["officer:K2"].band == "match"


def test_common_name_with_a_near_birth_date_is_no_longer_a_finding():
    """The chance near-namesake: exact common name, birth date one digit off, nothing else."""
    e = PersonRecord("employee:E1", "Jan Jansen", D(1970, 3, 4), None)
    o = PersonRecord("officer:K1", "Jan Jansen", D(1970, 3, 7), None)
    assert match_people([o], [e], POL)[0].band == "possible"  # too few names to count: capped
    assert match_people([o], [e, *filler()], POL) == []       # a common name: says too little
    off = dataclasses.replace(POL, name_frequency={**POL.name_frequency, "enabled": False})
    assert match_people([o], [e, *filler()], off)[0].band == "possible"


def test_rare_name_corroborates_a_near_birth_date():
    e = PersonRecord("employee:E1", "Wubbo Kuijpers", D(1970, 3, 4), None)
    o = PersonRecord("officer:K1", "Wubbo Kuijpers", D(1970, 3, 7), None)
    m = match_people([o], [e, *filler()], POL)[0]
    assert m.band == "match", m.detail
    assert "limit.near_birth" not in features(m)
    # the same pair without the population to count on: nothing says the name is rare
    m = match_people([o], [e], POL)[0]
    assert m.band == "possible" and m.score == 8 + 6 + 4


@pytest.mark.parametrize("extra", [{"address_key": "1234AB|10|"}, {"iban": "NL91ABNA0417164300"},
                                   {"email": "jan@example.org"}])
def test_address_or_identifier_corroborates_a_near_birth_date(extra):
    e = PersonRecord("employee:E1", "Jan Jansen", D(1970, 3, 4), None)
    o = PersonRecord("officer:K1", "Jan Jansen", D(1970, 4, 3), None)  # day and month swapped
    e, o = dataclasses.replace(e, **extra), dataclasses.replace(o, **extra)
    m = match_people([o], [e], POL)[0]
    assert m.band == "match" and "limit.near_birth" not in features(m), m.detail


def test_use_address_off_keeps_the_limit():
    e = PersonRecord("employee:E1", "Jan Jansen", D(1970, 3, 4), "1234AB|10|")
    o = PersonRecord("officer:K1", "Jan Jansen", D(1970, 4, 3), "1234AB|10|")  # swapped: 14 + 7
    assert match_people([o], [e], POL)[0].band == "match"
    no_addr = dataclasses.replace(POL, use_address=False)
    m = match_people([o], [e], no_addr)[0]
    assert m.score == 21 and m.band == "possible" and "limit.near_birth" in features(m)


def test_explanation_names_the_frequency_and_the_limit_in_both_languages():
    e = PersonRecord("employee:E1", "Jan Jansen", D(1970, 3, 4), None)
    o = PersonRecord("officer:K1", "J. Jansen", D(1970, 3, 4), None)  # only the surname agrees
    m = match_people([o], [e, *filler()], POL)[0]
    nl, en = explain(m.features, "nl"), explain(m.features, "en")
    assert "hoe vaak de achternaam Jansen voorkomt: in 302 van 1202 namen" in nl
    assert "how common the surname Jansen is: in 302 of 1202 names" in en
    assert "how common" not in nl and "hoe vaak" not in en
    w = features(m)["frequency.surname"]
    assert w < 0 and f"({w:+g})" in en
    e2 = PersonRecord("employee:E2", "Jan Jansen", D(1970, 3, 4), None, iban="NL91ABNA0417164300")
    o2 = PersonRecord("officer:K2", "Jan Jansen", D(1970, 3, 7), None, iban="NL91ABNA0417164300")
    m2 = match_people([o2], [e2], POL)[0]
    assert m2.band == "match" and "zelfde IBAN" in explain(m2.features, "nl")


def test_the_limit_is_explained_in_both_languages():
    from coi_graph.match.compare import Feature, decide
    near = [Feature("surname.exact", (), 8.0), Feature("given.exact", (), 6.0),
            Feature("birth.one_digit", (), 4.0), Feature("frequency.name", (("count", "3"),), 3.0)]
    c = decide(near, 20, 17, rare_max_names=2)
    assert c.band == "possible" and c.features[-1].code == "limit.near_birth"
    assert "hoogstens een mogelijke match (+0)" in explain(c.features, "nl")
    assert "at most a possible match (+0)" in explain(c.features, "en")
    rare = near[:3] + [Feature("frequency.name", (("count", "2"),), 3.0)]
    assert decide(rare, 20, 17, rare_max_names=2).band == "match"
    assert decide(rare, 20, 17, rare_max_names=None).band == "possible"  # nothing counted


def test_weights_are_clipped_and_given_names_count_too():
    freq = name_frequencies(["Jan Jansen"] * 5000 + ["Piet Jansen"] * 5000 + ["Zygmunt Qwerty"],
                            max_bonus=5, max_penalty=10)
    usual = (5000 * 5000 + 5000 * 5000 + 1) / 10001
    j = prepare(PersonRecord("employee:E1", "J. Jansen", D(1970, 3, 4), None))
    k = prepare(PersonRecord("officer:K1", "Jan Jansen", D(1970, 3, 4), None))
    f = {x.code: x.weight for x in compare(j, k, DEFAULT_WEIGHTS, 20, 17, freq).features}
    usual_s = (10000 * 10000 + 1) / 10001
    assert f["frequency.surname"] == pytest.approx(math.log2(usual_s / 10000), abs=0.05)
    assert "frequency.given" not in f  # an initial agrees on no value
    x = prepare(PersonRecord("employee:E2", "Zygmunt Qwerty", D(1970, 3, 4), None))
    y = prepare(PersonRecord("officer:K2", "Zygmunt Qwerty", D(1970, 3, 4), None))
    f = {x.code: x.weight for x in compare(x, y, DEFAULT_WEIGHTS, 20, 17, freq).features}
    assert math.log2(usual / 1) > 5 and f["frequency.name"] == 5.0  # clipped at +5
    g = prepare(PersonRecord("employee:E3", "Zygmunt Jansen", D(1970, 3, 4), None))
    h = prepare(PersonRecord("officer:K3", "Zygmunt Jamsen", D(1970, 3, 4), None))
    f = {x.code: x.weight for x in compare(g, h, DEFAULT_WEIGHTS, 20, 17, freq).features}
    assert f["frequency.given"] > 0 and "frequency.surname" not in f  # a typo: no value agrees


def test_same_input_in_another_order_same_matches():
    rng = random.Random(4)
    refs = filler() + [PersonRecord(f"employee:E{i}", f"{g} Jansen", D(1970, 1, 1 + i), None)
                       for i, g in enumerate(GIVEN)]
    probes = [PersonRecord(f"officer:K{i}", f"{g} Jansen", D(1970, 1, 1 + i), None)
              for i, g in enumerate(GIVEN)]

    def run(ps, rs):
        return [(m.probe, m.reference, m.score, m.band, m.features)
                for m in match_people(ps, rs, POL)]

    first = run(probes, refs)
    rng.shuffle(refs)
    rng.shuffle(probes)
    assert run(probes, refs) == first and first


def test_policy_validates_the_name_frequency_settings():
    pol = Policy.from_dict({"matching": {"name_frequency": {"min_records": 50}}})
    assert pol.matching.name_frequency["min_records"] == 50
    with pytest.raises(PolicyError, match="name_frequency.max_bonus"):
        Policy.from_dict({"matching": {"name_frequency": {"max_bonus": "a lot"}}})
    with pytest.raises(PolicyError, match="did you mean 'rare_max_names'"):
        Policy.from_dict({"matching": {"name_frequency": {"rare_max_name": 2}}})
