"""Rendering: the Jinja2 environment (autoescape on), evidence highlighting, and pages with their JSON twins.

Report text is untrusted. Highlighting never inserts text as HTML: the text is cut into segments at the evidence
spans, every segment is escaped, and only the ``<mark>`` tags around them are markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from skyledger.store.browse import MARK
from skyledger.web.svg import region_names


def wants_json(request: Request) -> bool:
    """The JSON twin of a page: the same URL ending in ``.json``, or ``?format=json``."""
    return request.url.path.endswith(".json") or request.query_params.get("format") == "json"


def highlight(text: str, spans: Sequence[tuple[int, int, str]]) -> Markup:
    """``text`` escaped, with each ``(start, end, label)`` span wrapped in ``<mark>``; overlapping spans merge.

    Spans outside the text or empty are ignored.
    """
    cleaned = sorted((s, e, label) for s, e, label in spans if 0 <= s < e <= len(text))
    merged: list[list[Any]] = []
    for start, end, label in cleaned:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(label)
        else:
            merged.append([start, end, [label]])
    out: list[str] = []
    position = 0
    for start, end, labels in merged:
        out.append(str(escape(text[position:start])))
        out.append(f'<mark data-claims="{escape(" ".join(labels))}">{escape(text[start:end])}</mark>')
        position = end
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def marked(snippet: str, open_mark: str = MARK[0], close_mark: str = MARK[1]) -> Markup:
    """A search snippet whose matches sit between the :data:`MARK` pair, as escaped HTML with ``<mark>``."""
    out: list[str] = []
    for index, piece in enumerate(snippet.split(open_mark)):
        if index == 0:
            out.append(str(escape(piece.replace(close_mark, ""))))
            continue
        inside, _, rest = piece.partition(close_mark)
        out.append(f"<mark>{escape(inside)}</mark>{escape(rest.replace(close_mark, ''))}")
    return Markup("".join(out))


def is_web_url(value: object) -> bool:
    """Only http(s) links are drawn: a report's ``javascript:`` or ``data:`` URL stays text."""
    return isinstance(value, str) and value.lower().startswith(("https://", "http://"))


def query_string(params: Mapping[str, Any], **changes: Any) -> str:
    """``params`` with ``changes`` applied, empty values dropped, as ``?a=b`` (or "")."""
    merged = {**{k: v for k, v in params.items()}, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""


def when(start: str | None, end: str | None = None) -> str:
    """A stored time window for people: ``2024-05-11 20:00 – 23:59 UTC`` (the end's date only when it differs)."""

    def short(value: str) -> str:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC)
        return moment.strftime("%Y-%m-%d %H:%M")

    if not start:
        return "time unknown"
    first = short(start)
    if not end or end == start:
        return f"{first} UTC"
    last = short(end)
    return f"{first} – {last[11:] if last[:10] == first[:10] else last} UTC"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("skyledger.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(region_name=lambda code: region_names().get(code or "", code or "national"), today=date.today)
    env.filters["highlight"] = highlight
    env.filters["marked"] = marked
    env.filters["when"] = when
    env.filters["num"] = lambda value: f"{value:,}" if isinstance(value, int) else value
    env.globals["query_string"] = query_string
    env.tests["web_url"] = is_web_url
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def page(request: Request, template: str, data: dict[str, Any], *, status_code: int = 200, **view: Any) -> Response:
    """The page's HTML, or its JSON twin (``data`` as it is). ``view`` holds what only the HTML needs."""
    if wants_json(request):
        return JSONResponse(data, status_code=status_code)
    html = render(template, request=request, data=data, **view)
    return HTMLResponse(html, status_code=status_code)
