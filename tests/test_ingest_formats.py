"""Ingest: every source format, metadata from front matter and sidecars, detection, and bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from graph_builder.errors import IngestError
from graph_builder.ingest import read_file, read_sources
from graph_builder.iris import doc_key

ARTICLE = "<html><head><title>Menu</title></head><body><nav>Home | News | Contact</nav><article><h1>Spain signs</h1><p>{}</p><p>{}</p></article><footer>© Example News 2025 · Privacy</footer></body></html>"
PARAGRAPH = "Spain signed the United Nations Convention against Cybercrime in Hanoi on 25 October 2025, the foreign ministry said in a statement issued in Madrid on Saturday evening."


def test_ingest_text_with_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\nid: doc-a\ntitle: T\npublished: 2025-10-25\nlanguage: en\nsource: https://example.org/a\npublisher: P\n---\nFrance signed.\n", encoding="utf-8")
    [doc] = read_file(path)
    assert (doc.id, doc.language, doc.language_source, doc.published, doc.publisher) == ("doc-a", "en", "given", dt.date(2025, 10, 25), "P")
    assert doc.text == "France signed.\n" and doc.key == doc_key(doc.text)


def test_ingest_sidecar_metadata_and_default_id(tmp_path: Path) -> None:
    (tmp_path / "0042.txt").write_text("De minister heeft het verdrag gisteren ondertekend.", encoding="utf-8")
    (tmp_path / "0042.meta.yaml").write_text("published: 2025-10-26\ntranslated_from: vi\n", encoding="utf-8")
    [doc] = read_sources([tmp_path]).documents
    assert doc.id == "0042" and doc.translated_from == "vi" and doc.published == dt.date(2025, 10, 26)
    assert (doc.language, doc.language_source) == ("nl", "detected")


def test_ingest_text_is_nfc_with_unix_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_bytes("Ha\u0300 No\u0323\u0302i\r\nTo\u0302 La\u0302m".encode("utf-8"))
    [doc] = read_file(path)
    assert doc.text == "Hà Nội\nTô Lâm"


def test_ingest_html_keeps_the_article_and_drops_the_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE.format(PARAGRAPH, PARAGRAPH.replace("Spain", "Portugal")), encoding="utf-8")
    [doc] = read_file(path)
    assert "Spain signed the United Nations Convention" in doc.text
    assert "Privacy" not in doc.text and "Contact" not in doc.text


def test_ingest_jsonl_one_document_per_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [{"id": "x1", "language": "en", "text": "France signed."}, {"language": "fr", "text": "La France a signé."}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    docs = [d for d in read_file(path) if not isinstance(d, IngestError)]
    assert [d.id for d in docs] == ["x1", "batch-2"] and docs[1].language == "fr"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.txt", b"La France a sign\xe9 la Convention.", "not valid UTF-8"),
        ("meta.txt", b"---\nlanguage: [en\n---\ntext", "malformed YAML"),
        ("open.txt", b"---\nlanguage: en\ntext without end", "never closed"),
        ("date.txt", b"---\npublished: 25/10/2025\n---\ntext", "ISO date"),
        ("key.txt", b"---\nauthor: someone\n---\ntext", "unknown metadata key"),
        ("empty.txt", b"   \n", "empty"),
        ("lines.jsonl", b'{"text": "ok"}\n{not json}\n', "not valid JSON"),
    ],
)
def test_ingest_bad_input_is_named_in_one_line(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("---\nlanguage: en\n---\nFrance signed.", encoding="utf-8")
    result = read_sources([tmp_path])
    kept = ["good", "lines-1"] if name.endswith(".jsonl") else ["good"]  # a bad line costs only itself
    assert sorted(d.id for d in result.documents) == kept
    [error] = result.errors
    assert isinstance(error, IngestError) and name in str(error) and expected in str(error) and "\n" not in str(error)


def test_ingest_missing_source_raises(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_sources([tmp_path / "nowhere"])


def test_ingest_discover_lists_source_files_in_path_order(tmp_path: Path) -> None:
    """Folders are searched recursively; paths sort part by part ("a/b" before "a-b/c"); hidden
    files, other suffixes and folders reached through a symbolic link are left out; a file given
    by name is taken as it is."""
    from graph_builder.ingest import discover

    for name in ("a/b.txt", "a-b/c.txt", "a/z/d.md", "a/.hidden.txt", "a/notes.pdf", "top.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "a", target_is_directory=True)
    single = tmp_path / "a-b" / "c.txt"
    found = discover([tmp_path, single])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a/b.txt", "a/z/d.md", "a-b/c.txt", "top.html"]
    assert found == sorted(found)
