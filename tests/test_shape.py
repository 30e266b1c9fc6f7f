"""The code's shape, read from the source (issue #20): word lists live in data files, stages stand alone,
no module borrows another's private names, functions stay short enough to hold, and the only cache is
:func:`sitrep.resources.cached`.

Each break is named by a key ("long web/app.py::create_app"). A stage's ``reads=`` declaration (layer
names the pipeline checks) is no word list.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "sitrep"
MAX_LINES = 80
WORD = re.compile(r"^[a-z][a-z'. \-]*$")  # lower-case: labels and codes (GPE, ASSAULT) are not words
# three or more alternatives of letters in a row of a regex: "(?:day|week|month)"
ALTERNATION = re.compile(r"(?<![\\\w])[A-Za-z]{2,}(?:\|[A-Za-z]{2,}){2,}(?![\w])")
CACHE_CALLS = {"lru_cache", "cache"}
EMPTY_CONTAINERS = {"dict", "list", "set", "OrderedDict", "defaultdict", "Counter", "WeakValueDictionary"}


def _modules(src: Path):
    for p in sorted(src.rglob("*.py")):
        rel = p.relative_to(src)
        yield rel, ast.parse(p.read_text(encoding="utf-8"))


def _module_name(rel: Path) -> str:
    parts = ["sitrep", *rel.with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(rel: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    pkg = _module_name(rel).split(".")
    if rel.name != "__init__.py":
        pkg = pkg[:-1]
    pkg = pkg[:len(pkg) - (node.level - 1)]
    return ".".join(pkg + ([node.module] if node.module else []))


def _stage(module: str) -> str | None:
    m = re.match(r"sitrep\.stages\.(\w+)", module)
    return m.group(1) if m else None


def _docstrings(tree) -> set[int]:
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body:
            first = n.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def violations(src: Path = SRC) -> set[str]:
    out: set[str] = set()
    for rel, tree in _modules(src):
        path = rel.as_posix()
        me = _module_name(rel)
        in_stages = rel.parts[0] == "stages"
        docs = _docstrings(tree)
        declared = {id(k.value) for n in ast.walk(tree) if isinstance(n, ast.Call) for k in n.keywords if k.arg == "reads"}
        for n in ast.walk(tree):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > MAX_LINES:
                out.add(f"long {path}::{n.name}")
            if isinstance(n, ast.Global):
                out.add(f"cache {path}::global {','.join(n.names)}")
            if (isinstance(n, ast.Attribute) and n.attr in CACHE_CALLS and isinstance(n.value, ast.Name)
                    and n.value.id == "functools" and rel.name != "resources.py"):
                out.add(f"cache {path}::{n.attr}")
            if isinstance(n, ast.ImportFrom):
                target = _absolute(rel, n)
                for a in n.names:
                    if a.name.startswith("_") and not a.name.startswith("__") and target != me:
                        out.add(f"private {path}::{target}.{a.name}")
                    if a.name in CACHE_CALLS and target == "functools" and rel.name != "resources.py":
                        out.add(f"cache {path}::{a.name}")
                if in_stages:
                    own = _stage(me)
                    for full in [target] + [f"{target}.{a.name}" for a in n.names if target == "sitrep.stages"]:
                        other = _stage(full)
                        if other and own and other != own:
                            out.add(f"stage-import {path}::{full}")
            if isinstance(n, ast.Import) and in_stages:
                for a in n.names:
                    other = _stage(a.name)
                    if other and other != _stage(me):
                        out.add(f"stage-import {path}::{a.name}")
            if in_stages and isinstance(n, (ast.List, ast.Set, ast.Tuple)) and id(n) not in declared:
                strs = [e.value for e in n.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                words = [s for s in strs if WORD.match(s)]
                if len(words) >= 5:
                    out.add(f"word-list {path}::{'|'.join(words[:3])}")
            if (in_stages and isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
                    and (m := ALTERNATION.search(n.value))):
                out.add(f"regex-words {path}::{m.group(0)[:40]}")
        for n in tree.body:  # module level: a container made empty to be filled later is a cache
            if isinstance(n, (ast.Assign, ast.AnnAssign)) and rel.name != "resources.py":
                v = n.value
                empty = (isinstance(v, ast.Dict) and not v.keys) or (isinstance(v, (ast.List, ast.Set)) and not v.elts) or (
                    isinstance(v, ast.Call) and getattr(v.func, "id", getattr(v.func, "attr", "")) in EMPTY_CONTAINERS
                    and not v.args)
                if empty:
                    targets = n.targets if isinstance(n, ast.Assign) else [n.target]
                    out.add(f"cache {path}::{','.join(ast.unparse(t) for t in targets)}")
    return out


def test_no_shape_breaks():
    found = sorted(violations())
    assert not found, "breaks of the code-shape rules (see this module's docstring):\n" + "\n".join(found)


@pytest.mark.parametrize("src,key", [
    ("x = ['in', 'at', 'near', 'on', 'into']\n", "word-list"),
    ("import re\nR = re.compile(r'(?:day|week|month)')\n", "regex-words"),
    ("from sitrep.stages.actors import lexicon\n", "stage-import"),
    ("from sitrep.stages.places.lexicon import _read\n", "private"),
    ("_SEEN: dict = {}\n", "cache"),
    ("import functools\n@functools.lru_cache\ndef f(x):\n    return x\n", "cache"),
    ("def f():\n" + "    x = 1\n" * 81, "long"),
])
def test_each_rule_catches_its_break(tmp_path, src, key):
    pkg = tmp_path / "stages" / "events"
    pkg.mkdir(parents=True)
    (pkg / "probe.py").write_text(src, encoding="utf-8")
    found = violations(tmp_path)
    assert any(v.startswith(key + " stages/events/probe.py") for v in found), found


def test_a_stage_reads_declaration_is_no_word_list(tmp_path):
    pkg = tmp_path / "stages" / "events"
    pkg.mkdir(parents=True)
    (pkg / "probe.py").write_text('@stage("x", version=1, reads=("sentences", "dates", "places", "actors", "quotes"),'
                                  ' writes="events")\ndef x(doc, *, res):\n    return []\n', encoding="utf-8")
    assert not violations(tmp_path)
