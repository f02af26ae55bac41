"""API tokens: created once and shown once; only their SHA-256 hash is stored; checked in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import insert, select, update

from skyledger.errors import NotFoundError, UsageError
from skyledger.store.core import Store
from skyledger.store.schema import tokens
from skyledger.store.times import utc_now


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str) -> str:
    """A new token named ``name``; the caller shows it once, the store keeps only its hash."""
    name = name.strip()
    if not name:
        raise UsageError("a token needs a name")
    token = secrets.token_urlsafe(32)
    with store.begin() as connection:
        connection.execute(insert(tokens).values(name=name, token_hash=token_hash(token), created_at=utc_now()))
    return token


def revoke_token(store: Store, name: str) -> int:
    """Revoke every live token named ``name``; how many were revoked."""
    with store.begin() as connection:
        result = connection.execute(
            update(tokens).where(tokens.c.name == name, tokens.c.revoked_at.is_(None)).values(revoked_at=utc_now())
        )
    if not result.rowcount:
        raise NotFoundError(f"no live token named {name!r}")
    return int(result.rowcount)


def list_tokens(store: Store) -> list[dict[str, str | None]]:
    """Names and dates of the tokens (never the tokens, which are not stored)."""
    query = select(tokens.c.name, tokens.c.created_at, tokens.c.revoked_at).order_by(tokens.c.id)
    with store.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def check_token(store: Store, token: str) -> str | None:
    """The name of the live token ``token`` is, or None. Every stored hash is compared, in constant time each."""
    presented = token_hash(token)
    query = select(tokens.c.name, tokens.c.token_hash).where(tokens.c.revoked_at.is_(None))
    with store.connect() as connection:
        rows = connection.execute(query).all()
    found = None
    for name, stored in rows:
        if hmac.compare_digest(presented.encode("ascii"), str(stored).encode("ascii")):
            found = name
    return found
