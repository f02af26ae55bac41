"""Linking claims into events: one event per attack wave over one region; stable ids; merges recorded."""

from __future__ import annotations

import random

from resolve.builders import KYIV, at, claim, report
from skyledger.model import Action, TimePrecision, TimeWindow, WeaponClass
from skyledger.resolve import link_events
from skyledger.resolve.waves import wave_at, wave_label, wave_number, zone_for


def _night_of_march_10() -> tuple[list, list]:
    reports = [
        report(1, "t.me/gov_kaluga", "Над Жуковским районом уничтожены три беспилотника.", at(10, 0, 52)),
        report(2, "t.me/gov_kaluga", "Ещё два беспилотника сбиты над Людиновским районом.", at(10, 3, 40)),
        report(3, "t.me/mod_ru", "Сводка за ночь: 10 над Брянской, 5 над Калужской областью, всего 15.", at(10, 7, 5)),
        report(4, "t.me/gov_bryansk", "ПВО сбила 11 БПЛА над областью.", at(10, 8, 15)),
        report(5, "news.example", "Kaluga governor says five drones downed overnight.", at(10, 16, 30), "en"),
    ]
    claims = [
        claim(1, 3, region="RU-KLU", claimant="regional_authority:RU-KLU", district="Zhukovsky"),
        claim(2, 2, region="RU-KLU", claimant="regional_authority:RU-KLU", district="Lyudinovsky"),
        claim(3, 10, region="RU-BRY"),
        claim(3, 5, region="RU-KLU"),
        claim(3, 15, region=None),
        claim(4, 11, region="RU-BRY", claimant="regional_authority:RU-BRY"),
        claim(5, 2, region="RU-KLU", claimant="regional_authority:RU-KLU", district="Lyudinovsky"),
    ]
    return reports, claims


def test_one_event_per_region_and_wave_with_the_national_total_apart() -> None:
    reports, claims = _night_of_march_10()
    labels = link_events(claims, reports).labels
    kaluga = {labels[i] for i in (0, 1, 3, 6)}
    assert len(kaluga) == 1
    assert labels[2] == labels[5] != labels[0]
    assert labels[4] not in {labels[0], labels[2]}
    assert len(set(labels)) == 3


def test_different_nights_are_different_events() -> None:
    reports = [
        report(1, "t.me/gov_kursk", "Ночью сбиты 4 беспилотника.", at(10, 6)),
        report(2, "t.me/gov_kursk", "Ночью сбиты 6 беспилотников.", at(11, 6)),
    ]
    claims = [claim(1, 4, region="RU-KRS"), claim(2, 6, region="RU-KRS")]
    labels = link_events(claims, reports).labels
    assert labels[0] != labels[1]


def test_own_time_windows_keep_a_night_and_a_daytime_attack_apart() -> None:
    reports = [
        report(1, "t.me/mod_ru", "С 23.00 до 5.00 над Белгородской областью сбиты 7 БПЛА.", at(10, 6)),
        report(2, "t.me/mod_ru", "С 13.00 до 15.00 над Белгородской областью сбиты 3 БПЛА.", at(10, 15, 30)),
    ]
    claims = [
        claim(1, 7, region="RU-BEL", window=(at(9, 23), at(10, 5))),
        claim(2, 3, region="RU-BEL", window=(at(10, 13), at(10, 15))),
    ]
    resolution = link_events(claims, reports)
    assert resolution.labels[0] != resolution.labels[1]
    assert {event.wave for event in resolution.events.values()} == {"2025-03-10N", "2025-03-10D"}


def test_sides_national_totals_of_one_night_are_separate_events() -> None:
    reports = [
        report(1, "t.me/mod_ru", "За ночь уничтожены 40 украинских БПЛА.", at(10, 7)),
        report(2, "t.me/air_force_ua", "Збито 60 із 85 ударних БпЛА.", at(10, 9, zone=KYIV), "uk"),
    ]
    claims = [
        claim(1, 40, region=None, country=None),
        claim(2, 60, region=None, country="UA", claimant="armed_forces:UA"),
        claim(2, 85, region=None, country="UA", claimant="armed_forces:UA", action=Action.LAUNCHED),
    ]
    labels = link_events(claims, reports).labels
    assert labels[0] != labels[1] == labels[2]


def test_the_same_input_in_any_order_gives_the_same_ids() -> None:
    reports, claims = _night_of_march_10()
    first = link_events(claims, reports).labels
    order = list(range(len(claims)))
    random.Random(7).shuffle(order)
    shuffled = link_events([claims[i] for i in order], list(reversed(reports))).labels
    assert [shuffled[order.index(i)] for i in range(len(claims))] == first


def test_existing_events_keep_their_ids_and_new_ones_continue_the_count() -> None:
    reports, claims = _night_of_march_10()
    for number, item in enumerate(claims, 1):
        item.id = number
    first = link_events(claims[:4], reports)
    events = list(first.events.values())
    for item, label in zip(claims[:4], first.labels, strict=True):
        item.event = label
    later = link_events(claims[4:], reports, events, existing_claims=claims[:4], next_number=first.next_number)
    assert later.labels[1] == first.labels[2]  # Bryansk governor joins the Bryansk event
    assert later.labels[2] == first.labels[0]  # the evening rewrite joins the Kaluga event
    assert later.added == [later.labels[0]] and later.labels[0] not in first.labels
    assert set(later.changed) == {first.labels[0], first.labels[2]}
    assert not later.merged


def test_a_claim_bridging_two_waves_merges_them_and_the_older_id_survives() -> None:
    reports = [
        report(1, "t.me/gov_belgorod", "В 17.20 сбиты два беспилотника.", at(10, 17, 30)),
        report(2, "t.me/gov_belgorod", "В 18.40 сбит ещё один беспилотник.", at(10, 18, 50)),
        report(3, "t.me/mod_ru", "С 17.00 до 19.00 над Белгородской областью сбиты 3 БПЛА.", at(10, 19, 20)),
    ]
    claims = [
        claim(1, 2, region="RU-BEL", window=(at(10, 17, 20), at(10, 17, 20)), claim_id=1),
        claim(2, 1, region="RU-BEL", window=(at(10, 18, 40), at(10, 18, 40)), claim_id=2),
    ]
    first = link_events(claims, reports[:2])
    assert first.labels[0] != first.labels[1]
    for item, label in zip(claims, first.labels, strict=True):
        item.event = label
    bridge = claim(3, 3, region="RU-BEL", window=(at(10, 17), at(10, 19)), claim_id=3)
    later = link_events(
        [bridge], reports, list(first.events.values()), existing_claims=claims, next_number=first.next_number
    )
    older, younger = sorted(first.labels)
    assert later.merged == {younger: older}
    assert later.labels == [older]
    assert older in later.events and younger not in later.events
    assert later.events[older].claim_ids == (1, 2, 3) or set(later.events[older].claim_ids) == {1, 2, 3}


def test_a_claim_without_a_report_time_is_undated_but_linked() -> None:
    claims = [claim(None, 2, region="RU-ORL"), claim(None, 1, region="RU-ORL", action=Action.IMPACT)]
    resolution = link_events(claims, [])
    assert resolution.labels[0] == resolution.labels[1]
    assert next(iter(resolution.events.values())).wave == "undated"


def test_waves_are_nights_from_18_to_10_and_days_between() -> None:
    zone = zone_for("RU-MOW", "RU")
    assert wave_label(wave_at(at(10, 2), zone)) == "2025-03-10N"
    assert wave_label(wave_at(at(9, 19), zone)) == "2025-03-10N"
    assert wave_label(wave_at(at(10, 9, 30), zone)) == "2025-03-10N"  # night waves run into the morning
    assert wave_label(wave_at(at(10, 10, 30), zone)) == "2025-03-10D"
    assert wave_number("2025-03-10D") == wave_at(at(10, 12), zone) and wave_number("later") is None


def test_every_weapon_class_and_action_of_a_wave_shares_the_event() -> None:
    reports = [report(1, "t.me/gov_kyiv", "Ракети та дрони над Києвом, уламки впали.", at(12, 5, zone=KYIV), "uk")]
    claims = [
        claim(1, 4, region="UA-30", country="UA", weapon=WeaponClass.BALLISTIC_MISSILE, claimant="armed_forces:UA"),
        claim(1, 20, region="UA-30", country="UA"),
        claim(1, None, region="UA-30", country="UA", action=Action.IMPACT, weapon=WeaponClass.OTHER),
    ]
    assert len(set(link_events(claims, reports).labels)) == 1


def test_a_window_far_from_publication_is_read_as_a_misread_date() -> None:
    reports = [
        report(1, "t.me/gov_kharkiv", "Вночі місто атакували дрони.", at(11, 6, zone=KYIV), "uk"),
        report(2, "t.me/gov_kharkiv", "Уточнення: сім влучань.", at(11, 7, zone=KYIV), "uk"),
    ]
    claims = [
        claim(1, 3, region="UA-63", country="UA", claimant="regional_authority:UA-63"),
        claim(2, 7, region="UA-63", country="UA", action=Action.IMPACT, window=(at(10, 7, 40), at(10, 7, 41))),
    ]
    assert len(set(link_events(claims, reports).labels)) == 1


def test_events_bridged_within_one_batch_are_one_event_and_no_merge_is_reported() -> None:
    reports = [
        report(1, "t.me/gov_belgorod", "В 17.20 сбиты два беспилотника.", at(10, 17, 30)),
        report(2, "t.me/gov_belgorod", "В 18.40 сбит ещё один беспилотник.", at(10, 18, 50)),
        report(3, "t.me/mod_ru", "С 17.00 до 19.00 над Белгородской областью сбиты 3 БПЛА.", at(10, 19, 20)),
    ]
    claims = [
        claim(1, 2, region="RU-BEL", window=(at(10, 17, 20), at(10, 17, 20))),
        claim(2, 1, region="RU-BEL", window=(at(10, 18, 40), at(10, 18, 40))),
        claim(3, 3, region="RU-BEL", window=(at(10, 17), at(10, 19))),
    ]
    resolution = link_events(claims, reports)
    assert len(set(resolution.labels)) == 1 and resolution.merged == {}
    assert resolution.added == resolution.labels[:1] and list(resolution.events) == resolution.labels[:1]


def test_a_rewrite_that_came_in_first_joins_the_post_it_rewrites_when_that_arrives() -> None:
    rewrite = report(2, "world-news.example", "Rockets were shot down over Belgorod today.", at(3, 20, 45), "en")
    post = report(1, "t.me/gov_belgorod", "В 13.00 над Белгородом сбиты восемь ракет.", at(3, 13, 25))
    early = [claim(2, 8, region="RU-BEL", weapon=WeaponClass.ROCKET, claimant="regional_authority:RU-BEL", claim_id=1)]
    first = link_events(early, [rewrite])
    early[0].event = first.labels[0]
    assert next(iter(first.events.values())).wave == "2025-03-04N"  # a guess from the evening publication
    primary = claim(1, 8, region="RU-BEL", weapon=WeaponClass.ROCKET, claimant="regional_authority:RU-BEL")
    primary.time = TimeWindow(at(3, 13), at(3, 13), TimePrecision.MINUTE)
    later = link_events(
        [primary], [post, rewrite], list(first.events.values()), existing_claims=early, next_number=first.next_number
    )
    assert later.labels == first.labels and later.added == [] and later.merged == {}
    assert later.events[first.labels[0]].wave == "2025-03-03D"
