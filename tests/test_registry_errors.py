"""registry: a broken registry file raises RegistryError naming the file and the entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph_builder.errors import RegistryError
from graph_builder.registry import default_reference_dir, load_registry

ENTRY = "\ntest-entry:\n  type: InternationalOrganization\n  label: Test Organisation\n  source: test\n"
# (file, text to replace or None to append, replacement or appended text, words the error must contain)
BREAKAGES = [
    ("organisations.yaml", None, ENTRY + "  colour: blue\n", ["test-entry", "unknown field", "colour"]),
    ("organisations.yaml", None, ENTRY.replace("  label: Test Organisation\n", ""), ["test-entry", "missing", "label"]),
    ("organisations.yaml", None, ENTRY + ENTRY, ["duplicate key", "test-entry"]),
    ("organisations.yaml", None, ENTRY + "  parent: org/no-such-org\n", ["test-entry", "parent", "not in the registry"]),
    ("organisations.yaml", None, ENTRY.replace("InternationalOrganization", "Club"), ["test-entry", "type"]),
    ("organisations.yaml", None, "\n  - [unbalanced\n", ["not valid YAML"]),
    ("bodies.yaml", None, "\ntest-body: {state: ZZZ, label: Test Body, source: test}\n", ["test-body", "state", "not in the registry"]),
    ("treaties.yaml", None, "\ntest-treaty: {type: Treaty, label: Test Treaty, source: test, threshold: forty}\n", ["test-treaty", "threshold"]),
    ("treaties.yaml", None, "\ntest-treaty: {type: Treaty, label: Test Treaty, source: test, adopted: 2025-13-01}\n", ["test-treaty", "not a date"]),
    ("treaties.yaml", None, "\ntest-process: {type: Process, label: Test Process, source: test, threshold: 3}\n", ["test-process", "threshold"]),
    ("persons.yaml", None, "\ntest-person:\n  label: Someone Else\n", ["test-person", "slug"]),
    ("persons.yaml", None, "\ntest-person:\n  label: Test Person\n  posts:\n    - {role: chair, organization: org/no-such-org, source: test}\n", ["test-person, post 1", "not in the registry"]),
    ("persons.yaml", None, "\ntest-person:\n  label: Test Person\n  posts:\n    - {role: chair, organization: org/un, start: 2025-02-30, source: test}\n", ["test-person, post 1", "not a date"]),
    ("persons.yaml", None, "\ntest-person:\n  label: Test Person\n  posts:\n    - {role: emperor, organization: org/un, source: test}\n", ["test-person, post 1", "emperor"]),
    ("state_variants.yaml", None, "\nXYZ: {demonyms: {en: [Testian]}}\n", ["XYZ"]),
    ("states.tsv", "VN\tVNM", "VX\tVNM", ["VNM", "ISO 3166-1"]),
    ("un_members.tsv", "VNM\tmember", "VNM\tfriend", ["VNM", "status"]),
]


@pytest.fixture()
def reference(tmp_path: Path) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(default_reference_dir(), folder)
    return folder


@pytest.mark.parametrize(("name", "old", "new", "words"), BREAKAGES, ids=[f"{b[0]}:{b[3][-1]}" for b in BREAKAGES])
def test_registry_errors_name_the_file_and_entry(reference: Path, name: str, old: str | None, new: str, words: list[str]) -> None:
    file = reference / name
    text = file.read_text(encoding="utf-8")
    if old is None:
        text += new
    else:
        assert old in text
        text = text.replace(old, new, 1)
    file.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as raised:
        load_registry(reference)
    message = str(raised.value)
    assert name in message
    for word in words:
        assert word in message


def test_registry_errors_missing_folder_or_file(reference: Path) -> None:
    (reference / "roles.yaml").unlink()
    with pytest.raises(RegistryError, match="roles.yaml"):
        load_registry(reference)
    with pytest.raises(RegistryError, match="not a folder"):
        load_registry(reference / "nowhere")


def test_registry_errors_a_copy_loads_like_the_original(reference: Path) -> None:
    assert len(load_registry(reference).entities) == len(load_registry().entities)
