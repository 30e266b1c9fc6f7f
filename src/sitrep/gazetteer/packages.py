"""Where an installed package keeps its files, for the packages the gazetteer reads as data."""
from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path


def package_dir(package: str) -> Path | None:
    """The folder of ``package`` when it is installed (without importing it), else None."""
    try:
        spec = find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])
