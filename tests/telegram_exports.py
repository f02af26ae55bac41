"""Telegram Desktop exports written for tests: a governor-style channel posting numbered reports (our own texts)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_TEMPLATES = (
    "Над {district} районом силами ПВО уничтожен беспилотник ({number}). Пострадавших нет.",
    "Этой ночью над территорией области сбиты {count} БПЛА. Сообщение {number}.",
    "Повреждений и пострадавших нет, на месте работают оперативные службы. Запись {number}.",
)
_DISTRICTS = ("Дзержинским", "Людиновским", "Козельским", "Малоярославецким")


def post_text(number: int) -> str:
    template = _TEMPLATES[number % len(_TEMPLATES)]
    return template.format(district=_DISTRICTS[number % len(_DISTRICTS)], number=number, count=number % 7 + 2)


def message(number: int, text: str | list[Any] | None = None, **extra: Any) -> dict[str, Any]:
    unix = 1715472000 + number * 60
    return {
        "id": number,
        "type": "message",
        "date": "2024-05-12T00:00:00",
        "date_unixtime": str(unix),
        "from": "Тестовый канал губернатора",
        "from_id": "channel1999000111",
        "text": post_text(number) if text is None else text,
        **extra,
    }


def write_export(path: Path, posts: int, *, edits: dict[int, str] | None = None) -> Path:
    """A single-channel export of ``posts`` messages, plus one service message; ``edits`` replace some texts."""
    messages: list[dict[str, Any]] = [
        {"id": 0, "type": "service", "date": "2024-05-11T23:59:00", "action": "create_channel"}
    ]
    for number in range(1, posts + 1):
        if edits and number in edits:
            messages.append(message(number, edits[number], edited="2024-05-12T09:00:00", edited_unixtime="1715504400"))
        else:
            messages.append(message(number))
    export = {"name": "Тестовый канал губернатора", "type": "public_channel", "id": 1999000111, "messages": messages}
    path.write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
