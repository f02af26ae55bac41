"""Server-rendered SVG: the choropleth map of regions and the timeline charts. No JavaScript, no tiles.

Every piece of text that goes into the SVG is escaped here; colours are CSS classes (the CSP forbids inline styles).
The map's path data is pre-projected by ``scripts/build_map.py`` from Natural Earth boundaries (``data/map.json``).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any

from markupsafe import Markup

BUCKETS = 5
PALETTE = 8
LABELS = 12  # counts written on the map: the largest ones only, so that they never pile up


@lru_cache(maxsize=1)
def map_data() -> dict[str, Any]:
    """The bundled, pre-projected boundaries."""
    text = resources.files("skyledger.web").joinpath("data/map.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def region_names() -> dict[str, str]:
    return {region["code"]: region["name"] for region in map_data()["regions"]}


def _bucket(count: int, top: int) -> int:
    """0 for no events, else 1..BUCKETS on a log scale up to the largest count."""
    if count <= 0 or top <= 0:
        return 0
    if top == 1:
        return BUCKETS
    return 1 + min(BUCKETS - 1, int(math.log(count) / math.log(top) * (BUCKETS - 1) + 0.5))


def _intersects(box: Sequence[int], view: Sequence[int]) -> bool:
    x, y, w, h = view
    return not (box[2] < x or box[0] > x + w or box[3] < y or box[1] > y + h)


def choose_view(counts: Mapping[str, int]) -> str:
    """``west`` (Belarus, Ukraine, European Russia) unless a region with events lies outside it, then ``all``."""
    data = map_data()
    west = data["views"]["west"]
    for region in data["regions"]:
        if counts.get(region["code"]) and not _intersects(region["bbox"], west):
            return "all"
    return "west"


def choropleth(counts: Mapping[str, int], link: Callable[[str], str], *, view: str | None = None) -> Markup:
    """The regions map: each region filled by its event count and linked to ``link(code)``."""
    data = map_data()
    view = view if view in data["views"] else choose_view(counts)
    box = data["views"][view]
    top = max(counts.values(), default=0)
    coarse = view == "all"  # the whole area is drawn small: coarser paths, in units of data["coarse"]
    shape = "coarse" if coarse else "d"
    parts = [
        f'<svg class="map map-{view}" viewBox="{" ".join(str(v) for v in box)}" role="img" '
        'aria-labelledby="map-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="map-title">Events per region</title>',
        '<rect class="sea" x="{}" y="{}" width="{}" height="{}"/>'.format(*box),
        f'<g transform="scale({data["coarse"]})">' if coarse else "<g>",
    ]
    for neighbour in data["neighbours"]:
        if _intersects(neighbour["bbox"], box):
            parts.append(
                f'<path class="neighbour" d="{neighbour[shape]}"><title>{escape(neighbour["name"])}</title></path>'
            )
    labelled = {code for code, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:LABELS]}
    labels = []
    for region in data["regions"]:
        if not _intersects(region["bbox"], box):
            continue
        code, count = region["code"], counts.get(region["code"], 0)
        title = f"{region['name']} ({code}): {count} event{'' if count == 1 else 's'}"
        parts.append(
            f'<a href="{escape(link(code))}" id="region-{escape(code)}" aria-label="{escape(title)}">'
            f'<path class="region c{_bucket(count, top)}" d="{region[shape]}"><title>{escape(title)}</title></path></a>'
        )
        if code in labelled and count:
            x, y = region["label"]
            labels.append(f'<text class="count" x="{x}" y="{y}">{count}</text>')
    parts.append("</g>")
    parts.extend(labels)
    parts.append("</svg>")
    return Markup("".join(parts))


def map_legend(counts: Mapping[str, int]) -> list[dict[str, Any]]:
    """The legend's buckets: class and the range of counts each stands for."""
    top = max(counts.values(), default=0)
    seen: dict[int, list[int]] = defaultdict(list)
    for count in range(1, top + 1):
        seen[_bucket(count, top)].append(count)
    legend = [{"cls": "c0", "label": "none"}]
    for bucket in sorted(seen):
        low, high = seen[bucket][0], seen[bucket][-1]
        legend.append({"cls": f"c{bucket}", "label": str(low) if low == high else f"{low}–{high}"})
    return legend


def period_range(first: str, last: str, step_days: int) -> list[str]:
    """Every period from ``first`` to ``last`` (ISO dates), gaps included."""
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(start + timedelta(days=i)).isoformat() for i in range(0, (end - start).days + 1, step_days)]


def _nice(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    magnitude = 10 ** int(math.log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * magnitude:
            return int(factor * magnitude)
    return value


def stacked_bars(
    rows: Sequence[Mapping[str, Any]], *, action: str, keys: Sequence[str], title: str, periods: Sequence[str]
) -> Markup:
    """One panel: per period, the figures of ``action`` stacked by key (``rows`` are tally rows)."""
    values: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        if row["action"] == action:
            values[row["period"]][str(row["key"])] = int(row["figure"])
    width, height, left, bottom, top_pad = 720, 200, 44, 24, 10
    plot_w, plot_h = width - left - 8, height - bottom - top_pad
    top = _nice(max((sum(v.values()) for v in values.values()), default=0))
    slot = plot_w / max(len(periods), 1)
    bar = max(slot * 0.8, 1.0)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in (0, top // 2, top):
        y = top_pad + plot_h - plot_h * tick / top
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    label_every = max(1, math.ceil(len(periods) / 8))
    for index, period in enumerate(periods):
        x = left + index * slot + (slot - bar) / 2
        y = top_pad + plot_h
        for position, key in enumerate(keys):
            value = values.get(period, {}).get(key, 0)
            if value <= 0:
                continue
            h = plot_h * value / top
            y -= h
            parts.append(
                f'<rect class="p{position % PALETTE}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                f"<title>{escape(f'{period} · {key} · {action}: {value}')}</title></rect>"
            )
        if index % label_every == 0:
            parts.append(
                f'<text class="tick" x="{left + index * slot + slot / 2:.1f}" y="{height - 6}" '
                f'text-anchor="middle">{escape(period[5:])}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def timeline(rows: Sequence[Mapping[str, Any]], *, grouping: str, period: str = "day") -> dict[str, Any]:
    """Panels for launched and intercepted (tally rows grouped by ``grouping``), with their legend."""
    periods = sorted({str(row["period"]) for row in rows})
    if periods:
        periods = period_range(periods[0], periods[-1], 7 if period == "week" else 1)
    keys = sorted({str(row["key"]) for row in rows if row["action"] in ("launched", "intercepted")})
    panels = [
        {
            "action": action,
            "svg": stacked_bars(
                rows, action=action, keys=keys, title=f"Claimed {action} per {period} by {grouping}", periods=periods
            ),
        }
        for action in ("launched", "intercepted")
    ]
    legend = [{"cls": f"p{i % PALETTE}", "label": key} for i, key in enumerate(keys)]
    return {"grouping": grouping, "panels": panels, "legend": legend, "empty": not rows}
