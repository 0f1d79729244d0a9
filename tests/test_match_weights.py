"""Estimating the matching weights from the data (``coi_graph.match.estimate``, ``coi match
weights``): EM recovers known m, the estimate lands near log2(m/u) on generated records whose
truth is known, an unsound level keeps its default and says why, two runs agree, a written
policy is read by the scan, and the command speaks both languages and refuses bad input."""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner, Result
from corp import make_corp
from test_cli_commands import bad_rows, clean

from coi_graph.cli import main
from coi_graph.match import estimate as est
from coi_graph.match.compare import PersonRecord, compare, prepare
from coi_graph.policy import MatchingPolicy, Policy, default_policy_text, load_policy

_C = "bdfghjklmnprstvwz"
_V = "aeiou"


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_C) + rng.choice(_V) for _ in range(n)).title()


def generated(seed: int = 1, people: int = 4000, twice: int = 40, agree: float = 0.95,
              days: int = 5000) -> tuple[list[PersonRecord], dict[str, float]]:
    """``people`` people (3,000 surnames, 1,000 given names: few namesakes; birth dates over
    ``days`` days: two people share one about once in ``days`` pairs; an address, kept by
    nine in ten people's second record), the first ``twice`` of them written twice (so
    the random pairs are nearly all two people);
    the two records of one person agree on the birth date with probability ``agree``, else
    the second is another date far off.  Returns the records and the truth: the share of
    one person's pairs and of two people's pairs with the same birth date, counted."""
    rng = random.Random(seed)
    surnames = sorted({_word(rng, 3) for _ in range(3000)})
    givens = sorted({_word(rng, 3) for _ in range(1000)})
    start = dt.date(1950, 1, 1)
    recs, person = [], []
    for i in range(people):
        name = f"{rng.choice(givens)} {rng.choice(surnames)}"
        born = start + dt.timedelta(days=rng.randrange(days))
        home = f"{1000 + rng.randrange(9000)}AB|{1 + rng.randrange(200)}|"
        recs.append(PersonRecord(f"p:{i}:a", name, born, home))
        person.append(i)
        if i < twice:
            other = born if rng.random() < agree else born + dt.timedelta(days=days + i)
            moved = home if rng.random() < 0.9 else None
            recs.append(PersonRecord(f"p:{i}:b", name, other, moved))
            person.append(i)
    births = np.array([r.birth_date.toordinal() for r in recs])
    who = np.array(person)
    same_birth = births[:, None] == births[None, :]
    same_person = who[:, None] == who[None, :]
    upper = np.triu(np.ones_like(same_birth), 1)
    m = (same_birth & same_person & upper).sum() / (same_person & upper).sum()
    u = (same_birth & ~same_person & upper).sum() / (~same_person & upper).sum()
    return recs, {"m": float(m), "u": float(u)}


def test_em_recovers_m_from_patterns_drawn_with_known_m_and_u() -> None:
    """Pairs drawn from a two-class model (lambda 0.2; three comparisons of 2-3 levels):
    EM with u fixed at the truth finds m within 0.02 and lambda within 0.01."""
    rng = np.random.default_rng(3)
    m_true = [np.array([0.9, 0.1]), np.array([0.7, 0.2, 0.1]), np.array([0.8, 0.2])]
    u_true = [np.array([0.05, 0.95]), np.array([0.01, 0.09, 0.9]), np.array([0.1, 0.9])]
    n, lam = 40_000, 0.2
    match = rng.random(n) < lam
    rows = np.zeros((n, 3), dtype=np.int16)
    for k in range(3):
        rows[match, k] = rng.choice(len(m_true[k]), match.sum(), p=m_true[k])
        rows[~match, k] = rng.choice(len(u_true[k]), (~match).sum(), p=u_true[k])
    rows[rng.random(n) < 0.1, 2] = -1  # a null level: no evidence either way
    start = [np.full(len(x), 1 / len(x)) for x in m_true]
    start = [np.array([0.6, 0.4]), np.array([0.5, 0.3, 0.2]), np.array([0.6, 0.4])]
    res = est.estimate_m(rows, [0, 1, 2], u_true, start)
    assert res["converged"]
    for got, want in zip(res["m"], m_true):
        assert np.abs(got - want).max() < 0.02, (got, want)
    assert abs(res["lambda"] - lam) < 0.01


def test_the_birth_date_estimate_lands_near_log2_m_over_u() -> None:
    recs, truth = generated()
    e = est.estimate_weights(recs, MatchingPolicy(), sample_pairs=200_000, min_pairs=10)
    row = e.level("birth.exact")
    want = math.log2(truth["m"] / truth["u"])
    assert row.weight is not None, row
    assert abs(row.weight - want) < 0.75, (row, want)
    assert abs(row.m - truth["m"]) < 0.1, row
    assert e.sessions["surname"]["converged"] and e.sessions["birth"]["converged"]


@pytest.fixture(scope="module")
def small_estimate() -> tuple[list[PersonRecord], est.Estimate]:
    recs, _ = generated(people=400, twice=60, days=10_000)
    return recs, est.estimate_weights(recs, MatchingPolicy(), sample_pairs=20_000, min_pairs=20)


def test_unsound_levels_keep_their_default_and_say_why(
        small_estimate: tuple[list[PersonRecord], est.Estimate]) -> None:
    recs, e = small_estimate
    assert e.level("iban.same").why == "never_seen"  # no record has an IBAN
    assert e.level("birth.missing").why == "null"
    # 20,000 random pairs: two records share a birth date in some 13 of them
    few = e.level("birth.exact")
    assert few.weight is None and few.why == "few_pairs", few
    assert few.params == {"n": few.sample_pairs, "min": 20, "where": "sample"}
    assert "birth.exact" not in e.weights()
    # more pairs than it has: the level counts
    assert est.estimate_weights(recs, MatchingPolicy(), sample_pairs=20_000, min_pairs=10
                                ).level("birth.exact").weight is not None
    # EM stopped before it converged: nothing from it is used
    stopped = est.estimate_weights(recs, MatchingPolicy(), sample_pairs=20_000, min_pairs=20,
                                   max_iterations=1)
    assert stopped.level("given.different").why == "not_converged"
    assert stopped.level("given.different").weight is None
    assert not stopped.sessions["surname"]["converged"]


def test_a_level_never_met_by_one_person_has_m_zero() -> None:
    """Every record a different person: nothing is ever two records of one person, and the
    surname part level (seen among random pairs only) cannot be estimated."""
    rng = random.Random(5)
    recs = [PersonRecord(f"r:{i}", f"{_word(rng, 2)} {_word(rng, 3)}-{_word(rng, 2)}",
                         dt.date(1960, 1, 1) + dt.timedelta(days=i % 40), None)
            for i in range(200)]
    recs += [PersonRecord(f"s:{i}", f"{_word(rng, 2)} {recs[i].name.split('-')[1]}",
                          dt.date(1990, 1, 1) + dt.timedelta(days=i), None) for i in range(60)]
    e = est.estimate_weights(recs, MatchingPolicy(), min_pairs=5)
    row = e.level("surname.part")
    assert row.sample_pairs >= 5 and row.weight is None and row.why == "m_zero", row


def test_two_runs_give_the_same_estimates(
        small_estimate: tuple[list[PersonRecord], est.Estimate]) -> None:
    recs, e = small_estimate
    again = est.estimate_weights(recs, MatchingPolicy(), sample_pairs=20_000, min_pairs=20)
    assert json.dumps(again.as_dict()) == json.dumps(e.as_dict())


def test_a_written_policy_is_read_by_the_scan_and_changes_the_score(
        small_estimate: tuple[list[PersonRecord], est.Estimate]) -> None:
    _, e = small_estimate
    sound = e.weights()
    assert sound["surname.exact"] != 8.0
    text = est.policy_text_with(default_policy_text(), sound, "# estimated on test data")
    assert text is not None and text.startswith("# estimated on test data\n")
    assert "# same core surname(s)" in text  # the comments stay
    pol = Policy.from_dict(__import__("yaml").safe_load(text))
    assert {c: pol.matching.weights[c] for c in sound} == sound
    assert pol.matching.weights["family.twin"] == -20  # not estimated: as it was
    a = prepare(PersonRecord("x:1", "Jan Jansen", dt.date(1980, 5, 1), None))
    b = prepare(PersonRecord("x:2", "Jan Jansen", dt.date(1980, 5, 1), None))
    m0, m1 = MatchingPolicy(), pol.matching
    before = compare(a, b, m0.weights, 20, 17).weight
    after = compare(a, b, m1.weights, 20, 17).weight
    assert after - before == pytest.approx(sum(m1.weights[c] - m0.weights[c] for c in
                                               ("surname.exact", "given.exact", "birth.exact",
                                                "address.missing")))
    # a policy that leaves the weights at their defaults has no line to change: the whole
    # policy is written, its own settings kept
    short = "matching:\n  match_threshold: 21\n"
    assert est.policy_text_with(short, sound, "#") is None
    own = Policy.from_dict({"matching": {"match_threshold": 21}})
    whole = est.policy_file_text(short, own, sound, "# estimated\n")
    read = Policy.from_dict(__import__("yaml").safe_load(whole))
    assert whole.startswith("# estimated\n") and read.matching.match_threshold == 21
    assert {c: read.matching.weights[c] for c in sound} == sound


# -- the command ------------------------------------------------------------------------

def coi(*args: Any) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False,
                              env={"COI_LANG": ""})


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_command_prints_the_table_and_writes_a_policy_the_scan_takes(
        tmp_path: Path, lang: str) -> None:
    data = clean(tmp_path / "corp")
    out = tmp_path / "estimated.yaml"
    r = coi("match", "weights", data, "--lang", lang, "--write-policy", out,
            "--sample-pairs", 1000)
    assert r.exit_code == 0, r.output
    words = {"nl": ("niveau", "beleid", "Niet geschat", "geschreven naar"),
             "en": ("level", "policy", "Not estimated", "written to")}[lang]
    assert all(w in r.output for w in words), r.output
    assert "birth.exact" in r.output
    text = out.read_text("utf-8")
    assert text.startswith("# Matching weights estimated by `coi match weights` from "
                           f"{data} on ")
    assert load_policy(out).matching.weights  # a policy the scan reads
    scan = coi("scan", data, "--out", tmp_path / "run", "--policy", out, "-q",
               "--workspace", tmp_path / "ws.sqlite")
    assert scan.exit_code == 0, scan.output
    # never overwritten
    before = out.read_bytes()
    again = coi("match", "weights", data, "--lang", lang, "--write-policy", out)
    assert again.exit_code == 2 and str(out) in again.output
    assert out.read_bytes() == before


def test_the_json_lists_every_level(tmp_path: Path) -> None:
    r = coi("match", "weights", clean(tmp_path / "corp"), "--json", "--sample-pairs", 500)
    assert r.exit_code == 0, r.output
    got = json.loads(r.output)
    codes = {x["level"] for x in got["levels"]}
    assert {"surname.exact", "name.swapped", "birth.exact", "iban.same"} <= codes
    assert not any(c.startswith(("family.", "frequency.", "limit.")) for c in codes)


def test_bad_input_exits_2_with_where_and_what(tmp_path: Path) -> None:
    r = coi("match", "weights", tmp_path / "nothing", "--lang", "en")
    assert r.exit_code == 2 and "no such folder" in r.output
    r = coi("match", "weights", bad_rows(tmp_path / "bad"), "--lang", "en")
    assert r.exit_code == 2 and "contracts.csv" in r.output and "line" in r.output, r.output
    pol = tmp_path / "p.yaml"
    pol.write_text("matching:\n  weights:\n    birth.exact: [\n")
    r = coi("match", "weights", make_corp(tmp_path / "c"), "--policy", pol, "--lang", "en")
    assert r.exit_code == 2 and f"{pol}:" in r.output, r.output


def test_the_records_are_the_ones_the_scan_matches(tmp_path: Path) -> None:
    """Employees, relatives, KvK officers and applicants, each key once: recorded from the
    build's matching calls, so a change in how the build makes them cannot leave one out
    unnoticed."""
    import ingest

    officers = [{"kvk_number": "12345678", "name": "Petra de Vries", "role": "bestuurder",
                 "birth_date": "03-04-1972"}]
    allocations = [{"decision_id": "A1", "kind": "allocation", "decision_date": "2024-05-01",
                    "handled_by": "E3", "approved_by": "E2", "applicant_id": "H1",
                    "applicant_name": "Kees Smit", "applicant_birth_date": "1980-08-08",
                    "unit_id": "W1"}]
    data = make_corp(tmp_path / "c", officers=officers, allocations=allocations)
    from coi_graph.graph.build import matched_records

    recs = matched_records(ingest.read_dataset(data), Policy.default())
    kinds = sorted(r.key.split(":", 1)[0] for r in recs)
    assert kinds == ["applicant", "employee", "employee", "employee", "officers", "relative",
                     "relative"], [r.key for r in recs]
    assert [r.name for r in recs if r.key.startswith("officers:")] == ["Petra de Vries"]


def test_a_written_policy_that_reads_back_otherwise_is_removed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The written file is read back as a scan reads it; when its weights are not the
    estimates (a writing bug, simulated here by writing the policy unchanged), the command
    fails with one line (exit 1) and leaves no file a scan could pick up."""
    import coi_graph.match.estimate as est

    monkeypatch.setattr(est.Estimate, "weights", lambda self: {"birth.exact": 12.5})
    monkeypatch.setattr(est, "policy_file_text", lambda base, *a, **k: base)
    out = tmp_path / "estimated.yaml"
    r = coi("match", "weights", clean(tmp_path / "corp"), "--lang", "en", "--write-policy",
            out, "--sample-pairs", 1000)
    assert r.exit_code == 1, r.output
    assert "did not read back with the estimated weights and was removed" in r.output
    assert "Traceback" not in r.output and not out.exists()
