"""Quote attribution on PolNeAR (brat standoff): the share of direct quotes found and rightly attributed.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution in US political news as a
brat event linking a Source, a Cue and a Content span. The corpus does not mark which attributions
are direct quotes, so this module defines it, independently of sitrep's own quote finder:

* **Gold direct quote**: an attribution whose Content has at least half of its non-space characters
  inside double quotation marks, paired left to right inside the Content (“ ” and ").
  Attributions without a Source count for "found" but not for speaker accuracy.
* **Found**: a system quote of kind ``direct`` or ``partial`` whose span, mapped back to the original
  text through the source map, overlaps the gold Content by at least half of the shorter span.
* **Attributed**: found, and the speaker of one of the overlapping system quotes is right: the system's ``speaker_mention`` overlaps the gold
  Source span, or a mention of the system's speaker actor does (a pronoun resolved to a name, or a
  name where the gold Source is a pronoun), or the last word of ``speaker_name`` occurs in the
  gold Source ("Donald Trump" for "Trump").
* One annotation file per text (the first annotator in name order) when several annotated it.

Figures, per split (``train``, ``dev``) and ``all``: ``docs``, ``gold_direct``, ``found``,
``attributed``, ``found_share``, ``attributed_share`` (attributed / gold direct quotes with a Source,
the figure comparable to textacy's 37% and the Gender Gap Tracker's 86.5%), ``speaker_accuracy``
(attributed / found with a Source), ``system_direct`` and ``precision`` (system direct or partial
quotes overlapping any gold Content). Run directly: ``python -m sitrep.eval.polnear PATH [LIMIT]``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.doc import RawDocument
from sitrep.errors import ConfigError

LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
EVENT = re.compile(r"^(E\d+)\t(\S+)")
QUOTE_MARKS = re.compile(r"[\"“”]")


@dataclass
class Attribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    direct: bool = False


def read_ann(text: str, ann: str) -> list[Attribution]:
    """Attribution events of one brat file; Content fragments, Source fragments, direct or not."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in ann.splitlines():
        m = LINE.match(line)
        if m:
            spans[m.group(1)] = [tuple(map(int, f.split())) for f in m.group(3).split(";")]
            continue
        m = EVENT.match(line)
        if m:
            args = dict(a.split(":", 1) for a in line.split("\t")[1].split() if ":" in a)
            events.append(args)
    out = []
    for args in events:
        content = spans.get(args.get("Content", ""))
        if not content:
            continue
        source = spans.get(args.get("Source", ""), [])
        out.append(Attribution(content, source, is_direct(text, content)))
    return out


def is_direct(text: str, frags: list[tuple[int, int]]) -> bool:
    inside = total = 0
    for s, e in frags:
        seg = text[s:e]
        total += sum(1 for c in seg if not c.isspace())
        marks = [m.start() for m in QUOTE_MARKS.finditer(seg)]
        if len(marks) % 2:
            marks.append(len(seg))
        for a, b in zip(marks[::2], marks[1::2]):
            inside += sum(1 for c in seg[a:b + 1] if not c.isspace())
    return total > 0 and inside >= 0.5 * total


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _found(q: tuple[int, int], frags: list[tuple[int, int]]) -> bool:
    ov = sum(_overlap(q, f) for f in frags)
    glen = sum(e - s for s, e in frags)
    return ov > 0 and ov >= 0.5 * min(q[1] - q[0], glen)


def speaker_right(q: dict, actors: dict, to_orig, text: str, source: list[tuple[int, int]]) -> bool:
    spans = []
    if q.get("speaker_mention"):
        spans.append((q["speaker_mention"]["start"], q["speaker_mention"]["end"]))
    a = actors.get(q.get("speaker"))
    if a:
        spans += [(m["start"], m["end"]) for m in a["mentions"]]
    for s, e in spans:
        if any(_overlap((to_orig(s), to_orig(e)), f) for f in source):
            return True
    name = (q.get("speaker_name") or "").split()
    gold = " ".join(text[s:e] for s, e in source).casefold()
    return bool(name) and re.search(r"\b" + re.escape(name[-1].casefold()) + r"\b", gold) is not None


def splits(path: Path) -> list[tuple[str, Path]]:
    if (path / "text").is_dir():
        return [(path.name, path)]
    out = [(d.name, d) for d in sorted(path.iterdir()) if (d / "text").is_dir() and (d / "attributions").is_dir()]
    if not out:
        raise ConfigError(f"{path}: no text/ and attributions/ folders (a PolNeAR split or its parent)")
    return out


def pairs(split: Path) -> list[tuple[Path, Path]]:
    anns: dict[str, Path] = {}
    for a in sorted((split / "attributions").glob("*.ann")):
        stem = a.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, a)
    return [(split / "text" / f"{stem}.txt", a) for stem, a in sorted(anns.items())
            if (split / "text" / f"{stem}.txt").is_file()]


def evaluate(path, *, pipeline, limit: int | None = None) -> dict:
    """Run ``pipeline`` on PolNeAR texts and score direct-quote attribution (see the module docstring)."""
    out: dict = {}
    total = {k: 0 for k in ("docs", "gold_direct", "with_source", "found", "found_with_source", "attributed",
                            "system_direct", "system_match")}
    for name, split in splits(Path(path)):
        items = pairs(split)[:limit] if limit else pairs(split)
        texts = [(t.read_text("utf-8"), a.read_text("utf-8"), t) for t, a in items]
        raws = [RawDocument(text=txt, path=str(t), id=t.stem) for txt, _, t in texts]
        c = {k: 0 for k in total}
        for (txt, ann, _), doc in zip(texts, pipeline.pipe(raws)):
            _score_doc(txt, read_ann(txt, ann), doc, c)
        out.update(_figures(name, c))
        for k in total:
            total[k] += c[k]
    if len(out) > 9:
        out.update(_figures("all", total))
    return out


def _score_doc(text: str, gold: list[Attribution], doc, c: dict) -> None:
    c["docs"] += 1
    if doc.error is not None:
        return
    to_orig = doc.source_map.to_original
    quotes = [q for q in doc.layers.get("quotes") or [] if q["kind"] in ("direct", "partial")]
    actors = {a["id"]: a for a in doc.layers.get("actors") or []}
    spans = [(to_orig(q["start"]), to_orig(q["end"])) for q in quotes]
    c["system_direct"] += len(quotes)
    c["system_match"] += sum(1 for s in spans if any(_found(s, g.content) for g in gold))
    for g in gold:
        if not g.direct:
            continue
        c["gold_direct"] += 1
        c["with_source"] += bool(g.source)
        hits = [q for q, s in zip(quotes, spans) if _found(s, g.content)]
        if not hits:
            continue
        c["found"] += 1
        if g.source:
            c["found_with_source"] += 1
            if any(speaker_right(q, actors, to_orig, text, g.source) for q in hits):
                c["attributed"] += 1


def _figures(name: str, c: dict) -> dict:
    def share(a, b):
        return round(a / b, 4) if b else None

    return {f"{name}.docs": c["docs"], f"{name}.gold_direct": c["gold_direct"], f"{name}.found": c["found"],
            f"{name}.attributed": c["attributed"], f"{name}.found_share": share(c["found"], c["gold_direct"]),
            f"{name}.attributed_share": share(c["attributed"], c["with_source"]),
            f"{name}.speaker_accuracy": share(c["attributed"], c["found_with_source"]),
            f"{name}.system_direct": c["system_direct"], f"{name}.precision": share(c["system_match"], c["system_direct"])}


if __name__ == "__main__":  # python -m sitrep.eval.polnear PATH [LIMIT]
    import json
    import sys

    from sitrep.pipeline import Pipeline

    figures = evaluate(sys.argv[1], pipeline=Pipeline(), limit=int(sys.argv[2]) if len(sys.argv) > 2 else None)
    print(json.dumps(figures, indent=1))
