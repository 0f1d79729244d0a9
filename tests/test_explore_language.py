"""One language per output: with --lang en no Dutch word of the tool's own vocabulary is
on any page or report, and with nl no English one.

The vocabularies are the tool's text tables (page words, relation, decision, gift and
identifier words, rule titles, kind labels, report texts).  A word of one language counts
only when the other language's tables do not have it too (``status``, ``contract``) and the
input data does not hold it (a department called ``Verhuur``, a KvK role ``bestuurder``:
data is shown as written).  Pages are read as the browser shows them: the HTML text and the
strings the page script puts on screen (graph labels, tooltips, the index rows' words).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

import ingest
from coi_graph import labels
from coi_graph.outputs import explore_text as xt
from coi_graph.outputs.explore import build_bundle
from coi_graph.outputs.report import TEXT, render_report
from coi_graph.schema import EDGE_KINDS, NODE_KINDS, ROLE_LABELS
from coi_graph.rules import RULES

WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


def words(value: Any) -> set[str]:
    out: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            out |= words(v)
            if isinstance(k, str) and not re.fullmatch(r"[a-z_]+", k):
                out |= words(k)
    elif isinstance(value, (list, tuple, set)):
        for v in value:
            out |= words(v)
    elif isinstance(value, str):
        # placeholders ({shown}) and markup are not words of the language, nor are the
        # contract's column codes a page shows as they are in both (``org_name``, in
        # Markdown ``org\_name``)
        text = re.sub(r"\{[a-z_]+\}|`[^`]*`|\b[a-z]+(?:\\?_[a-z]+)+\b", " ", value)
        out |= {w.lower() for w in WORD.findall(text)}
    return out


def vocabulary(lang: str) -> set[str]:
    nl = lang == "nl"
    v = words(xt.ui(lang)) | words(TEXT[lang])
    v |= words([labels.DECISION_KINDS_NL if nl else labels.DECISION_KINDS_EN])
    v |= words(list(labels._RELATIONS_NL.values()) if nl else
               [k.replace("_", " ") for k in labels._RELATIONS_NL])
    v |= words(list(labels._MATCH_REASONS_NL.values() if nl else labels._MATCH_REASONS_NL))
    v |= words(list(labels._IDENTIFIER_WORDS if nl else labels._IDENTIFIER_WORDS.values()))
    v |= words(list(labels._DECLARATION_WHAT if nl else labels._DECLARATION_WHAT.values()))
    v |= words(list(labels._DECLARATION_STATE if nl else labels._DECLARATION_STATE.values()))
    v |= words([w[0 if nl else 1] for w in labels._GIFT_KINDS.values()])
    v |= words([w[0 if nl else 1] for w in ROLE_LABELS.values()])
    v |= words([(r.title_nl, r.description_nl) if nl else (r.title_en, r.description_en)
                for r in RULES.values()])
    v |= words([k.label_nl if nl else k.label_en for k in [*NODE_KINDS.values(),
                                                            *EDGE_KINDS.values()]])
    return v


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from coi_graph.demo import generate
    from coi_graph.scan import scan

    root = tmp_path_factory.mktemp("lang")
    res = generate(root, size="small", seed=7)
    scan(res.data_dir, root / "run")
    ds = ingest.read_dataset(res.data_dir)
    data_words: set[str] = set()
    for name in ds.tables:
        frame = ds.frame(name)
        for col in frame.columns:
            data_words |= words([str(v) for v in frame[col].dropna().unique()])
    # the policy's article titles name the corporation's own (Dutch) integrity code: data
    policy = json.loads((root / "run" / "run.json").read_text(encoding="utf-8"))["policy"]
    data_words |= words([r.get("articles") for r in policy["rules"].values()])
    out = {"root": root, "run": root / "run", "data_words": data_words}
    for lang in ("nl", "en"):
        out[lang] = build_bundle(root / "run", root / f"explore-{lang}", lang=lang).parent
        out[f"rep-{lang}"] = [render_report(root / "run", aud, lang, root / f"rep-{lang}-{aud}")
                              for aud in ("rvc", "audit")]
    return out


def shown_text(page: Path) -> str:
    """What a reader sees: the HTML's text, plus the JSON the page script renders."""
    raw = page.read_text(encoding="utf-8")
    shown = []
    for m in re.finditer(r'<script type="application/json" id="([\w-]+)">(.*?)</script>', raw,
                         re.DOTALL):
        data = json.loads(m.group(2))
        shown.append(json.dumps(_displayed(data), ensure_ascii=False))
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", raw, flags=re.DOTALL)
    body = re.sub(r"<[^>]+>", " ", body)
    return html.unescape(body) + " " + " ".join(shown)


_SHOWN_KEYS = {"label", "full", "short", "kind_label", "validity", "validity_short", "reason",
               "detail", "title", "subject", "rules", "severity", "statuses", "roles", "kinds",
               "shown", "page_of", "declared_yes", "declared_no", "rows", "node_kinds",
               "edge_kinds", "members"}


def _displayed(data: Any, key: str | None = None) -> Any:
    """The strings of a page's JSON that end up on screen (ids and codes do not)."""
    if isinstance(data, dict):
        if key in ("rules", "severity", "statuses", "roles", "kinds"):
            return list(data.values())  # code -> word tables: the words are shown
        return [_displayed(v, k) for k, v in data.items()
                if k in _SHOWN_KEYS or key in ("node_kinds", "edge_kinds") or k.isdigit()
                or key is None and k not in ("cols",)]
    if isinstance(data, list):
        if key == "rows":  # index rows: codes are worded by the script; names are data
            return [[c for c in row if isinstance(c, str) and " " in c] for row in data]
        return [_displayed(v, key) for v in data]
    return data if isinstance(data, str) and key not in ("id", "from", "to", "page") else None


@pytest.mark.parametrize("lang,other", [("en", "nl"), ("nl", "en")])
def test_no_word_of_the_other_language(demo: dict[str, Any], lang: str, other: str) -> None:
    foreign = vocabulary(other) - vocabulary(lang) - demo["data_words"]
    assert len(foreign) > 100  # the check has teeth
    pages = sorted(demo[lang].rglob("*.html"))
    pages += [f.html for f in demo[f"rep-{lang}"]] + [f.markdown for f in demo[f"rep-{lang}"]]
    assert len(pages) > 20
    leaks = {}
    for page in pages:
        text = shown_text(page) if page.suffix == ".html" else page.read_text(encoding="utf-8")
        found = words(text) & foreign
        if found:
            leaks[str(page.relative_to(demo["root"]))] = sorted(found)
    assert leaks == {}, json.dumps(leaks, indent=0)
