"""Exceptions, all in one tree::

    SitrepError                 base of everything sitrep raises on purpose
    ├── InputError              an input file cannot be read as an article (the message names the file,
    │                           the cause and, where there is one, the fix); the run skips it and goes on
    ├── ConfigError             a setting or option is invalid
    ├── StageError              a pipeline stage failed on one document (names the stage and document)
    ├── StoreError              a database cannot be opened, is not sitrep's, or refuses a query (names
    │                           the file, the cause and the fix: in use, a folder, foreign, no space)
    └── BackendUnavailableError an optional backend (Ray, Chromium, ...) is not installed
"""
from __future__ import annotations


class SitrepError(Exception):
    """Base class for errors sitrep raises on purpose."""


class InputError(SitrepError):
    def __init__(self, path: str, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


class ConfigError(SitrepError):
    pass


class StageError(SitrepError):
    def __init__(self, stage: str, doc_id: str, cause: BaseException):
        self.stage, self.doc_id, self.cause = stage, doc_id, cause
        super().__init__(f"stage {stage!r} failed on document {doc_id}: {type(cause).__name__}: {cause}")


class StoreError(SitrepError):
    pass


class BackendUnavailableError(SitrepError):
    pass
