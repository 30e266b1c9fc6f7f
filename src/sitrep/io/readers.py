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
import unicodedata
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


# A line longer than this is a dump or a page with its line breaks lost: no real paragraph is. Cleaning
# and parsing cost grows faster than a line's length (1 MB on one line took minutes, issue 18), so
# such a line is cut at sentence ends (a space becomes a newline: offsets do not move).
MAX_LINE_CHARS = 10_000
_SENTENCE_GAP = re.compile(r"(?<=[.!?\"”)])[ \t](?=\S)")
_ANY_GAP = re.compile(r"[ \t]")


def split_long_lines(raw: RawDocument) -> RawDocument:
    """The document with every line over :data:`MAX_LINE_CHARS` cut into lines of at most that length,
    at the last sentence end (else the last space) before each limit, with a warning. The text keeps
    its length, so layout offsets (``lines``) stay valid; a run without any space is left whole."""
    text = raw.text
    if len(text) <= MAX_LINE_CHARS or all(len(line) <= MAX_LINE_CHARS for line in text.split("\n")):
        return raw
    chars = list(text)
    cuts = 0
    start = 0
    for line in text.split("\n"):
        pos, end = start, start + len(line)
        while end - pos > MAX_LINE_CHARS:
            window = text[pos:pos + MAX_LINE_CHARS]
            gaps = list(_SENTENCE_GAP.finditer(window)) or list(_ANY_GAP.finditer(window))
            if not gaps:
                break
            cut = pos + gaps[-1].start()
            chars[cut] = "\n"
            cuts += 1
            pos = cut + 1
        start = end + 1
    if not cuts:
        return raw
    from dataclasses import replace

    return replace(raw, text="".join(chars), warnings=[
        *raw.warnings, f"{cuts} over-long line break(s) added (lines over {MAX_LINE_CHARS:,} characters)"])


def _checked(items) -> Iterator[RawDocument | InputError]:
    """Pass errors through; cut over-long lines; refuse documents that are blank or not in English."""
    for item in items:
        if isinstance(item, RawDocument):
            item = split_long_lines(item)
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
    mostly = mostly_utf8(data)
    if mostly is not None:
        return mostly
    legacy = western_single_byte(data)
    if legacy is not None:
        return legacy
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise InputError(path, "not UTF-8, and its text encoding cannot be told: convert it to UTF-8 "
                               "(e.g. iconv -f WINDOWS-1252 -t UTF-8)")
    return str(best), [f"not UTF-8: decoded as {best.encoding} (check accented letters)"]


# A file is "overwhelmingly UTF-8" when its valid multi-byte characters outnumber its stray bytes this
# many times over: a legacy 8-bit text almost never forms valid UTF-8 sequences by chance (issue 18).
UTF8_MAJORITY = 10
# An English article in a Western 8-bit encoding has few non-ASCII characters (quotes, dashes, accents).
WESTERN_MAX_SHARE = 0.03


def mostly_utf8(data: bytes) -> tuple[str, list[str]] | None:
    """UTF-8 text with a few bad bytes: decoded as UTF-8, each bad byte a U+FFFD, with a warning."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if bad <= 0 or good < UTF8_MAJORITY * bad:
        return None
    return text, [f"not valid UTF-8: {bad} stray byte(s) replaced by U+FFFD ({good} UTF-8 characters read as such)"]


def western_single_byte(data: bytes) -> tuple[str, list[str]] | None:
    """A text with no valid multi-byte UTF-8 and few high bytes, as Windows-1252 (a superset of
    Latin-1's printable range): the usual encoding of an English text that is not UTF-8.
    charset-normalizer guesses among dozens of code pages from a handful of bytes and often picks a
    Baltic or Cyrillic one for such a text (issue 18), so this is tried first."""
    high = sum(b > 127 for b in data)
    if high > WESTERN_MAX_SHARE * len(data):
        return None
    text = data.decode("utf-8", errors="replace")
    if sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd"):
        return None  # some valid UTF-8 besides the bad bytes: not a clean 8-bit text
    try:
        decoded = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if any(unicodedata.category(ch)[0] == "C" for ch in decoded if ord(ch) > 127):
        return None
    # Western text has an accented letter here and there; two in a row ("Ð¾Ñ") is another code page
    if any(ord(a) > 127 and ord(b) > 127 and a.isalpha() and b.isalpha() for a, b in zip(decoded, decoded[1:])):
        return None
    return decoded, ["not UTF-8: decoded as Windows-1252 / Latin-1 (check accented letters)"]


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
        raise InputError(path, ENCRYPTED)
    except InputError:
        raise
    except Exception as e:  # pdfminer raises many unrelated types on broken files
        if _encrypted(e) or re.search(rb"/Encrypt\s", data[-4096:]) or b"/Encrypt" in data[:4096]:
            raise InputError(path, ENCRYPTED)  # pdfplumber wraps pdfminer's password error (issue 18)
        raise InputError(path, f"corrupt PDF: cannot be parsed ({type(e).__name__})")
    if not parts:
        raise InputError(path, "PDF has no text layer (scanned pages?): run OCR first, e.g. ocrmypdf, "
                               "and read the result")
    return RawDocument(text="".join(parts), path=path, title=title if isinstance(title, str) and title else None,
                       format="pdf", lines=lines)


ENCRYPTED = "encrypted PDF: give a decrypted copy (e.g. qpdf --decrypt IN.pdf OUT.pdf)"


def _encrypted(e: BaseException | None) -> bool:
    """True when ``e`` or an exception it wraps is pdfminer's password or encryption error."""
    seen = 0
    while e is not None and seen < 10:
        if "Password" in type(e).__name__ or "Encrypt" in type(e).__name__:
            return True
        e = e.__cause__ or e.__context__ or next((a for a in getattr(e, "args", ()) if isinstance(a, BaseException)),
                                                 None)
        seen += 1
    return False


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
