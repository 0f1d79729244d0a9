"""``coi match``: list the pairs of records taken to be one person, and judge them.

Thin wrapper over :mod:`coi_graph.match.records` and :mod:`coi_graph.outputs.match_judgements`:

- ``coi match list DATA_DIR``: every match and possible match (pair id, band, weight, the
  features in Dutch or English) and every judgement in force;
- ``coi match confirm DATA_DIR PAIR_ID --by NAME --why TEXT`` / ``reject``: judge a pair that
  the list shows; the next ``coi scan`` follows it;
- ``coi match undo PAIR_ID --by NAME --why TEXT``: withdraw the latest judgement on a pair;
- ``coi match weights DATA_DIR``: the levels' weights estimated from the data
  (:mod:`coi_graph.match.estimate`), beside the policy's; ``--write-policy`` writes a policy
  with the sound estimates in place.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .cli_cases import workspace_option
from .cli_text import group_lang_option, lang_option, os_reason, t
from .errors import CoiError, InputError
from .export_cells import terminal_json, terminal_text
from .match.explain import band_text, explain, judgement_text

__all__ = ["match"]


@click.group()
@group_lang_option
def match(lang: str) -> None:
    """Pairs of records taken to be one person: list them, confirm or reject them.

    \b
    Example:
      coi match list exports/2024 --band possible
    """


def _scan_pairs(data_dir: Path, policy_path: str | None, workspace: Path | None,
                skip_bad_rows: bool = False) -> list[dict[str, Any]]:
    from .cli import _policy
    from .graph.build import build_graph
    from .outputs.match_judgements import load_judgements
    import ingest

    from .scan import data_folder, refuse_on_problems

    pol = _policy(policy_path)
    ds = ingest.read_dataset(data_folder(data_dir))
    refuse_on_problems(ds, skip_bad_rows)
    lg = build_graph(ds, pol, None, load_judgements(workspace), with_rejected=True)
    return lg.matches


#: as ``coi scan``'s: the pairs of a scan run with ``--skip-bad-rows`` are listed, confirmed
#: and rejected on the same rows (without it, data the scan ran on was refused here)
#: The line of confirm and reject in ``coi match --help`` (click would cut the first sentence
#: of the description with "..."); the Dutch ones are in cli_help_nl.SHORT_HELP_NL.
SHORT_HELP_EN = {"confirm": "Confirm that a pair is one person.",
                 "reject": "Reject a pair: two different people."}

_SKIP_BAD_ROWS = click.option(
    "--skip-bad-rows", is_flag=True,
    help="Leave out rows that cannot be read (counted and listed) instead of stopping, as "
         "the scan did.")


@match.command("list", short_help="List the pairs taken to be (possibly) one person.")
@click.argument("data_dir", type=click.Path(path_type=Path))
@click.option("--band", type=click.Choice(["match", "possible", "rejected", "all"]),
              default="all", show_default=True, help="Which pairs to list.")
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False), default=None,
              help="Policy file (thresholds and weights).")
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Write JSON to stdout.")
@workspace_option
@_SKIP_BAD_ROWS
def list_pairs(data_dir: Path, band: str, policy_path: str | None, lang: str, as_json: bool,
               workspace: Path | None, skip_bad_rows: bool) -> None:
    """List the pairs of records in DATA_DIR taken to be (possibly) one person.

    \b
    Example:
      coi match list exports/2024 --band possible --lang en
    """
    rows = [m for m in _scan_pairs(data_dir, policy_path, workspace, skip_bad_rows)
            if band == "all" or m["band"] == band]
    rows.sort(key=lambda m: (m["band"] != "possible", m["pair_id"], m["probe"]))
    if as_json:  # codes as they are; the sentences for people in the run's language
        from .labels import match_reason_text

        rows = [{**m, "reason": match_reason_text(m["reason"], lang),
                 "detail": explain(m["features"], lang)} for m in rows]
        click.echo(terminal_json(rows, indent=1, default=str))
        return
    if not rows:  # none at all, or none in the band asked for: said which
        click.echo(t("no_pairs", lang, data=data_dir) if band == "all" else
                   t("no_pairs_band", lang, band=band, data=data_dir))
        return
    for m in rows:
        # records' ids and names come from the exports: no ESC or carriage return reaches
        # the terminal (:func:`coi_graph.export_cells.terminal_text`)
        click.echo(terminal_text(f"{m['pair_id']}  {band_text(m['band'], lang)}  "
                                 f"{m['record']} ~ {m['reference']}  ({m['score']:+g})"))
        click.echo("    " + terminal_text(explain(m["features"], lang)))
        if m.get("judgement"):
            click.echo("    " + terminal_text(judgement_text(m["judgement"], lang)))


def _judge(decision: str, data_dir: Path | None, pair: str, by: str, why: str,
           workspace: Path | None, policy_path: str | None, lang: str,
           skip_bad_rows: bool = False) -> None:
    from .outputs.match_judgements import load_judgements, record_judgement
    from .outputs.workspace import default_workspace_path

    ws = workspace or default_workspace_path()
    if decision == "undo":
        current = load_judgements(ws)
        if pair not in current:
            raise InputError(t("no_judgement", lang, pair=pair, path=ws))
        keys = current[pair].keys or ("", "")
    else:
        assert data_dir is not None
        found = [m for m in _scan_pairs(data_dir, policy_path, ws, skip_bad_rows)
                 if m["pair_id"] == pair]
        if not found:
            raise InputError(t("no_such_pair", lang, pair=pair, data=data_dir))
        keys = (found[0]["record"], found[0]["reference"])
    row = record_judgement(ws, pair, keys, decision, by, why)
    click.echo(t("judged", lang, pair=pair, decision=t("judge_" + decision, lang),
                 a=row["record_a"], b=row["record_b"], by=row["judged_by"], at=row["judged_at"]))


_BY = click.option("--by", required=True, help="Who judges (name or initials).")
_WHY = click.option("--why", required=True, help="Why (kept with the judgement).")
_POLICY = click.option("--policy", "policy_path", type=click.Path(dir_okay=False), default=None,
                       help="Policy file used for the scan.")


def _judging_command(decision: str, doc: str) -> click.Command:
    """``coi match confirm`` / ``reject``: the same arguments, one decision each."""

    @click.argument("data_dir", type=click.Path(path_type=Path))
    @click.argument("pair")
    @_BY
    @_WHY
    @_POLICY
    @workspace_option
    @lang_option
    @_SKIP_BAD_ROWS
    def command(data_dir: Path, pair: str, by: str, why: str, policy_path: str | None,
                workspace: Path | None, lang: str, skip_bad_rows: bool) -> None:
        _judge(decision, data_dir, pair, by, why, workspace, policy_path, lang, skip_bad_rows)

    command.__doc__ = doc  # click takes the help text from it when the command is made
    return match.command(decision, short_help=SHORT_HELP_EN[decision])(command)


confirm = _judging_command("confirm", """\
    Confirm that PAIR (a pair id from `coi match list DATA_DIR`) is one person.

    \b
    Example:
      coi match confirm exports/2024 P-3f0c9a1b2c4d5e6f --by "A. Jansen" --why "same passport"
    """)
reject = _judging_command("reject", """\
    Reject PAIR: two people; it never returns while both records stay the same.

    \b
    Example:
      coi match reject exports/2024 P-3f0c9a1b2c4d5e6f --by "A. Jansen" --why "namesake"
    """)


@match.command("undo", short_help="Withdraw the latest judgement on a pair.")
@click.argument("pair")
@_BY
@_WHY
@workspace_option
@lang_option
def undo(pair: str, by: str, why: str, workspace: Path | None, lang: str) -> None:
    """Withdraw the latest judgement on PAIR (the one before it, if any, holds again).

    \b
    Example:
      coi match undo P-3f0c9a1b2c4d5e6f --by "A. Jansen" --why "wrong pair"
    """
    _judge("undo", None, pair, by, why, workspace, None, lang)


@match.command("weights", short_help="Estimate the matching weights from the data.")
@click.argument("data_dir", type=click.Path(path_type=Path))
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False), default=None,
              help="Policy file whose weights are the defaults (and the base of "
                   "--write-policy).")
@click.option("--write-policy", "write_policy", type=click.Path(dir_okay=False, path_type=Path),
              default=None,
              help="Write a copy of the policy with the sound estimates in place to this "
                   "new file (never overwritten).")
@click.option("--sample-pairs", type=click.IntRange(min=1), default=None,
              help="Random record pairs for u (how often a level occurs between two "
                   "people) [default: 1,000,000].")
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Write JSON to stdout.")
@_SKIP_BAD_ROWS
def weights(data_dir: Path, policy_path: str | None, write_policy: Path | None,
            sample_pairs: int | None, lang: str, as_json: bool, skip_bad_rows: bool) -> None:
    """Estimate the matching weights from the records in DATA_DIR (as Splink does).

    Per level: the policy's weight, the weight estimated from the data (log2 m/u: u from
    random pairs, m by expectation maximisation on blocked pairs), or why the estimate is
    not sound, and the pairs it was seen in.  The scan keeps the policy's weights unless a
    policy written with --write-policy is passed to it.  Family rules, thresholds and name
    frequencies are not estimated.

    \b
    Example:
      coi match weights exports/2024 --write-policy policy-estimated.yaml
    """
    import datetime as dt

    import ingest

    from .cli import _policy
    from .graph.build import matched_records
    from .match import estimate as est
    from .policy import default_policy_text, load_policy
    from .scan import data_folder, refuse_on_problems

    if write_policy is not None and write_policy.exists():
        raise InputError(t("weights_exists", lang, path=write_policy))
    pol = _policy(policy_path)
    ds = ingest.read_dataset(data_folder(data_dir))
    refuse_on_problems(ds, skip_bad_rows)
    records = matched_records(ds, pol)
    found = est.estimate_weights(records, pol.matching,
                                 sample_pairs=sample_pairs or est.SAMPLE_PAIRS)
    if as_json:
        click.echo(json.dumps(found.as_dict(), ensure_ascii=False, indent=1))
    else:
        _weights_table(found, lang)
    if write_policy is None:
        return
    header = est.header_lines(str(data_dir), found, dt.datetime.now(dt.timezone.utc).date())
    base = Path(policy_path).read_text("utf-8") if policy_path else default_policy_text()
    text = est.policy_file_text(base, pol, found.weights(), header)
    try:
        with open(write_policy, "x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise InputError(t("weights_exists", lang, path=write_policy)) from None
    except OSError as e:
        raise InputError(t("weights_not_written", lang, path=write_policy,
                           why=os_reason(e, lang))) from None
    written = load_policy(write_policy).matching.weights  # what a scan will read
    if any(written.get(c) != w for c, w in found.weights().items()):
        write_policy.unlink()  # (never an assert: it would go with python -O)
        raise CoiError(t("weights_not_read_back", lang, path=write_policy))
    click.echo(t("weights_written", lang, path=write_policy, n=len(found.weights()),
                 data=data_dir), err=as_json)


def _weights_table(found: Any, lang: str) -> None:
    """The table of ``coi match weights``: level, default, estimate or why not, pairs."""
    click.echo(t("weights_intro", lang, records=found.records, pairs=found.sample_pairs,
                 min=found.min_pairs))
    for name, s in found.sessions.items():
        state = t("weights_converged" if s["converged"] else "weights_not_converged", lang,
                  n=s["iterations"])
        click.echo("  " + t("weights_session_" + name, lang, pairs=s["pairs"], state=state))
    click.echo("")
    head = (t("weights_col_level", lang), t("weights_col_default", lang),
            t("weights_col_estimate", lang), t("weights_col_pairs", lang))
    rows = []
    for x in found.levels:
        if x.weight is not None:
            shown = f"{x.weight:+g}" + (f" ({t('weights_why_clipped', lang)})"
                                       if x.why == "clipped" else "")
        else:
            shown = t("weights_why_" + x.why + ("_" + x.params["where"] if x.why == "few_pairs"
                                               else ""), lang, **x.params)
        pairs = "" if x.why == "null" else f"{x.sample_pairs} / {x.blocked_pairs}"
        rows.append((x.code, f"{x.default:+g}", shown, pairs))
    wide = [max(len(r[k]) for r in rows + [head]) for k in range(3)]
    for r in [head] + rows:
        click.echo(f"{r[0]:<{wide[0]}}  {r[1]:>{wide[1]}}  {r[2]:<{wide[2]}}  {r[3]}".rstrip())
    click.echo("")
    click.echo(t("weights_footer", lang))
