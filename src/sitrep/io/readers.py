"""Readers: a path -> RawDocument(s), or an InputError that names the file and the reason.

Formats, by suffix (a file with another suffix is sniffed: ``%PDF-`` is a PDF, ``<html`` HTML):

* ``.txt`` (and ``.text``, ``.md``): the text, UTF-8 or, failing that, the encoding
  charset-normalizer finds (with a warning on the document);
* ``.pdf``: the text layer through pdfplumber, one line per PDF line with its font size in
  ``RawDocument.lines``, a blank line where the vertical gap shows a new paragraph and two
  between pages (cleaning rejoins a paragraph a page break cut);
* ``.html``/``.htm``: the main text through trafilatura, paragraphs separated by blank lines,
  headings marked in ``RawDocument.lines`` (``kind: "heading"``), and the page's title, date,
  URL and site name as metadata;
* ``.jsonl``: one article per line, ``{"text": ..., "title", "published", "url", "source", "id"}``;
  a broken line is an InputError naming ``file:line`` and the other lines are read;
* folders, recursively (files with the suffixes above, in sorted order).

Refused with a one-line reason, and the run goes on: a missing or unreadable path, an empty
file, a binary file, a text whose encoding cannot be told, a file over its size limit
(:data:`MAX_BYTES`), a corrupt or encrypted PDF or one without a text layer, an HTML page with
no article text, and an article not in English (:mod:`sitrep.io.language`).
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Iterator

from sitrep.doc import RawDocument
from sitrep.errors import InputError
from sitrep.io.language import check_english

FORMATS = {".txt": "txt", ".text": "txt", ".md": "txt", ".pdf": "pdf", ".html": "html", ".htm": "html",
           ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
SUFFIXES = tuple(FORMATS)
MIB = 1024 * 1024
# Size limits per format. An article is a few kilobytes; a text far past the limit is a dump or a
# wrong file, and would stall the parser. PDFs and HTML pages carry images and markup besides.
MAX_BYTES = {"txt": 5 * MIB, "html": 20 * MIB, "pdf": 50 * MIB, "jsonl": 2048 * MIB}
MAX_RECORD_BYTES = 5 * MIB  # one JSON Lines record
PARAGRAPH_GAP = 1.5  # a vertical gap this many times the usual line spacing starts a PDF paragraph
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def iter_paths(paths: list[str]) -> Iterator[Path]:
    """Each file to read: files as given (missing ones too, read_path reports them), folders walked."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*")
                              if q.suffix.lower() in FORMATS and q.is_file() and not q.name.startswith("."))
        else:
            yield p


def read_path(path: Path | str) -> Iterator[RawDocument | InputError]:
    """Yield the articles in one file, or an InputError for each one that cannot be read."""
    path = Path(path)
    if path.is_dir():
        for p in iter_paths([str(path)]):
            yield from read_path(p)
        return
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(path, "not a regular file")
        fmt = FORMATS.get(path.suffix.lower())
        if size == 0:
            raise InputError(path, "empty file")
        if fmt and size > MAX_BYTES[fmt]:
            raise InputError(path, f"too large for a {fmt} article ({size / MIB:.1f} MB; the limit is "
                                   f"{MAX_BYTES[fmt] // MIB} MB): split it, or pass articles as JSON Lines")
        if fmt == "jsonl":
            yield from _checked(read_jsonl(path))
            return
        data = path.read_bytes()
    except InputError as e:
        yield e
        return
    except FileNotFoundError:
        yield InputError(path, "no such file")
        return
    except PermissionError:
        yield InputError(path, "permission denied (check the file's permissions)")
        return
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror or e}")
        return
    fmt = fmt or sniff(data)
    if len(data) > MAX_BYTES[fmt]:
        yield InputError(path, f"too large ({len(data) / MIB:.1f} MB; the limit is {MAX_BYTES[fmt] // MIB} MB)")
        return
    reader = {"txt": read_text, "pdf": read_pdf, "html": read_html}[fmt]
    try:
        doc = reader(data, str(path))
    except InputError as e:
        yield e
        return
    yield from _checked([doc])


def _checked(items) -> Iterator[RawDocument | InputError]:
    """Pass errors through; refuse documents that are blank or not in English."""
    for item in items:
        if isinstance(item, RawDocument):
            if not item.text.strip():
                item = InputError(item.path, "no text in it")
            else:
                verdict = check_english(item.text)
                if not verdict.english:
                    item = InputError(item.path, f"{verdict.reason}; sitrep reads English articles only")
        yield item


def sniff(data: bytes) -> str:
    """The format of a file whose suffix says nothing."""
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    return "txt"


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """Bytes -> text: UTF-8 (with or without BOM), UTF-16 by its BOM, else the detected encoding.

    Raises:
        InputError: the bytes are binary, or no encoding reads them as text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["not UTF-8: decoded as UTF-16 (byte order mark)"]
        except UnicodeDecodeError:
            raise InputError(path, "starts like UTF-16 text but does not decode as UTF-16")
    head = data[:8192]
    half = len(head) // 2
    for zeros, codec in ((head[1::2].count(0), "utf-16-le"), (head[0::2].count(0), "utf-16-be")):
        if half >= 8 and zeros > 0.6 * half:  # ASCII-range text in UTF-16 without a byte order mark
            try:
                return data.decode(codec), [f"not UTF-8: decoded as {codec.upper()} (no byte order mark)"]
            except UnicodeDecodeError:
                break
    controls = sum(b < 32 and b not in b"\t\n\r\f\x0b\x1a" for b in head)
    if b"\x00" in head or controls > 0.05 * len(head):
        raise InputError(path, "binary file, not text (give a .txt, .pdf, .html or .jsonl file)")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise InputError(path, "not UTF-8, and its text encoding cannot be told: convert it to UTF-8 "
                               "(e.g. iconv -f WINDOWS-1252 -t UTF-8)")
    return str(best), [f"not UTF-8: decoded as {best.encoding} (check accented letters)"]


def read_text(data: bytes, path: str) -> RawDocument:
    text, warnings = decode(data, path)
    return RawDocument(text=text, path=path, format="txt", warnings=warnings)


def read_jsonl(path: Path) -> Iterator[RawDocument | InputError]:
    """One article per line; a bad line is an InputError naming ``file:line``, the rest are read."""
    with path.open("rb") as f:
        for n, line in enumerate(f, 1):
            where = f"{path}:{n}"
            if not line.strip():
                continue
            if len(line) > MAX_RECORD_BYTES:
                yield InputError(where, f"record too large ({len(line) / MIB:.1f} MB; the limit is "
                                        f"{MAX_RECORD_BYTES // MIB} MB)")
                continue
            try:
                rec = json.loads(line)
            except UnicodeDecodeError:
                yield InputError(where, "not UTF-8 (JSON Lines must be UTF-8)")
                continue
            except json.JSONDecodeError as e:
                yield InputError(where, f"not valid JSON ({e.msg} at column {e.colno})")
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                yield InputError(where, 'no "text" string in this record (expected {"text": ..., ...})')
                continue
            yield record_document(rec, where)


def record_document(rec: dict, where: str) -> RawDocument:
    """A JSON Lines record -> RawDocument; a ``published`` that is no ISO date is dropped with a warning."""
    warnings = []
    published = rec.get("published")
    if published is not None:
        if isinstance(published, str) and _ISO_DATE.match(published):
            published = published[:10]
        else:
            warnings.append(f"published {published!r} is not a date YYYY-MM-DD: ignored")
            published = None

    def opt(key):
        v = rec.get(key)
        return None if v is None else str(v)

    return RawDocument(text=rec["text"], path=where, title=opt("title"), published=published,
                       source=opt("source"), url=opt("url"), id=opt("id"), format="jsonl", warnings=warnings)


def read_pdf(data: bytes, path: str) -> RawDocument:
    """The text layer of a PDF, line by line with font sizes (see the module docstring)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if not data.lstrip()[:5] == b"%PDF-":
        raise InputError(path, "corrupt PDF: no PDF header")
    parts: list[str] = []
    lines: list[dict] = []
    pos = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            title = (pdf.metadata or {}).get("Title")
            for page_no, page in enumerate(pdf.pages):
                page_lines = [ln for ln in page.extract_text_lines(return_chars=True) if ln["text"].strip()]
                if not page_lines:
                    continue
                if parts:
                    parts.append("\n\n\n")  # a page break: two blank lines
                    pos += 3
                spacing = _usual_spacing(page_lines)
                for i, ln in enumerate(page_lines):
                    if i:
                        gap = ln["top"] - page_lines[i - 1]["top"]
                        sep = "\n\n" if spacing and gap > PARAGRAPH_GAP * spacing else "\n"
                        parts.append(sep)
                        pos += len(sep)
                    sizes = [c.get("size", 0) for c in ln["chars"] if not c["text"].isspace()]
                    t = ln["text"]
                    lines.append({"start": pos, "end": pos + len(t), "page": page_no + 1,
                                  "size": round(sum(sizes) / len(sizes), 2) if sizes else None})
                    parts.append(t)
                    pos += len(t)
    except PDFPasswordIncorrect:
        raise InputError(path, "encrypted PDF: give a decrypted copy")
    except InputError:
        raise
    except Exception as e:  # pdfminer raises many unrelated types on broken files
        raise InputError(path, f"corrupt PDF: cannot be parsed ({type(e).__name__})")
    if not parts:
        raise InputError(path, "PDF has no text layer (scanned pages?): run OCR first, e.g. ocrmypdf, "
                               "and read the result")
    return RawDocument(text="".join(parts), path=path, title=title if isinstance(title, str) and title else None,
                       format="pdf", lines=lines)


def _usual_spacing(page_lines: list[dict]) -> float | None:
    """The usual distance between the tops of consecutive lines on a page (its lower quartile:
    most gaps are line spacing, a few are paragraph or heading gaps)."""
    gaps = sorted(b["top"] - a["top"] for a, b in zip(page_lines, page_lines[1:]) if b["top"] > a["top"])
    return gaps[len(gaps) // 4] if gaps else None


def read_html(data: bytes, path: str) -> RawDocument:
    """The main text of a web page through trafilatura, with headings marked and page metadata."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(data, output_format="xml", with_metadata=True, include_comments=False,
                              include_tables=False)
    if not xml:
        raise InputError(path, "no article text found in this HTML page")
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    parts: list[str] = []
    lines: list[dict] = []
    pos = 0
    blocks = [item for el in (main if main is not None else [])
              for item in (el.findall("item") if el.tag == "list" else [el])]
    for el in blocks:
        t = " ".join("".join(el.itertext()).split())
        if not t:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        entry = {"start": pos, "end": pos + len(t)}
        if el.tag == "head":
            entry["kind"] = "heading"
        lines.append(entry)
        parts.append(t)
        pos += len(t)
    if not parts:
        raise InputError(path, "no article text found in this HTML page")
    date = root.get("date")
    return RawDocument(text="".join(parts), path=path, title=root.get("title") or None,
                       published=date[:10] if date and _ISO_DATE.match(date) else None,
                       source=root.get("sitename") or root.get("hostname") or None,
                       url=root.get("url") or None, format="html", lines=lines)
