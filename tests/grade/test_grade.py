"""Grading: independent sources (not articles), conflicts with every figure, best estimate, Admiralty grades."""

from __future__ import annotations

from resolve.builders import KYIV, at, claim, report
from skyledger.grade import Evidence, claimant_figures, conflicts, credibility, grade_event
from skyledger.model import Action, Casualties, Claim, CountQualifier, Damage, Report, Source, SourceKind, WeaponClass
from skyledger.resolve import link_reports

GOVERNOR = "regional_authority:RU-KLU"
POST = (
    "Этой ночью над Козельским районом силами ПВО уничтожены семь беспилотников. По предварительным данным, "
    "пострадавших нет. На месте падения обломков работают оперативные службы."
)
REWRITES = [
    ("kaluga-today.example", "ru", "Губернатор сообщил: " + POST),
    ("region40.example", "ru", POST + " Подробности уточняются."),
    ("vesti-oblast.example", "ru", "Как сообщил глава региона, " + POST[0].lower() + POST[1:]),
    (
        "news-digest.example",
        "ru",
        "Ночью над Козельским районом силами ПВО уничтожены семь беспилотников, пострадавших нет.",
    ),
    ("world-wire.example", "en", "Seven drones were destroyed over the Kozelsk district overnight, the governor said."),
    ("europe-monitor.example", "en", "The Kaluga governor wrote on Telegram that air defences downed seven drones."),
    ("ukr-novyny.example", "uk", "Над Козельським районом Калузької області вночі збито сім безпілотників."),
    ("kyiv-press.example", "uk", "Губернатор Калузької області повідомив у Telegram про сім збитих дронів."),
    ("aggregator.example", "ru", POST),
    ("mirror-feed.example", "ru", "Срочно. " + POST),
]


def _grade(reports: list[Report], claims: list[Claim], sources: dict[str, Source] | None = None):  # type: ignore[no-untyped-def]
    by_report: dict[int, list[Claim]] = {}
    for item in claims:
        by_report.setdefault(item.report_id or 0, []).append(item)
    links = link_reports(reports, by_report, sources)
    evidence = Evidence(reports={r.id: r for r in reports if r.id is not None}, links=links, sources=sources or {})
    return grade_event(claims, evidence)


def test_ten_rewrites_of_one_governor_post_are_one_source_in_eleven_reports() -> None:
    reports = [report(1, "t.me/gov_kaluga", POST, at(10, 2))]
    claims = [claim(1, 7, region="RU-KLU", claimant=GOVERNOR, district="Kozelsky")]
    for number, (outlet, language, text) in enumerate(REWRITES, 2):
        reports.append(report(number, outlet, text, at(10, 2 + number), language))
        # two outlets' texts were read without attribution: their claims are the outlet's own (media)
        who = "media:RU" if outlet in ("aggregator.example", "mirror-feed.example") else GOVERNOR
        claims.append(claim(number, 7, region="RU-KLU", claimant=who, district="Kozelsky"))
    grade = _grade(reports, claims)
    assert grade.article_count == 11
    assert grade.independent_sources == 1
    assert grade.credibility == 3 and not grade.conflict
    assert (grade.count_low, grade.count_best, grade.count_high) == (7, 7, 7)
    assert "One source (regional_authority:RU-KLU)" in grade.explanation and "11 reports" in grade.explanation


def test_a_governor_post_and_an_unrelated_ministry_statement_are_two_sources() -> None:
    reports = [
        report(1, "t.me/gov_kaluga", POST, at(10, 2)),
        report(2, "t.me/mod_russia", "За ночь над Калужской областью перехвачены 7 беспилотников.", at(10, 7)),
    ]
    claims = [claim(1, 7, region="RU-KLU", claimant=GOVERNOR), claim(2, 7, region="RU-KLU")]
    grade = _grade(reports, claims)
    assert grade.independent_sources == 2 and grade.article_count == 2
    assert grade.credibility == 2 and grade.reliability == "B"  # mod:RU's channel is B in the registry
    assert grade.explanation.startswith("Two independent sources (mod:RU, regional_authority:RU-KLU) agree on 7 UAVs")


def test_a_governor_citing_the_ministry_is_one_source() -> None:
    reports = [
        report(1, "t.me/mod_russia", "Над Тульской областью уничтожены 3 беспилотника.", at(10, 7)),
        report(2, "t.me/gov_tula", "По данным Минобороны, над областью сбиты 3 беспилотника.", at(10, 8)),
    ]
    claims = [
        claim(1, 3, region="RU-TUL"),
        claim(2, 3, region="RU-TUL", claimant="regional_authority:RU-TUL", cites=("mod:RU",)),
    ]
    grade = _grade(reports, claims)
    assert grade.independent_sources == 1 and grade.article_count == 2
    assert "cited by regional_authority:RU-TUL" in grade.explanation
    alone = _grade(reports[1:], claims[1:])  # the ministry's own post need not be in the store
    assert alone.independent_sources == 1


def test_ten_against_eleven_is_a_conflict_with_both_figures() -> None:
    reports = [
        report(1, "t.me/mod_russia", "Над Брянской областью уничтожены 10 беспилотников.", at(10, 7)),
        report(2, "t.me/gov_bryansk", "Над областью сбиты 11 беспилотников.", at(10, 8)),
        report(
            3, "wire.example", "The ministry said 10 drones were downed; the governor counted 11.", at(10, 12), "en"
        ),
    ]
    claims = [
        claim(1, 10, region="RU-BRY"),
        claim(2, 11, region="RU-BRY", claimant="regional_authority:RU-BRY"),
        claim(3, 10, region="RU-BRY"),
        claim(3, 11, region="RU-BRY", claimant="regional_authority:RU-BRY"),
    ]
    grade = _grade(reports, claims)
    assert grade.conflict
    figures = {(f.claimant, f.count) for f in grade.figures}
    assert figures == {("mod:RU", 10), ("regional_authority:RU-BRY", 11)}
    assert (grade.count_low, grade.count_high) == (10, 11)
    assert grade.count_best == 10  # the ministry's channel is graded B, the governor's unknown (F)
    assert grade.credibility == 4
    assert "mod:RU: 10" in grade.explanation and "regional_authority:RU-BRY: 11" in grade.explanation


def test_more_than_ten_agrees_with_fourteen_and_about_a_dozen_too() -> None:
    claims = [
        claim(1, 14, region="RU-VOR"),
        claim(2, 10, region="RU-VOR", claimant="regional_authority:RU-VOR", qualifier=CountQualifier.AT_LEAST),
        claim(3, 12, region="RU-VOR", claimant="media:RU", qualifier=CountQualifier.APPROXIMATE),
    ]
    reports = [report(n, f"outlet{n}.example", f"text {n}", at(19, 6 + n)) for n in (1, 2, 3)]
    grade = _grade(reports, claims)
    assert not grade.conflict and grade.count_best == 14 and grade.count_low == 10


def test_updates_at_one_place_keep_the_largest_and_places_add_up() -> None:
    claims = [
        claim(1, 3, region="RU-KLU", claimant=GOVERNOR, district="Zhukovsky"),
        claim(2, 4, region="RU-KLU", claimant=GOVERNOR, district="Zhukovsky"),
        claim(2, 2, region="RU-KLU", claimant=GOVERNOR, district="Lyudinovsky"),
    ]
    (figure,) = claimant_figures(claims)
    assert figure.count == 6 and figure.count_qualifier is CountQualifier.EXACT and figure.report_ids == (1, 2)
    total = claim(3, 8, region="RU-KLU", claimant=GOVERNOR)  # "eight over the region in all"
    assert claimant_figures([*claims, total])[0].count == 8
    partial = claim(3, 5, region="RU-KLU", claimant=GOVERNOR)  # a whole-region figure smaller than its places
    assert claimant_figures([*claims, partial])[0].count == 6
    unknown = claim(4, None, region="RU-KLU", claimant=GOVERNOR, district="Kozelsky")
    assert claimant_figures([*claims, unknown])[0].count_qualifier is CountQualifier.AT_LEAST


def test_three_agreeing_independent_sources_one_of_them_reliable_are_confirmed() -> None:
    reports = [
        report(1, "t.me/kpszsu", "Над Києвом збито 12 дронів.", at(12, 6, zone=KYIV), "uk"),
        report(2, "t.me/kyiv_city", "Над столицею знищено 12 ворожих БпЛА.", at(12, 7, zone=KYIV), "uk"),
        report(3, "kyiv-daily.example", "Власний кореспондент бачив роботу ППО.", at(12, 8, zone=KYIV), "uk"),
    ]
    claims = [
        claim(1, 12, region="UA-30", country="UA", claimant="armed_forces:UA"),
        claim(2, 12, region="UA-30", country="UA", claimant="regional_authority:UA-30"),
        claim(3, None, region="UA-30", country="UA", claimant="media:UA", action=Action.IMPACT),
    ]
    sources = {"t.me/kpszsu": Source("t.me/kpszsu", SourceKind.TELEGRAM, claimant="armed_forces:UA", reliability="A")}
    grade = _grade(reports, claims, sources)
    assert grade.independent_sources == 3 and grade.credibility == 1 and grade.reliability == "A"


def test_credibility_policy() -> None:
    assert credibility(0, "F", False, 0.0) == 6
    assert credibility(1, "B", False, 0.0) == 3
    assert credibility(2, "F", False, 0.0) == 2
    assert credibility(3, "F", False, 0.0) == 2
    assert credibility(3, "B", False, 0.0) == 1
    assert credibility(2, "B", True, 0.1) == 4
    assert credibility(2, "B", True, 0.6) == 5


def test_figures_cover_every_action_and_class_with_their_claimants() -> None:
    claims = [
        claim(1, 90, region=None, country="UA", claimant="armed_forces:UA", action=Action.LAUNCHED),
        claim(1, 63, region=None, country="UA", claimant="armed_forces:UA"),
        claim(1, 2, region=None, country="UA", claimant="armed_forces:UA", weapon=WeaponClass.CRUISE_MISSILE),
    ]
    grade = grade_event(claims, Evidence())
    keys = [(f.action, f.weapon_class, f.count) for f in grade.figures]
    assert keys == [
        (Action.INTERCEPTED, WeaponClass.UAV, 63),
        (Action.INTERCEPTED, WeaponClass.CRUISE_MISSILE, 2),
        (Action.LAUNCHED, WeaponClass.UAV, 90),
    ]
    assert grade.count_best == 63  # intercepted comes first among equally reported figures


def test_claimants_stating_different_casualties_are_a_conflict_on_outcomes() -> None:
    governor = claim(1, 9, region="UA-51", country="UA", claimant="regional_authority:UA-51")
    governor.casualties = Casualties(killed=0, injured=0)
    update = claim(2, 9, region="UA-51", country="UA", claimant="regional_authority:UA-51")
    update.casualties = Casualties(killed=0, injured=2)  # a later post of the same claimant: updates only grow
    city = claim(3, 9, region="UA-51", country="UA", claimant="local_authority:UA-51")
    city.casualties, city.damage = Casualties(killed=1, injured=2), Damage.REPORTED
    agreeing = grade_event([governor, update], Evidence())
    assert not agreeing.conflict
    grade = grade_event([governor, update, city], Evidence())
    assert grade.conflict and grade.credibility == 4 and not conflicts(grade.figures)
    assert "agree on 9 UAVs intercepted but disagree on killed" in grade.explanation
    assert "local_authority:UA-51: 1" in grade.explanation and "regional_authority:UA-51: 0" in grade.explanation
    assert "injured" not in grade.explanation  # both say two injured in the end


def test_an_ambiguous_whole_region_figure_takes_the_reading_that_agrees_with_the_others() -> None:
    unsplit = claim(1, 3, region="RU-KLU", claimant=GOVERNOR)  # "three over the Zhukov and Maloyaroslavets districts"
    more = claim(2, 2, region="RU-KLU", claimant=GOVERNOR, district="Lyudinovsky")  # "two more over Lyudinovo"
    ministry = claim(3, 5, region="RU-KLU")
    alone = {f.claimant: f.count for f in claimant_figures([unsplit, more])}
    assert alone == {GOVERNOR: 3}  # read as a total containing the district unless something says otherwise
    grade = grade_event([unsplit, more, ministry], Evidence())
    assert not grade.conflict and {f.claimant: f.count for f in grade.figures} == {GOVERNOR: 5, "mod:RU": 5}
    far = claim(3, 9, region="RU-KLU")  # neither reading agrees with nine: the conflict stands
    assert grade_event([unsplit, more, far], Evidence()).conflict
