"""What users read is true: README.md documents every command and option, and its commands exist."""
import re
import shlex
from pathlib import Path

import pytest
import typer.main

from sitrep.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")
COMMANDS = dict(typer.main.get_command(app).commands)


def options(cmd) -> set[str]:
    return {o for p in cmd.params if p.param_type_name == "option" for o in p.opts}


def section(name: str) -> str:
    """The README text under the heading ``### sitrep NAME`` (up to the next heading)."""
    m = re.search(rf"^### sitrep {re.escape(name)}\s*$(.*?)(?=^#{{1,3}} |\Z)", README, re.M | re.S)
    return m.group(1) if m else ""


def code_blocks() -> list[tuple[str, list[str]]]:
    """Fenced blocks of README.md as (language, lines)."""
    blocks, current, lang = [], None, ""
    for ln in README.splitlines():
        if ln.startswith("```"):
            if current is None:
                current, lang = [], ln[3:].strip()
            else:
                blocks.append((lang, current))
                current = None
        elif current is not None:
            current.append(ln)
    return blocks


def shell_lines() -> list[str]:
    return [ln.split(" #", 1)[0].strip() for lang, b in code_blocks() if lang in ("", "sh", "bash")
            for ln in b if ln.strip()]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_documented_with_all_its_options(name):
    text = section(name)
    assert text, f"README.md has no '### sitrep {name}' section (run .venv/bin/python docs/gen_cli.py)"
    long_names = {max(p.opts, key=len) for p in COMMANDS[name].params if p.param_type_name == "option"}
    missing = sorted(o for o in long_names if o != "--help" and not re.search(rf"`{re.escape(o)}`", text))
    assert not missing, f"sitrep {name}: options missing from README.md: {missing}"


def test_readme_commands_are_real():
    lines = shell_lines()
    sitrep_lines = [ln for ln in lines if re.match(r"(\.venv/bin/)?sitrep ", ln)]
    assert len(sitrep_lines) >= len(COMMANDS), "README.md should show each command in use"
    for ln in sitrep_lines:
        words = shlex.split(ln.split(">", 1)[0])
        name = words[1]
        assert name in COMMANDS, f"README shows an unknown command: {ln}"
        for w in words[2:]:
            if w.startswith("-") and len(w) > 1:
                assert w.split("=", 1)[0] in options(COMMANDS[name]), f"README uses an unknown option: {ln}"


def test_readme_make_targets_exist():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, re.M))
    used = [ln.split()[1] for ln in shell_lines() if ln.startswith("make ")]
    assert {"demo", "test"} <= set(used)
    assert set(used) <= targets, f"README uses make targets the Makefile lacks: {set(used) - targets}"


def test_readme_starts_with_the_two_commands():
    _, first_block = code_blocks()[0]
    assert [ln.split("#")[0].strip() for ln in first_block] == ["make demo", "make test"]


def test_readme_paths_exist():
    for p in sorted(set(re.findall(r"`((?:src/sitrep|tests|samples|docs)/[\w./-]+?)`", README))):
        if "<" not in p:
            assert (ROOT / p).exists(), f"README.md names a path that does not exist: {p}"


def test_readme_python_example_names_real_api():
    import inspect

    import sitrep

    for lang, lines in code_blocks():
        if lang == "python" and "sitrep.extract(" in "\n".join(lines):
            assert "published" in inspect.signature(sitrep.extract).parameters
            break
    else:
        pytest.fail("README.md should show sitrep.extract(...) from Python")
