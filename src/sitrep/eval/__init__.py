"""Evaluation: score the pipeline against annotated data. Each corpus kind has one module whose
``evaluate(path, *, pipeline, limit)`` returns a flat dict of named figures:

=========== ============================================== ===========================
kind        what PATH is                                   module
=========== ============================================== ===========================
gold        sitrep gold JSON files (+ the article text)    :mod:`sitrep.eval.gold`
geoparsing  a GeoNames-annotated XML corpus (TR-News,      ``sitrep.eval.geoparsing``
            GeoVirus)
polnear     a brat folder with ``text/`` and               ``sitrep.eval.polnear``
            ``attributions/`` (PolNeAR), or its parent
plover      ``PLOVER_GSR_CAMEO.txt`` or its folder         ``sitrep.eval.plover``
acled       an ACLED export CSV (``notes`` and the coding) ``sitrep.eval.acled``
=========== ============================================== ===========================

:func:`detect` says which kind a path is; :func:`evaluate` imports the module lazily and runs it.
"""
from __future__ import annotations

import importlib
import json
from pathlib import Path

from sitrep.errors import ConfigError

KINDS = ("gold", "geoparsing", "polnear", "plover", "acled")
PLOVER_FILE = "PLOVER_GSR_CAMEO.txt"


def detect(path: str | Path) -> list[tuple[str, Path]]:
    """The corpora at ``path`` as ``(kind, path)`` pairs; a folder may hold several.

    Raises:
        ConfigError: nothing evaluable is there (the message says what was looked for).
    """
    p = Path(path)
    if not p.exists():
        raise ConfigError(f"{p}: no such file or folder")
    if p.is_file():
        kind = _file_kind(p)
        if kind is None:
            raise ConfigError(f"{p}: not a corpus sitrep can score (want gold .json, GeoNames .xml, an ACLED export "
                              f".csv or {PLOVER_FILE})")
        return [(kind, p)]
    found: list[tuple[str, Path]] = []
    if (p / "text").is_dir() and (p / "attributions").is_dir():
        return [("polnear", p)]
    if any((d / "text").is_dir() and (d / "attributions").is_dir() for d in p.iterdir() if d.is_dir()):
        return [("polnear", p)]
    if (p / PLOVER_FILE).is_file():
        found.append(("plover", p / PLOVER_FILE))
    found += [("geoparsing", x) for x in sorted(p.glob("*.xml")) if _file_kind(x) == "geoparsing"]
    found += [("acled", x) for x in sorted(p.glob("*.csv")) if _file_kind(x) == "acled"]
    from sitrep.eval.gold import gold_files

    if gold_files(p):
        found.append(("gold", p))
    if not found:
        raise ConfigError(f"{p}: no gold JSON, GeoNames XML, ACLED CSV, {PLOVER_FILE} or brat text/ + attributions/ "
                          "found")
    return found


def _file_kind(p: Path) -> str | None:
    if p.name == PLOVER_FILE or (p.suffix == ".txt" and p.name.upper().startswith("PLOVER")):
        return "plover"
    if p.suffix.lower() == ".xml":
        with p.open("rb") as f:
            head = f.read(4096).decode("utf-8", "replace")
        return "geoparsing" if "<article" in head else None
    if p.suffix.lower() == ".csv":
        from sitrep.eval.acled import is_acled

        return "acled" if is_acled(p) else None
    if p.suffix.lower() == ".json":
        from sitrep.eval.gold import is_gold

        return "gold" if is_gold(p) else None
    return None


def load_evaluator(kind: str):
    """The module for one corpus kind.

    Raises:
        ConfigError: the module is not installed in this version of sitrep.
    """
    if kind not in KINDS:
        raise ConfigError(f"unknown corpus kind {kind!r} (known: {', '.join(KINDS)})")
    try:
        return importlib.import_module(f"sitrep.eval.{kind}")
    except ModuleNotFoundError as e:
        if e.name == f"sitrep.eval.{kind}":
            raise ConfigError(f"the {kind} evaluator (sitrep.eval.{kind}) is not available in this build") from None
        raise


def evaluate(path: str | Path, *, pipeline, limit: int | None = None, on_miss=None, misses: list | None = None) -> dict:
    """Score ``pipeline`` on every corpus at ``path``; figures of several corpora are prefixed by kind.

    ``on_miss`` (gold corpora only) receives one line per missed or spurious item; ``misses`` (ACLED
    exports only) collects each wrongly coded row as a dict.
    """
    corpora = detect(path)
    acled = [p for kind, p in corpora if kind == "acled"]
    if len(acled) > 1:  # several exports are scored together: per file, then all of them
        corpora = [(k, p) for k, p in corpora if k != "acled"] + [("acled", acled)]
    out: dict = {}
    for kind, p in corpora:
        extra = {"on_miss": on_miss} if kind == "gold" and on_miss else {}
        if kind == "acled" and misses is not None:
            extra = {"misses": misses}
        figures = load_evaluator(kind).evaluate(p, pipeline=pipeline, limit=limit, **extra)
        prefix = "" if len(corpora) == 1 else (f"{p.stem}." if kind == "geoparsing" else f"{kind}.")
        if prefix and all(k.startswith(prefix) for k in figures):  # the evaluator named them already
            prefix = ""
        out.update({prefix + k: v for k, v in figures.items()})
    return out


def dumps(figures: dict) -> str:
    """Figures as one JSON object (floats rounded to 4 places)."""
    return json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()},
                      ensure_ascii=False, default=str)
