"""Ingest: source files in, normalised ``Document`` records out (DESIGN §5, first stage).

Reads ``.txt``/``.md`` (YAML front matter, or a ``NAME.meta.yaml`` sidecar), ``.html``/``.htm``
(boilerplate removed by trafilatura) and ``.jsonl`` (one document per line, metadata keys plus
``text``). Text is normalised to NFC with ``\\n`` line ends; every offset in the graph refers to it,
and its SHA-256 gives the document key. A missing language is detected with lingua, and the
document records whether its language was ``given`` or ``detected``.

A file that cannot be read or decoded yields an ``IngestError`` naming the file (in
``read_sources``'s ``errors``); the other files still come through.

>>> normalise_text("Hue\\u0302\\u0301\\r\\n")
'Huế\\n'
"""

from __future__ import annotations

import datetime as dt
import json
import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import IngestError
from .iris import doc_key
from .records import Document

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SOURCE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
META_KEYS = frozenset({"id", "title", "published", "language", "source", "publisher", "translated_from"})
DETECTABLE_LANGUAGES = ("en", "nl", "fr", "de", "es", "vi")


@dataclass(frozen=True, slots=True)
class Ingested:
    """What ``read_sources`` found: the documents, and one error per file that could not be read."""

    documents: tuple[Document, ...]
    errors: tuple[IngestError, ...]


def normalise_text(text: str) -> str:
    """NFC-normalise ``text`` and turn CRLF/CR line ends into LF."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def discover(sources: Iterable[Path]) -> list[Path]:
    """Every source file under ``sources`` (files, or folders searched recursively), sorted (as
    paths sort: part by part). Folders are listed with ``os.scandir``, whose entries know whether
    they are files without a ``stat`` each (a 10,000-file corpus is listed in a few milliseconds).
    """
    return [Path(p) for p in source_files(sources)]


def source_files(sources: Iterable[Path]) -> list[str]:
    """``discover``'s files as strings (no ``Path`` objects: 100,000 of them cost a second)."""
    found: set[str] = set()
    for source in sources:
        if source.is_dir():
            found.update(_files_under(str(source)))
        elif source.exists():
            found.add(str(source))
        else:
            raise IngestError(f"{source}: no such file or folder")
    # part by part, as paths sort: the separator sorts before every character ("a/b" < "a-b/c")
    return sorted(found, key=lambda p: p.replace(os.sep, "\0"))


def _files_under(folder: str) -> Iterator[str]:
    """The source files under ``folder``, recursively (symbolic links to files count; to folders not,
    as with ``Path.rglob``)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_under(entry.path)
            elif entry.is_file() and _is_source(entry.name):
                yield entry.path


def _is_source(name: str) -> bool:
    dot = name.rfind(".")
    suffix = name[dot:] if 0 < dot < len(name) - 1 else ""  # as Path.suffix
    return suffix.lower() in SOURCE_SUFFIXES and not name.startswith(".")


def read_sources(sources: Iterable[Path]) -> Ingested:
    """Read every document under ``sources``; unreadable files become errors, not exceptions."""
    documents: list[Document] = []
    errors: list[IngestError] = []
    for path in discover(sources):
        try:
            for item in read_file(path):
                (errors if isinstance(item, IngestError) else documents).append(item)
        except IngestError as error:
            errors.append(error)
    seen: dict[str, Path | str | None] = {}
    unique: list[Document] = []
    for doc in documents:
        if doc.id in seen:
            errors.append(IngestError(f"{doc.path}: duplicate document id {doc.id!r} (also in {seen[doc.id]})"))
            continue
        seen[doc.id] = doc.path
        unique.append(doc)
    return Ingested(tuple(unique), tuple(errors))


def read_file(path: Path) -> Iterator[Document | IngestError]:
    """The documents in one file (one, or one per line for ``.jsonl``, where a bad line is yielded
    as its ``IngestError`` so that the other lines still come through)."""
    suffix = path.suffix.lower()
    raw = _read_text(path)
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, raw)
    elif suffix in HTML_SUFFIXES:
        yield _make_document(path, _html_text(path, raw), _sidecar(path))
    else:
        meta, body = _split_front_matter(path, raw)
        yield _make_document(path, body, {**_sidecar(path), **meta})


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(f"{path}: cannot read ({error.strerror or error})") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IngestError(f"{path}: not valid UTF-8 (byte {error.start}); re-save the file as UTF-8") from error


def _split_front_matter(path: Path, raw: str) -> tuple[dict, str]:
    if not raw.startswith("---"):
        return {}, raw
    lines = raw.split("\n")
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            meta = _parse_meta(path, "\n".join(lines[1:end]))
            return meta, "\n".join(lines[end + 1 :]).lstrip("\n")
    raise IngestError(f"{path}: YAML front matter is opened with '---' but never closed")


def sidecar_name(name: str) -> str:
    """The ``NAME.meta.yaml`` sidecar of the source file ``name`` (a path, as a string).

    >>> sidecar_name("docs/a.b.txt")
    'docs/a.b.meta.yaml'
    """
    folder, sep, base = name.rpartition(os.sep)
    return f"{folder}{sep}{base.rsplit('.', 1)[0]}.meta.yaml"


def stamp(name: str | Path) -> str:
    """Size and modification time (ns) of a source file and of its sidecar ("-" when absent): what
    an incremental build compares to decide whether to read the file again."""
    parts = []
    for file in (str(name), sidecar_name(str(name))):
        try:
            info = os.stat(file)
            parts.append(f"{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return "|".join(parts)


def _sidecar(path: Path) -> dict:
    sidecar = Path(sidecar_name(str(path)))
    if not sidecar.exists():
        return {}
    return _parse_meta(sidecar, _read_text(sidecar))


def _parse_meta(path: Path, text: str) -> dict:
    try:
        meta = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise IngestError(f"{path}: malformed YAML metadata ({str(error).splitlines()[0]})") from error
    if not isinstance(meta, dict):
        raise IngestError(f"{path}: metadata must be a mapping of keys to values")
    unknown = sorted(set(meta) - META_KEYS - {"text"})
    if unknown:
        raise IngestError(f"{path}: unknown metadata key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(META_KEYS))}")
    return meta


def _read_jsonl(path: Path, raw: str) -> Iterator[Document | IngestError]:
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield _jsonl_document(path, number, line)
        except IngestError as error:
            yield error


def _jsonl_document(path: Path, number: int, line: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise IngestError(f"{path}:{number}: not valid JSON ({error.msg})") from error
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise IngestError(f"{path}:{number}: each line must be an object with a 'text' string")
    meta = {k: v for k, v in record.items() if k != "text"}
    _parse_meta(Path(f"{path}:{number}"), yaml.safe_dump(meta))
    meta.setdefault("id", f"{path.stem}-{number}")
    return _make_document(path, record["text"], meta)


def _html_text(path: Path, raw: str) -> str:
    import trafilatura

    text = trafilatura.extract(raw, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise IngestError(f"{path}: no article text found in the HTML")
    return text


def _make_document(path: Path, body: str, meta: dict) -> Document:
    text = normalise_text(body)
    if not text.strip():
        raise IngestError(f"{path}: the document is empty")
    language, source = meta.get("language"), "given"
    if not language:
        language, source = detect_language(text), "detected"
    return Document(
        id=str(meta.get("id") or path.name.rsplit(".", 1)[0]),
        text=text,
        key=doc_key(text),
        language=str(language).lower(),
        language_source=source,
        title=_opt(meta.get("title")),
        published=_date(path, meta.get("published")),
        source=_opt(meta.get("source")),
        publisher=_opt(meta.get("publisher")),
        translated_from=_opt(meta.get("translated_from")),
        path=str(path),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _date(path: Path, value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as error:
        raise IngestError(f"{path}: 'published' must be an ISO date (YYYY-MM-DD), got {value!r}") from error


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in DETECTABLE_LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in (lingua, over the supported languages).

    >>> detect_language("De minister heeft het verdrag gisteren ondertekend.")
    'nl'
    """
    language = _detector().detect_language_of(text[:2000])
    return language.iso_code_639_1.name.lower() if language else "und"
