"""Word lists and tables kept in data files, read through one loader.

Shared vocabularies (words more than one stage reads) live in ``data/vocab/``; a stage's own lists live
in its ``data/<stage>/`` folder. Every file says where its words come from in its ``#`` lines (text
lists) or ``_source`` key (JSON). Names are paths under ``sitrep/data``: ``words("vocab/locatives.txt")``.
"""
from __future__ import annotations

import json
from importlib import resources as _files

from sitrep.resources import cached


def read_text(name: str) -> str:
    """The text of ``sitrep/data/<name>``."""
    return _files.files("sitrep").joinpath("data", *name.split("/")).read_text(encoding="utf-8")


@cached
def terms(name: str) -> tuple[str, ...]:
    """A one-entry-a-line list, in file order (``#`` lines and blank lines are notes), as written."""
    return tuple(ln.strip() for ln in read_text(name).splitlines() if ln.strip() and not ln.lstrip().startswith("#"))


@cached
def words(name: str) -> frozenset[str]:
    """A one-entry-a-line list as a set of lower-cased (case-folded) entries."""
    return frozenset(t.casefold() for t in terms(name))


@cached
def table(name: str) -> dict:
    """A JSON file; keys starting with ``_`` (sources, notes) are left out, lists become tuples."""
    raw = json.loads(read_text(name))
    return {k: (tuple(v) if isinstance(v, list) else v) for k, v in raw.items() if not k.startswith("_")}


def alternation(name: str) -> str:
    """A list as a regex alternation, longest entries first ("the end of|end"), for patterns built
    from data instead of typed in code."""
    import re

    return "|".join(re.escape(t) for t in sorted(terms(name), key=len, reverse=True))
