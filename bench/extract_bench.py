"""Extraction speed: annotate 100,000 varied synthetic reports on one core and print reports per second.

    .venv/bin/python bench/extract_bench.py                 # 100,000 reports (the bar: >= 1,000 reports/s)
    .venv/bin/python bench/extract_bench.py -n 5000 --profile 25   # a smaller run under cProfile, top 25 functions

The reports are generated from phrase fragments written for this benchmark (Russian, Ukrainian and English: ministry
tallies, air-force overnight reports, governors' posts, press rewrites, background paragraphs), with varied numbers,
number words, places and weapons; one in ``--long-every`` reports is a long one (a day's live blog of 30-60
paragraphs). Generation is not timed; only ``extract_claims(report, source)`` is, one report at a time, in this
process (one core, one thread). The figure is reports per second of this process's CPU time (what one core does,
whatever else runs on the machine); wall-clock time and the load average are printed beside it.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from skyledger.extract import extract_claims
from skyledger.model import Report, Source
from skyledger.registry import load_registry

RU_REGIONS = ["Брянской области", "Курской области", "Белгородской области", "Калужской области", "Орловской области",
              "Воронежской области", "Тульской области", "Московского региона", "Смоленской области",
              "Липецкой области", "Ростовской области", "Республики Крым"]  # fmt: skip
RU_DISTRICTS = ["Почепским", "Стародубским", "Людиновским", "Козельским", "Рыльским", "Белгородским", "Лискинским",
                "Малоярославецким", "Жуковским", "Климовским", "Курчатовским", "Рамонским"]  # fmt: skip
RU_TOWNS = ["в Шебекино", "в Курчатове", "в Климово", "в Лисках", "в Рыльске", "в Клинцах", "в Новозыбкове",
            "в Грайвороне", "в Валуйках", "в Липецке"]  # fmt: skip
RU_WORDS = ["один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять", "одиннадцать",
            "двенадцать", "пятнадцать", "двадцать", "двадцать три", "тридцать", "сорок два",
            "пятьдесят семь"]  # fmt: skip
UK_REGIONS = ["Харківщиною", "Одещиною", "Київщиною", "Сумщиною", "Дніпропетровщиною", "Миколаївщиною",
              "Полтавщиною", "Черкащиною", "Запорізькою областю", "Чернігівщиною"]  # fmt: skip
UK_DISTRICTS = ["Броварському", "Ізмаїльському", "Нікопольському", "Куп'янському", "Обухівському", "Бучанському",
                "Шосткинському", "Криворізькому"]  # fmt: skip
UK_CITIES = ["Харкові", "Одесі", "Дніпрі", "Запоріжжі", "Києві", "Сумах", "Миколаєві", "Полтаві", "Кривому Розі"]
UK_WORDS = ["один", "два", "три", "чотири", "п'ять", "сім", "дев'ять", "десять", "чотирнадцять", "двадцять",
            "двадцять шість", "тридцять", "сорок два"]  # fmt: skip
EN_REGIONS = ["Bryansk", "Kursk", "Belgorod", "Kaluga", "Oryol", "Voronezh", "Tula", "Smolensk", "Lipetsk",
              "Kharkiv", "Odesa", "Sumy", "Dnipropetrovsk", "Mykolaiv", "Kyiv", "Poltava", "Chernihiv"]  # fmt: skip
EN_TOWNS = ["Shebekino", "Kurchatov", "Rylsk", "Klintsy", "Brovary", "Izmail", "Nikopol", "Kupiansk", "Kryvyi Rih",
            "Pavlohrad", "Bila Tserkva"]  # fmt: skip
EN_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "fifteen", "twenty", "twenty-one", "thirty", "forty-two", "fifty-seven"]  # fmt: skip
EN_MISSILES = ["Iskander-M ballistic missiles", "Kh-101 cruise missiles", "Kalibr cruise missiles",
               "Kinzhal missiles", "KN-23 missiles", "ATACMS missiles", "Storm Shadow missiles", "HIMARS rockets",
               "guided aerial bombs", "Neptune missiles"]  # fmt: skip
UK_MISSILES = ["балістичних ракет Іскандер-М", "крилатих ракет Х-101", "крилатих ракет «Калібр»",
               "ракет Х-47М2 «Кинджал»", "керованих авіабомб", "балістичних ракет KN-23"]  # fmt: skip
RU_MISSILES = ["оперативно-тактические ракеты ATACMS", "реактивных снаряда РСЗО HIMARS",
               "крылатые ракеты Storm Shadow", "управляемые авиабомбы «Хаммер»", "реактивных снаряда «Вампир»",
               "зенитные ракеты С-200"]  # fmt: skip
BACKGROUND = [
    "Ранее в регионе неоднократно объявлялась ракетная опасность. Жителей просят сохранять спокойствие.",
    "Евросоюз обсуждает очередной пакет санкций против поставщиков электроники.",
    "Нагадуємо: під час повітряної тривоги перебувайте в укритті. Не знімайте роботу ППО.",
    "Минулого тижня в області вже відновили понад 300 пошкоджених будинків.",
    "Ukraine does not usually comment on attacks inside Russia. Kyiv says it targets military infrastructure.",
    "The attack came a day after talks on a ceasefire stalled in Istanbul.",
    "Проверка систем оповещения пройдёт в среду с 10:00 до 10:05.",
]
DATES_RU = ["14 января", "3 марта", "20 мая", "7 июня", "19 сентября", "2 ноября"]
DATES_UK = ["14 березня", "3 квітня", "20 травня", "7 червня", "19 вересня", "2 листопада"]


def _n(rng: random.Random, low: int = 1, high: int = 160) -> int:
    return rng.randint(low, high)


def _ru_tally(rng: random.Random) -> str:
    regions = rng.sample(RU_REGIONS, rng.randint(1, 6))
    counts = [_n(rng, 1, 25) for _ in regions]
    lines = [
        f"▫️ {rng.choice([str(count), rng.choice(RU_WORDS)])} – над территорией {region},"
        for count, region in zip(counts, regions, strict=True)
    ]
    head = rng.choice(["В течение прошедшей ночи", f"С 23.00 мск {rng.choice(DATES_RU)} до 7.00 мск", "Сегодня"])
    return (
        f"🎖 **{head} дежурными средствами ПВО перехвачены и уничтожены {sum(counts)} украинских беспилотных "
        f"летательных аппаратов самолетного типа:**\n\n" + "\n".join(lines) + "\n\n🔹 Минобороны России"
    )


def _ru_governor(rng: random.Random) -> str:
    parts = [
        f"Около {rng.randint(0, 5):02d}:{rng.choice(['10', '30', '45'])} над {rng.choice(RU_DISTRICTS)} районом "
        f"силами ПВО уничтожены {rng.choice(RU_WORDS)} беспилотника.",
        rng.choice(["Пострадавших нет.", "Пострадавших и разрушений нет.", f"Ранены {_n(rng, 1, 5)} человека."]),
    ]
    if rng.random() < 0.6:
        town = rng.choice(RU_TOWNS)
        parts.append(f"{town[0].upper()}{town[1:]} обломками повреждены кровля частного дома и автомобиль.")
    if rng.random() < 0.3:
        parts.append(f"Также {rng.choice(RU_TOWNS)} атакован {rng.choice(['FPV-дрон', 'дрон-камикадзе'])}.")
    parts.append(rng.choice(BACKGROUND))
    return "\n\n".join(parts)


def _ru_mod_missiles(rng: random.Random) -> str:
    kinds = rng.sample(RU_MISSILES, rng.randint(1, 3))
    listed = ", ".join(f"{_n(rng, 1, 12)} {kind}" for kind in kinds)
    return (
        f"⚡️ Средствами противовоздушной обороны сбиты {listed} и {_n(rng, 10, 200)} беспилотных летательных "
        f"аппаратов самолетного типа над территорией {rng.choice(RU_REGIONS)}."
    )


def _uk_air_force(rng: random.Random) -> str:
    launched = _n(rng, 40, 300)
    down = rng.randint(launched // 2, launched)
    lines = [
        f"У ніч на {rng.choice(DATES_UK)} (з 18:00) противник атакував {launched} ударними БпЛА типу Shahed та "
        f"дронами-імітаторами різних типів з напрямків: Курськ, Брянськ, Міллерово.",
        f"За попередніми даними, станом на 09:00 збито/подавлено {down} ворожих БпЛА на півночі, сході та півдні "
        f"країни. {launched - down} дронів-імітаторів локаційно втрачено (без негативних наслідків).",
    ]
    if rng.random() < 0.5:
        lines.insert(1, f"Також {_n(rng, 1, 20)} {rng.choice(UK_MISSILES)}; збито {_n(rng, 0, 10)}.")
    lines.append(f"Зафіксовано влучання на {_n(rng, 1, 12)} локаціях, падіння уламків – на {_n(rng, 1, 6)}.")
    return "\n\n".join(lines)


def _uk_regional(rng: random.Random) -> str:
    parts = [
        f"Уночі сили ППО збили над {rng.choice(UK_REGIONS)} {rng.choice([str(_n(rng, 1, 40)), rng.choice(UK_WORDS)])} "
        f"ударних БпЛА.",
        f"У {rng.choice(UK_DISTRICTS)} районі уламки дрона пошкодили приватний будинок.",
        rng.choice(["Постраждалих немає.", f"Поранено {_n(rng, 1, 9)} людей.", "Загинула одна людина."]),
    ]
    if rng.random() < 0.4:
        parts.append(f"У {rng.choice(UK_CITIES)} ворог завдав удару КАБами, пошкоджено адмінбудівлю.")
    if rng.random() < 0.3:
        parts.append(rng.choice(BACKGROUND))
    return "\n\n".join(parts)


def _en_rewrite(rng: random.Random) -> str:
    total = _n(rng, 5, 120)
    first, second = rng.sample(EN_REGIONS, 2)
    return (
        f"Russia says it downed {total} Ukrainian drones overnight\n\n"
        f"Russian air defences destroyed {total} drones overnight, the Defence Ministry said, "
        f"{rng.choice(['including', 'among them'])} {_n(rng, 1, total)} over the {first} region. "
        f"The governor of the {second} region wrote on Telegram that {rng.choice(EN_WORDS)} drones had been shot "
        f"down and that debris damaged a house in {rng.choice(EN_TOWNS)}. "
        f"{rng.choice(['Nobody was hurt, he said.', 'Two people were injured.', 'No casualties were reported.'])}\n\n"
        f"{rng.choice(BACKGROUND)}"
    )


def _en_air_force(rng: random.Random) -> str:
    launched = _n(rng, 20, 400)
    missiles = rng.choice(EN_MISSILES)
    return (
        f"Russia launched {rng.choice(['', 'more than ', 'about '])}{launched} drones and {_n(rng, 1, 30)} "
        f"{missiles} at Ukraine overnight, the Ukrainian Air Force said. Air defences shot down "
        f"{rng.randint(launched // 2, launched)} drones and {rng.choice(EN_WORDS)} of the missiles, according to the "
        f"report. Hits were recorded in {rng.choice(EN_TOWNS)}, citing the regional administration."
    )


TEMPLATES: list[tuple[str, Callable[[random.Random], str]]] = [
    ("ru", _ru_tally),
    ("ru", _ru_governor),
    ("ru", _ru_mod_missiles),
    ("uk", _uk_air_force),
    ("uk", _uk_regional),
    ("en", _en_rewrite),
    ("en", _en_air_force),
]


def generate(count: int, seed: int, long_every: int) -> list[Report]:
    """``count`` synthetic reports, deterministic for a seed."""
    rng = random.Random(seed)
    base = datetime(2025, 6, 1, tzinfo=timezone(timedelta(hours=3)))
    reports = []
    for number in range(count):
        language, template = rng.choice(TEMPLATES)
        if long_every and number % long_every == long_every - 1:
            text = "\n\n".join(rng.choice(TEMPLATES)[1](rng) for _ in range(rng.randint(30, 60)))
        else:
            text = template(rng)
        published = base + timedelta(minutes=17 * number)
        reports.append(Report("bench.example", str(number), text, published=published, language=language, id=number))
    return reports


def sources_for(count: int) -> list[Source | None]:
    registry = load_registry()
    handles = ["t.me/mod_russia", "t.me/kpszsu", "t.me/vvgladkov", "t.me/synegubov", "newswire.example"]
    pool: list[Source | None] = [registry.source_for(handle) for handle in handles] + [None]
    return [pool[number % len(pool)] for number in range(count)]


def annotate(reports: list[Report], sources: list[Source | None]) -> int:
    claims = 0
    for report, source in zip(reports, sources, strict=True):
        claims += len(extract_claims(report, source))
    return claims


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--reports", type=int, default=100_000, help="how many reports (default 100,000)")
    parser.add_argument("--seed", type=int, default=20250604)
    parser.add_argument("--long-every", type=int, default=500, help="one long report in every N (0: none)")
    parser.add_argument("--profile", type=int, default=0, metavar="TOP", help="run under cProfile, print TOP rows")
    args = parser.parse_args(argv)

    reports = generate(args.reports, args.seed, args.long_every)
    sources = sources_for(len(reports))
    characters = sum(len(report.text) for report in reports)
    annotate(reports[:50], sources[:50])  # load lexicons and the gazetteer before the clock starts
    profiler = cProfile.Profile() if args.profile else None
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    start, cpu_start = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    claims = annotate(reports, sources)
    if profiler:
        profiler.disable()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(
        f"{len(reports):,} reports ({characters / 1e6:.1f} M characters), {claims:,} claims; one process, one thread\n"
        f"  CPU time  {cpu:7.1f} s: {len(reports) / cpu:8,.0f} reports/s   <- the figure (bar: >= 1,000 reports/s)\n"
        f"  wall time {seconds:7.1f} s: {len(reports) / seconds:8,.0f} reports/s   (load average {load:.2f})"
    )
    if profiler:
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main(sys.argv[1:])
