"""Score the pipeline against sitrep gold files: per-layer precision, recall and F1.

A gold file is the JSON hand annotation of one article, in the format of the project's
``gold/*.json`` (``publication_date``, ``structure``, ``places``, ``metonyms``, ``actors``,
``not_actors``, ``quotes``, ``counts``, ``dates``, ``events``). Its article text is found, in order:

1. ``NAME.txt`` beside ``NAME.json``;
2. the file the gold's ``document`` field names, relative to the gold file's folder;
3. the same, relative to that folder's parent (the shared ``gold/`` + ``seeds/`` layout).

Recall (gold items found) reimplements the matching of the project scorer ``tools/score.py``
(it is not importable from the package), item for item, so the two agree. Precision adds the
other direction: the share of the system's items that correspond to *some* gold item. It assumes
the gold annotation is exhaustive for the layer; for actors, every name the gold uses (actors,
quote speakers, event sources, targets and claimants) counts as a gold actor; places flagged
``adjectival`` ("Russian forces") are left out of places precision, as gold lists toponyms only.
``structure`` precision is over the paragraphs the system set apart (heading, caption, credit);
``event_fields`` has recall only.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from sitrep.doc import LAYERS
from sitrep.eval.gold_score import LAYER_NAMES, Tally, score_document

GOLD_KEYS = {*LAYERS, "structure"}


# ---- finding gold files ---------------------------------------------------------------------
def is_gold(path: Path) -> bool:
    """Whether a JSON file looks like a sitrep gold annotation."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and bool(GOLD_KEYS & data.keys()) and "text" not in data


def gold_files(path: str | Path) -> list[Path]:
    p = Path(path)
    if p.is_file():
        return [p]
    return [q for q in sorted(p.glob("*.json")) if q.name != "baseline.json" and is_gold(q)]


def text_for(gold_path: Path, gold: dict) -> Path | None:
    """The article a gold file annotates (see the module docstring for the search order)."""
    beside = gold_path.with_suffix(".txt")
    if beside.is_file():
        return beside
    name = gold.get("document")
    if name:
        for base in (gold_path.parent, gold_path.parent.parent):
            if (base / name).is_file():
                return base / name
    return None


@dataclass
class Case:
    gold_path: Path
    gold: dict
    text_path: Path


def load_cases(path: str | Path, *, limit: int | None = None) -> Iterator[Case | str]:
    """Each gold file with its article, or a one-line problem for a gold file without one."""
    for n, gp in enumerate(gold_files(path)):
        if limit is not None and n >= limit:
            return
        gold = json.loads(gp.read_text("utf-8"))
        tp = text_for(gp, gold)
        if tp is None:
            yield f"{gp}: no article text found ({gp.with_suffix('.txt').name} or the 'document' field)"
        else:
            yield Case(gp, gold, tp)


# ---- running --------------------------------------------------------------------------------
def evaluate(path: str | Path, *, pipeline, limit: int | None = None,
             on_miss: Callable[[str], None] | None = None) -> dict[str, float | int | None]:
    """Run ``pipeline`` on every gold article under ``path`` and return flat figures.

    Figures are micro-averaged over the documents: ``documents``, ``failed`` (a stage raised; the
    document is scored with the layers written before the failure), ``missing_text``, and for
    each layer ``LAYER.precision``, ``LAYER.recall``, ``LAYER.f1``, ``LAYER.found``, ``LAYER.gold``,
    ``LAYER.matched``, ``LAYER.system``. ``on_miss`` receives one line per miss or spurious item.
    """
    from sitrep.errors import InputError
    from sitrep.io.readers import read_path

    cases, raws, missing = [], [], 0
    for c in load_cases(path, limit=limit):
        if isinstance(c, str):
            missing += 1
            if on_miss:
                on_miss(c)
            continue
        raw = next((r for r in read_path(c.text_path) if not isinstance(r, InputError)), None)
        if raw is None:
            missing += 1
            if on_miss:
                on_miss(f"{c.text_path}: cannot be read as an article")
            continue
        raw.published = c.gold.get("publication_date") or raw.published
        cases.append(c)
        raws.append(raw)
    totals = {name: Tally(name, has_precision=name != "event_fields") for name in LAYER_NAMES}
    failed = 0
    for case, doc in zip(cases, pipeline.pipe(raws)):
        failed += doc.error is not None
        for name, t in score_document(doc.to_json(), case.gold).items():
            totals[name].add(t)
            if on_miss:
                for m in t.misses:
                    on_miss(f"{case.gold_path.stem} {name}: {m}")
    out: dict[str, float | int | None] = {"documents": len(cases), "failed": failed, "missing_text": missing}
    for name, t in totals.items():
        out.update({f"{name}.precision": t.precision, f"{name}.recall": t.recall, f"{name}.f1": t.f1,
                    f"{name}.found": t.found, f"{name}.gold": t.total,
                    f"{name}.matched": t.matched, f"{name}.system": t.system})
    return out
