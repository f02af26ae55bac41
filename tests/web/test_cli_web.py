"""``skyledger token`` and ``skyledger serve`` through the real entry point: tokens shown once, stored hashed."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from skyledger.cli import main
from skyledger.store import open_store
from skyledger.store.schema import tokens
from skyledger.store.tokens import check_token


def invoke(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["skyledger", *args])
    capsys.readouterr()
    try:
        main()
        code = 0
    except SystemExit as exited:
        code = int(exited.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_token_is_printed_once_and_stored_as_its_hash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "ledger.db")
    code, out, err = invoke(capsys, monkeypatch, "token", "create", "newsroom", "--db", db)
    assert code == 0 and "cannot be shown again" in err
    token = out.strip()
    assert len(token) >= 40 and "\n" not in token
    store = open_store(f"sqlite:///{db}")
    with store.connect() as connection:
        stored = connection.execute(select(tokens.c.token_hash)).scalars().all()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]
    assert check_token(store, token) == "newsroom"
    assert check_token(store, token + "x") is None
    store.close()
    code, out, _ = invoke(capsys, monkeypatch, "token", "revoke", "newsroom", "--db", db)
    assert code == 0 and "revoked 1 token" in out
    store = open_store(f"sqlite:///{db}")
    assert check_token(store, token) is None
    store.close()


def test_revoking_an_unknown_token_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = invoke(capsys, monkeypatch, "token", "revoke", "nobody", "--db", str(tmp_path / "l.db"))
    assert code == 1 and err.strip() == "error: no live token named 'nobody'"


def test_serve_hands_the_store_to_the_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr("skyledger.web.server.serve", lambda *args: calls.append(args))
    db = tmp_path / "ledger.db"
    code, out, _ = invoke(capsys, monkeypatch, "serve", "--db", str(db), "--port", "8123", "--read-only")
    assert code == 0 and "http://127.0.0.1:8123 (read-only)" in out
    assert calls == [(f"sqlite:///{db}", "127.0.0.1", 8123, True)]


def test_serve_refuses_a_bad_database_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = invoke(capsys, monkeypatch, "serve", "--db", "nosuchdriver://x")
    assert code == 1 and err.startswith("error: ") and len(err.strip().splitlines()) == 1
