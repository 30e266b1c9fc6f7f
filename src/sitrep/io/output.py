"""The one safe writer for outputs (``export``, ``report``): nothing is written outside the path given.

* File names made from input (document ids) go through :func:`safe_name`: no separator, no ``..``,
  no leading dot, so an id such as ``../../x`` or ``a/b`` stays a plain file inside the folder.
* A folder or file is written beside its target under a temporary name and renamed into place at
  the end, so a failure half-way (a full disk, a bad row) leaves the old output as it was.
* ``force`` replaces only what sitrep wrote: a folder is replaced when it is empty or carries the
  marker file :data:`MARKER`; a folder holding anything else is refused, never deleted.

Every refusal is a :class:`~sitrep.errors.ConfigError` with one line naming the path and the fix.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

from sitrep.errors import ConfigError

MARKER = ".sitrep-export"  # written into every output folder; --force replaces only folders that have it
_SAFE = re.compile(r"[^A-Za-z0-9._-]")
MAX_NAME = 120


def safe_name(name: str, suffix: str = "") -> str:
    """A file name for ``name`` that stays inside its folder; unsafe ids gain a hash so two never collide."""
    clean = _SAFE.sub("_", name).lstrip(".")[:MAX_NAME]
    if clean != name or not clean:
        clean = f"{clean or 'id'}-{hashlib.sha1(name.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"
    return clean + suffix


def _check_parent(path: Path) -> None:
    if not path.parent.is_dir():
        raise ConfigError(f"{path}: the folder {path.parent} does not exist (create it first)")
    if not os.access(path.parent, os.W_OK):
        raise ConfigError(f"{path}: the folder {path.parent} is not writable")


def _oserror(path: Path, e: OSError) -> ConfigError:
    if e.errno == 28:
        return ConfigError(f"no space left on the device to write {path} (nothing was replaced)")
    return ConfigError(f"cannot write {path}: {e.strerror or e}")


class OutputFolder:
    """A folder of files that appears whole, or not at all. Use as a context manager.

    Example::

        with OutputFolder(Path("out"), force=False) as out:
            out.write_text("doc-1.json", "{}")
    """

    def __init__(self, path: Path | str, *, force: bool = False):
        self.path = Path(path)
        if self.path.exists() or self.path.is_symlink():
            if not force:
                raise ConfigError(f"{self.path} exists; pass --force to replace it")
            if not self.path.is_dir() or self.path.is_symlink():
                raise ConfigError(f"{self.path} exists and is not a folder: not replaced (give a folder path)")
            if any(self.path.iterdir()) and not (self.path / MARKER).is_file():
                raise ConfigError(f"{self.path} holds files sitrep did not write: not replaced, nothing deleted "
                                  "(give a new or empty folder)")
        _check_parent(self.path)
        self.tmp = self.path.parent / f".{self.path.name}.sitrep-tmp-{os.getpid()}"
        shutil.rmtree(self.tmp, ignore_errors=True)
        try:
            self.tmp.mkdir()
        except OSError as e:
            raise _oserror(self.path, e) from None

    def file(self, name: str) -> Path:
        """The path for a file named ``name`` (a safe name, see :func:`safe_name`) inside the folder."""
        p = self.tmp / name
        if p.parent != self.tmp or name != safe_name(name):
            raise ConfigError(f"unsafe output file name {name!r}")
        return p

    def write_text(self, name: str, text: str) -> None:
        try:
            self.file(name).write_text(text, encoding="utf-8")
        except OSError as e:
            raise _oserror(self.path, e) from None

    def commit(self) -> None:
        try:
            (self.tmp / MARKER).write_text("written by sitrep export; sitrep export --force may replace this "
                                           "folder\n", encoding="utf-8")
            old = None
            if self.path.exists():
                old = self.path.parent / f".{self.path.name}.sitrep-old-{os.getpid()}"
                os.replace(self.path, old)
            os.replace(self.tmp, self.path)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except OSError as e:
            self.abort()
            raise _oserror(self.path, e) from None

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> "OutputFolder":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


class OutputFile:
    """One output file, written under a temporary name beside it and renamed into place on success.

    ``open()`` gives the temporary path; ``mode`` ``"w"`` (text, UTF-8) or ``"wb"``.
    """

    def __init__(self, path: Path | str, *, force: bool = False):
        self.path = Path(path)
        if self.path.exists() and not force:
            raise ConfigError(f"{self.path} exists; pass --force to replace it")
        if self.path.is_dir():
            raise ConfigError(f"{self.path} is a folder: give a file path")
        _check_parent(self.path)
        self.tmp = self.path.parent / f".{self.path.name}.sitrep-tmp-{os.getpid()}"

    def __enter__(self) -> Path:
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.tmp.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise _oserror(self.path, exc) from None
            return
        try:
            os.replace(self.tmp, self.path)
        except OSError as e:
            self.tmp.unlink(missing_ok=True)
            raise _oserror(self.path, e) from None
