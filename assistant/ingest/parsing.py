"""Reads one release file (txt, md, html, pdf) into a `Release`: its text and its metadata.

Every way a file can be unusable raises `ReleaseError` naming the file and the reason, before
anything is stored."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assistant.ingest import metadata
from assistant.ingest.wrapped_text import unwrap
from assistant.errors import ReleaseError
from assistant.records import Release

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".pdf"}
OVERRIDABLE = ("id", "title", "date", "place", "kind")
# front matter and HTML <meta> keys that name who put the release out, the first found wins
ISSUER_KEYS = ("issuer", "publisher", "author")


@dataclass(frozen=True)
class ExtractedText:
    text: str
    fields: dict[str, str]  # metadata the format itself states (front matter, <title>, PDF info)


def read_release(path: Path, *, max_bytes: int, source: str | None = None) -> Release:
    """Parse `path`; `source` is the name recorded for it (defaults to the path)."""
    data = read_checked_bytes(path, max_bytes=max_bytes)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        extracted = _pdf_text(path, data)
    else:
        raw = _decode(path, data)
        if suffix in {".md", ".markdown"}:
            extracted = _markdown_text(path, raw)
        elif suffix in {".html", ".htm"}:
            extracted = _html_text(raw)
        else:
            extracted = ExtractedText(unwrap(raw), {})
    text = extracted.text
    if not text.strip():
        raise ReleaseError(path, "no text in the file after extraction")
    fields = extracted.fields
    found_date, date_at = metadata.find_date(text)
    return Release(
        id=release_id_for(path, fields.get("id")),
        title=fields.get("title") or metadata.find_title(text),
        date=_checked_date(path, fields["date"]) if fields.get("date") else found_date,
        place=fields.get("place") or metadata.find_place(text, date_at),
        kind=fields.get("kind") or metadata.find_kind(text),
        source=source or str(path),
        content_hash=hashlib.sha256(data).hexdigest(),
        text=text,
        issuer=fields.get("issuer"),
        opening=None if fields.get("title") else text[: metadata.HEAD_CHARS],
    )


def read_checked_bytes(path: Path, *, max_bytes: int) -> bytes:
    if not path.exists():
        raise ReleaseError(path, "no such file")
    if not path.is_file():
        raise ReleaseError(path, "not a regular file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise ReleaseError(path, f"unsupported file type {suffix or '(no extension)'!r} (supported: {kinds})")
    size = path.stat().st_size
    if size > max_bytes:
        raise ReleaseError(path, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
    if size == 0:
        raise ReleaseError(path, "file is empty")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReleaseError(path, f"cannot be read ({exc.strerror or exc})") from exc


def release_id_for(path: Path, declared: str | None = None) -> str:
    """A stable id: the declared one, else a slug of the file name (so an edited file keeps its id)."""
    if declared:
        slug = slugify(str(declared))
        if slug:
            return slug
    return slugify(path.stem) or "release-" + hashlib.sha256(path.name.encode()).hexdigest()[:12]


def slugify(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:100].rstrip("-")


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise ReleaseError(path, "binary content (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReleaseError(
            path, f"not UTF-8 text (undecodable byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise ReleaseError(path, "binary content (control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _checked_date(path: Path, value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError as exc:
        raise ReleaseError(path, f"front matter date {value!r} is not an ISO date (yyyy-mm-dd)") from exc


def _markdown_text(path: Path, raw: str) -> ExtractedText:
    import frontmatter
    import yaml

    try:
        post = frontmatter.loads(raw)
    except yaml.YAMLError as exc:
        raise ReleaseError(path, f"front matter is not valid YAML ({str(exc).splitlines()[0]})") from exc
    fields = {k: post.metadata[k] for k in OVERRIDABLE if post.metadata.get(k) not in (None, "")}
    issuer = next((post.metadata[k] for k in ISSUER_KEYS if isinstance(post.metadata.get(k), str)), "")
    if issuer.strip():
        fields["issuer"] = " ".join(issuer.split())
    if "date" in fields:
        fields["date"] = _checked_date(path, fields["date"])
    return ExtractedText(unwrap(post.content), {k: str(v) for k, v in fields.items()})


# Elements that hold no release text; block elements that end a paragraph.
_NOISE = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg",
          "iframe", "button", "menu"]
_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
           "ol", "table", "tr", "blockquote", "pre", "br", "hr", "dd", "dt", "figcaption", "address"}


def _html_text(raw: str) -> ExtractedText:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "html.parser")
    fields: dict[str, str] = {}
    if soup.title and soup.title.get_text(strip=True):
        fields["title"] = soup.title.get_text(" ", strip=True)
    for tag in soup.find_all(_NOISE):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    h1 = root.find("h1")
    if h1 and h1.get_text(strip=True):
        fields["title"] = h1.get_text(" ", strip=True)
    for name in ("article:published_time", "date", "dc.date", "pubdate"):
        meta = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if meta and meta.get("content"):
            iso, _ = metadata.find_date(meta["content"][:10])
            if iso:
                fields["date"] = iso
                break
    for name in ISSUER_KEYS:
        meta = soup.find("meta", attrs={"name": name})
        if meta and meta.get("content", "").strip():
            fields["issuer"] = " ".join(meta["content"].split())
            break
    for block in root.find_all(_BLOCKS):
        block.insert_before("\n\n")
        block.insert_after("\n\n")
    text = root.get_text("")
    lines = [re.sub(r"[ \t\f\v\xa0]+", " ", line).strip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return ExtractedText(text, fields)


def _pdf_text(path: Path, data: bytes) -> ExtractedText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from assistant.ingest.pdf_text import join_lines, read_lines

    try:
        reader = PdfReader(io.BytesIO(data))
        lines = read_lines(reader)
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReleaseError(path, f"not a readable PDF ({exc})") from exc
    text = join_lines(lines)  # the stored text: citation offsets point into it
    if not text.strip():
        raise ReleaseError(path, "PDF has no text layer (scanned image?)")
    fields = {}
    stated = (info.title or "").strip() if info else ""
    tools = (info.creator, info.producer) if info else ()
    if not metadata.title_is_generated(stated, text, tools):
        fields["title"] = stated
    return ExtractedText(text, fields)
