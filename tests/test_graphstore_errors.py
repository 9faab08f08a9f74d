"""graph_builder.graphstore without a server: refused connections, credentials, the CLI's help."""

from __future__ import annotations

import base64
import socket
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from graph_builder.cli import main
from graph_builder.errors import EndpointError
from graph_builder.graphstore import Transfer, credentials, pull, push


def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def authorization(url: str = "http://store.example.org/store") -> str | None:
    auth = credentials()
    if auth is None:
        return None
    request = next(auth.sync_auth_flow(httpx.Request("PUT", url)))
    return request.headers.get("Authorization")


def test_graphstore_refused_connection_is_an_endpoint_error_naming_the_url(seed_build) -> None:
    build, _ = seed_build
    url = f"http://127.0.0.1:{closed_port()}/store"
    with pytest.raises(EndpointError) as caught:
        push(build, url)
    message = str(caught.value)
    assert url in message and "cannot connect" in message
    assert "\n" not in message


def test_graphstore_refused_connection_on_pull_leaves_the_build_alone(seed_build, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/store"
    with pytest.raises(EndpointError, match="cannot connect"):
        pull(url, tmp_path / "build")
    assert not (tmp_path / "build" / "store").exists()
    assert not (tmp_path / "build" / ".store.pull").exists()


def test_graphstore_credentials_in_the_url_are_refused(seed_build) -> None:
    build, _ = seed_build
    with pytest.raises(EndpointError, match="credentials in the URL are refused") as caught:
        push(build, "http://alice:secret@127.0.0.1:1/store")
    assert "secret" not in str(caught.value)


def test_graphstore_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CDKG_USER", "alice")
    monkeypatch.setenv("CDKG_PASSWORD", "s3cret")
    assert authorization() == "Basic " + base64.b64encode(b"alice:s3cret").decode()


def test_graphstore_credentials_from_netrc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine store.example.org login bob password hunter2\n")
    netrc.chmod(0o600)
    monkeypatch.delenv("CDKG_USER", raising=False)
    monkeypatch.delenv("CDKG_PASSWORD", raising=False)
    monkeypatch.setenv("NETRC", str(netrc))
    assert authorization() == "Basic " + base64.b64encode(b"bob:hunter2").decode()
    assert authorization("http://elsewhere.example.org/store") is None


def test_graphstore_no_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CDKG_USER", raising=False)
    monkeypatch.delenv("CDKG_PASSWORD", raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "absent"))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert credentials() is None


def test_graphstore_transfer_record_checks_its_direction() -> None:
    with pytest.raises(ValueError):
        Transfer("sideways", "http://h/store", (), 0.0)


def test_graphstore_push_without_a_build_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["push", "--graph-store", "http://127.0.0.1:1/store", "--build", str(tmp_path)])
    assert result.exit_code == 2
    assert "run 'cdkg build' first" in result.output


@pytest.mark.parametrize("command", ["push", "pull", "reason", "export"])
def test_graphstore_cli_commands_have_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "--build" in result.output
    if command in ("push", "pull"):
        assert "--graph-store" in result.output and "CDKG_USER" in result.output
