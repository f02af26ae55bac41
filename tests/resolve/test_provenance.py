"""Provenance between reports: forwards, near-duplicate rewrites, same claims in another language, quotes."""

from __future__ import annotations

from resolve.builders import at, claim, report
from skyledger.model import ClaimantLink, LinkKind, Report
from skyledger.resolve import link_claimants, link_reports, own_claimant

GOVERNOR_POST = (
    "Сегодня ночью средствами ПВО над Жуковским и Малоярославецким районами уничтожены шесть беспилотников. "
    "Пострадавших и разрушений нет. Экстренные службы работают на местах падения обломков."
)
GOVERNOR = "regional_authority:RU-KLU"


def _links(reports: list[Report], claims: dict[int, list]) -> dict[tuple[int, int], LinkKind]:
    return {(link.child, link.parent): link.kind for link in link_reports(reports, claims)}


def test_a_forward_links_to_its_original() -> None:
    original = report(1, "t.me/gov_kaluga", GOVERNOR_POST, at(10, 1))
    original.external_id = "812"
    forward = report(2, "t.me/kaluga_channel", GOVERNOR_POST, at(10, 1, 5))
    forward.forwarded_from, forward.forwarded_id = "@gov_kaluga", "812"
    assert _links([original, forward], {})[(2, 1)] is LinkKind.FORWARD


def test_a_near_copy_by_another_outlet_is_a_rewrite_but_the_same_channel_updating_is_not() -> None:
    original = report(1, "t.me/gov_kaluga", GOVERNOR_POST, at(10, 1))
    copy = report(
        2, "kaluga-news.example", "Губернатор сообщил: " + GOVERNOR_POST.replace("Сегодня", "сегодня"), at(10, 2)
    )
    update = report(3, "t.me/gov_kaluga", GOVERNOR_POST + " Уточнение: всего шесть.", at(10, 3))
    links = _links([original, copy, update], {})
    assert links[(2, 1)] is LinkKind.REWRITE
    assert (3, 1) not in links


def test_a_template_with_other_figures_is_no_rewrite() -> None:
    text = "Дежурными средствами ПВО уничтожены {n} украинских беспилотных летательных аппарата над территорией {r}."
    first = report(1, "t.me/mod_ru", text.format(n="два", r="Курской области"), at(10, 8))
    second = report(2, "daily-digest.example", text.format(n="три", r="Брянской области"), at(10, 9))
    claims = {1: [claim(1, 2, region="RU-KRS")], 2: [claim(2, 3, region="RU-BRY")]}
    assert _links([first, second], claims) == {}


def test_a_translation_with_the_same_figures_links_to_the_governors_post() -> None:
    post = report(1, "t.me/gov_kaluga", GOVERNOR_POST, at(10, 1))
    translated = report(
        2, "world-news.example", "Six drones were destroyed over two districts of the Kaluga region.", at(10, 9), "en"
    )
    quoting = report(
        3,
        "wire.example",
        "The governor of the Kaluga region wrote on Telegram that six drones had been downed.",
        at(10, 10),
        "en",
    )
    figure = {"region": "RU-KLU", "claimant": GOVERNOR}
    claims = {n: [claim(n, 6, **figure)] for n in (1, 2, 3)}  # type: ignore[arg-type]
    links = _links([post, translated, quoting], claims)
    assert links[(2, 1)] is LinkKind.REWRITE
    assert links[(3, 1)] is LinkKind.QUOTE
    assert (3, 2) not in links  # the outlet is not the governor's own channel


def test_a_later_report_of_other_figures_is_not_linked() -> None:
    post = report(1, "t.me/gov_kaluga", GOVERNOR_POST, at(10, 1))
    other = report(2, "world-news.example", "Two drones were destroyed over the Kaluga region.", at(10, 9), "en")
    claims = {
        1: [claim(1, 6, region="RU-KLU", claimant=GOVERNOR)],
        2: [claim(2, 2, region="RU-KLU", claimant=GOVERNOR)],
    }
    assert _links([post, other], claims) == {}


def test_whose_own_post_a_report_is() -> None:
    channel = report(1, "t.me/gov_kaluga", GOVERNOR_POST, at(10, 1))
    outlet = report(2, "news.example", "The governor said six drones were downed.", at(10, 2))
    assert own_claimant(channel, [claim(1, 6, claimant=GOVERNOR)]) == GOVERNOR
    assert own_claimant(outlet, [claim(2, 6, claimant=GOVERNOR)]) is None
    assert own_claimant(report(3, "https://t.me/s/mod_russia/1", "", None), []) == "mod:RU"  # the registry


def test_claimant_links_come_from_cites() -> None:
    claims = [
        claim(1, 2, claimant="regional_authority:RU-TUL", cites=("mod:RU",)),
        claim(1, 1, claimant="regional_authority:RU-TUL", cites=("mod:RU",)),
        claim(2, 5),
    ]
    assert link_claimants(claims) == [ClaimantLink("regional_authority:RU-TUL", "mod:RU")]


def test_a_quote_without_the_figures_still_links_to_a_recent_post_but_not_to_an_old_one() -> None:
    post = report(1, "t.me/gov_kaluga", GOVERNOR_POST, at(10, 1))
    quote = report(2, "wire.example", "The Kaluga governor wrote on Telegram that drones were downed.", at(10, 8), "en")
    late = report(3, "wire2.example", "A day later the governor wrote on Telegram about drones.", at(11, 8), "en")
    plain = report(4, "wire3.example", "Drones were downed over the Kaluga region, officials said.", at(10, 9), "en")
    claims = {
        1: [claim(1, 6, region="RU-KLU", claimant=GOVERNOR)],
        2: [claim(2, None, region="RU-KLU", claimant=GOVERNOR)],
        3: [claim(3, None, region="RU-KLU", claimant=GOVERNOR)],
        4: [claim(4, None, region="RU-KLU", claimant=GOVERNOR)],
    }
    links = _links([post, quote, late, plain], claims)
    assert links == {(2, 1): LinkKind.QUOTE}
