"""Event typing on the PLOVER gold-standard records (``PLOVER_GSR_CAMEO.txt``, openeventdata/PLOVER).

The file is a JSON list with trailing commas; each record is one sentence with its coded ``event``.
Labels are PLOVER 0.5b1 and are mapped to today's categories: DEMAND is REQUEST, FIGHT is ASSAULT,
DISAPPROVE and INVESTIGATE are ACCUSE modes (PLOVER manual, ACCUSE). The ``DOCUMENT`` record is skipped.

Each sentence runs through the whole pipeline as a document of its own. The sentence's **predicted type**
is the type of its main event: the event whose trigger sits highest in the dependency tree (the fewest
ancestors), then the most confident. Figures:

* ``sentences``: records scored; ``coverage``: share with at least one event;
* ``accuracy``: main event type equals the gold type, over all sentences (no event counts as wrong);
* ``accuracy_covered``: the same over the covered sentences only;
* ``any_match``: share of sentences where some event has the gold type;
* ``majority_baseline``: accuracy of always answering the most frequent gold type;
* ``<TYPE>.n`` and ``<TYPE>.accuracy``: per gold type.
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path

from sitrep.doc import RawDocument

FILE = "PLOVER_GSR_CAMEO.txt"
LABELS = {"DEMAND": "REQUEST", "FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
_TRAILING = re.compile(r",(\s*[\]}])")


def load(path: str | Path) -> list[dict]:
    """The coded records of the file (or of ``FILE`` inside a folder), labels mapped to today's PLOVER."""
    p = Path(path)
    if p.is_dir():
        p = p / FILE
    records = json.loads(_TRAILING.sub(r"\1", p.read_text("utf-8")))
    out = []
    for r in records:
        if r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        out.append({"id": r["id"], "text": r["text"], "gold": LABELS.get(r["event"], r["event"])})
    return out


def main_event(doc) -> dict | None:
    """The event whose trigger is highest in the parse, then the most confident."""
    events = doc.layers.get("events") or []
    if not events:
        return None
    sp = doc.spacy

    def depth(e):
        if sp is None:
            return 0
        span = sp.char_span(e["trigger"]["start"], e["trigger"]["end"], alignment_mode="expand")
        return min((len(list(t.ancestors)) for t in span), default=99) if span is not None else 99

    return min(events, key=lambda e: (depth(e), -float(e.get("confidence") or 0)))


def evaluate(path, *, pipeline, limit: int | None = None) -> dict:
    """Run ``pipeline`` on every PLOVER sentence and report type accuracy and coverage."""
    records = load(path)
    if limit:
        records = records[:limit]
    t0 = time.perf_counter()
    raws = [RawDocument(text=r["text"], path=f"{FILE}#{r['id']}", id=r["id"]) for r in records]
    n = covered = correct = any_hit = 0
    per_n: Counter = Counter()
    per_ok: Counter = Counter()
    for r, doc in zip(records, pipeline.pipe(raws)):
        n += 1
        per_n[r["gold"]] += 1
        if doc.error is not None:
            continue
        events = doc.layers.get("events") or []
        if events:
            covered += 1
        m = main_event(doc)
        if m is not None and m["type"] == r["gold"]:
            correct += 1
            per_ok[r["gold"]] += 1
        if any(e["type"] == r["gold"] for e in events):
            any_hit += 1
    out: dict = {
        "sentences": n,
        "coverage": covered / n if n else 0.0,
        "accuracy": correct / n if n else 0.0,
        "accuracy_covered": correct / covered if covered else 0.0,
        "any_match": any_hit / n if n else 0.0,
        "majority_baseline": (per_n.most_common(1)[0][1] / n) if n else 0.0,
    }
    for t in sorted(per_n):
        out[f"{t}.n"] = per_n[t]
        out[f"{t}.accuracy"] = per_ok[t] / per_n[t]
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def confusion(path, *, pipeline, limit: int | None = None) -> list[tuple[str, str, str, str]]:
    """(id, gold, predicted or '-', text) for every sentence, to read the errors."""
    records = load(path)[:limit] if limit else load(path)
    raws = [RawDocument(text=r["text"], path=f"{FILE}#{r['id']}", id=r["id"]) for r in records]
    out = []
    for r, doc in zip(records, pipeline.pipe(raws)):
        m = main_event(doc) if doc.error is None else None
        out.append((r["id"], r["gold"], m["type"] if m else "-", r["text"]))
    return out


if __name__ == "__main__":  # python -m sitrep.eval.plover PATH [LIMIT] [--errors]
    import sys

    from sitrep.pipeline import Pipeline

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    lim = int(args[1]) if len(args) > 1 else None
    if "--errors" in sys.argv:
        for row in confusion(args[0], pipeline=Pipeline(), limit=lim):
            if row[1] != row[2]:
                print("\t".join(row))
    else:
        print(json.dumps(evaluate(args[0], pipeline=Pipeline(), limit=lim), indent=1))
