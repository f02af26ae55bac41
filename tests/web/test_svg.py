"""The server-rendered SVG: the choropleth and the timeline; and the bundled map against ../shared/geo."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from skyledger.web import svg

ROOT = Path(__file__).resolve().parents[2]


def test_choropleth_links_each_region_and_shades_by_count() -> None:
    html = str(svg.choropleth({"RU-KLU": 9, "UA-30": 1}, lambda code: f"/events?region={code}"))
    assert 'href="/events?region=RU-KLU"' in html and 'id="region-RU-KLU"' in html
    kaluga = re.search(r'id="region-RU-KLU"[^>]*><path class="region (c\d)"', html)
    kyiv = re.search(r'id="region-UA-30"[^>]*><path class="region (c\d)"', html)
    moscow = re.search(r'id="region-RU-MOW"[^>]*><path class="region (c\d)"', html)
    assert kaluga and kyiv and moscow
    assert (kaluga.group(1), kyiv.group(1), moscow.group(1)) == ("c5", "c1", "c0")
    assert "Kaluga Oblast (RU-KLU): 9 events" in html
    assert "style=" not in html and "<script" not in html


def test_view_widens_only_for_far_regions() -> None:
    assert svg.choose_view({"RU-KLU": 3, "UA-30": 1}) == "west"
    assert svg.choose_view({"RU-KLU": 3, "RU-KAM": 1}) == "all"
    assert 'class="map map-all"' in str(svg.choropleth({"RU-KAM": 1}, lambda code: "/"))


def test_links_and_titles_are_escaped() -> None:
    html = str(svg.choropleth({}, lambda code: f'/events?region={code}&x="><script>'))
    assert "<script>" not in html
    assert 'href="/events?region=RU-KLU&amp;x=&quot;&gt;&lt;script&gt;"' in html


def test_legend_covers_every_count() -> None:
    legend = svg.map_legend({"A": 1, "B": 40})
    assert legend[0] == {"cls": "c0", "label": "none"} and legend[-1]["label"].endswith("40")


def test_timeline_stacks_keys_per_day_with_gaps_filled() -> None:
    rows = [
        {"period": "2024-05-01", "action": "launched", "key": "uav", "figure": 30, "claims": 2},
        {"period": "2024-05-01", "action": "launched", "key": "cruise_missile", "figure": 5, "claims": 1},
        {"period": "2024-05-03", "action": "intercepted", "key": "uav", "figure": 20, "claims": 3},
    ]
    chart = svg.timeline(rows, grouping="weapon class")
    launched, intercepted = (str(panel["svg"]) for panel in chart["panels"])
    assert launched.count("<rect class=") == 2 and intercepted.count("<rect class=") == 1
    assert "2024-05-01 · uav · launched: 30" in launched
    assert ">05-02<" in launched  # the empty day keeps its place
    assert [item["label"] for item in chart["legend"]] == ["cruise_missile", "uav"]
    assert svg.timeline([], grouping="side")["empty"] is True


def test_bundled_map_is_what_the_script_derives_from_shared_geo(shared_dir: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_map", ROOT / "scripts" / "build_map.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    derived = module.build(shared_dir / "geo")
    assert derived == svg.map_data()
    assert len(derived["regions"]) == 117
    assert {"RU-MOW", "RU-MOS", "UA-43", "UA-40", "BY-HM"} <= {r["code"] for r in derived["regions"]}


def test_map_readme_credits_natural_earth() -> None:
    readme = (ROOT / "src" / "skyledger" / "web" / "data" / "README.md").read_text(encoding="utf-8")
    assert "Natural Earth" in readme and "public domain" in readme
    assert json.loads((ROOT / "src" / "skyledger" / "web" / "data" / "map.json").read_text(encoding="utf-8"))["about"]
