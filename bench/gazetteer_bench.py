"""Speed of ``Gazetteer.find_places`` on generated report-like texts (one core).

    python bench/gazetteer_bench.py [--texts 20000] [--seed 7]

Texts are our own, built from sentence templates in Russian, Ukrainian and English filled with random regions,
districts and settlements of the bundled gazetteer in several case forms, plus place-free filler. Prints the load
time, texts per second, mentions per second and characters per second. The extractor's bar is 1,000 reports per
second overall, so the gazetteer should stay well above that.
"""

from __future__ import annotations

import argparse
import random
import time

from skyledger.gazetteer import load_gazetteer

_TEMPLATES = (
    "Сегодня ночью над территорией {region_ru} дежурными средствами ПВО уничтожены {n} беспилотника.",
    "По предварительной информации, обломки упали в {settlement_ru}, пострадавших нет.",
    "Над {district_ru} районом и над {settlement_ru} сбиты ракеты, сообщил губернатор.",
    "Вночі ворог атакував {region_uk} ударними БпЛА, збито {n}, уламки впали у {settlement_uk}.",
    "Air defences destroyed {n} drones over the {region_en} region overnight, the governor said on Telegram.",
    "Debris fell near the village of {settlement_en} in the {district_en} district; nobody was hurt.",
    "Работы экстренных служб продолжаются, информация о последствиях уточняется.",
    "Повітряні сили закликають не ігнорувати сигнали тривоги та перебувати в укриттях.",
    "The ministry did not say where the drones had been launched from or what they had targeted.",
)
_RU_REGION_FORMS = ("ой области", "ую область", "ой областью")
_RU_DISTRICT_END = ("им", "ом")


def _ru_region(name: str, rng: random.Random) -> str:
    if name.endswith("ая область"):
        return name[: -len("ая область")] + rng.choice(_RU_REGION_FORMS)
    return name


def _uk_locative(name: str) -> str:
    return name[:-1] + "і" if name.endswith("а") else name


def make_texts(count: int, seed: int) -> list[str]:
    gazetteer = load_gazetteer()
    rng = random.Random(seed)
    regions = [r for c in ("RU", "UA") for r in gazetteer.regions(c) if r.name_ru.endswith("ая область")]
    districts = [d for d in gazetteer.lexicon.districts if d.name_ru.endswith("ский район")]
    settlements = [gazetteer.lexicon.settlements[n] for n in range(0, len(gazetteer.lexicon.settlements), 7)]
    big = [s for s in settlements if s.rank >= 10_000]
    texts = []
    for _ in range(count):
        parts = []
        for template in rng.sample(_TEMPLATES, 4):
            region, district, place = rng.choice(regions), rng.choice(districts), rng.choice(big)
            parts.append(
                template.format(
                    n=rng.randint(1, 40),
                    region_ru=_ru_region(region.name_ru, rng),
                    region_uk=region.name_uk,
                    region_en=region.name_en.replace(" Oblast", ""),
                    district_ru=district.name_ru[: -len("ский район")] + "ск" + rng.choice(_RU_DISTRICT_END),
                    district_en=district.name,
                    settlement_ru=place.name,
                    settlement_uk=_uk_locative(place.name),
                    settlement_en=place.name,
                )
            )
        texts.append(" ".join(parts))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.process_time()
    gazetteer = load_gazetteer()
    loaded = time.process_time() - started
    texts = make_texts(args.texts, args.seed)
    started = time.process_time()
    mentions = sum(len(gazetteer.find_places(text)) for text in texts)
    seconds = time.process_time() - started
    chars = sum(len(text) for text in texts)
    print(f"load: {loaded:.3f} s CPU")
    print(f"{len(texts):,} texts, {chars:,} chars, {mentions:,} mentions in {seconds:.2f} s CPU")
    print(f"{len(texts) / seconds:,.0f} texts/s, {mentions / seconds:,.0f} mentions/s, {chars / seconds:,.0f} chars/s")


if __name__ == "__main__":
    main()
