"""The offline gazetteer: places named in report text (ru/uk/en, any case form) resolved to regions (ISO 3166-2),
districts and settlements with coordinates, plus each region's time zone.

    from skyledger.gazetteer import load_gazetteer
    gazetteer = load_gazetteer()            # cached; about 0.3 s the first time
    for mention in gazetteer.find_places("над Малоярославецким и Жуковским районами Калужской области"):
        mention.start, mention.end, mention.surface, mention.level, mention.place
    # (4, 20, 'Малоярославецким', district, Place(RU, RU-KLU, 'Maloyaroslavetsky', ...)), (23, 41, ...), ...

What ``find_places`` returns, in text order, never overlapping:

- ``level`` region: "Калужской области", "Київщиною", "Kaluga region", "Crimea", "Республика Крым", and the federal
  cities ("Kyiv"/"у Києві" -> UA-30, "Moscow"/"Москву" -> RU-MOW, "Sevastopol" -> UA-40) while "Kyiv region" and
  "Київщина" are UA-32, "Moscow region", "Московский регион" and "Подмосковье" RU-MOS. Lists share the generic word:
  "Тульской и Орловской областей" gives both. ``authority`` is set on "Курский губернатор", "Kursk governor",
  "Харківська ОВА": a region named through its authority. A Ukrainian hromada ("Білопільська громада") names its region.
- ``level`` district: an adjective or (English) town name with "район/округ/district/raion": "Жуковским районами",
  "Шебекинский городской округ", "Bucha district"; resolved in the region named nearest (or the list's common region,
  or ``context_region``); ``score`` is 0.5 when that was a guess among same-named districts.
- ``level`` settlement: a capitalised name ("в Шебекине", "над Курском", "Kharkiv") or one after "село/г./village of".
  Small places are kept only with a settlement word or when the text names their region or district; a sentence's
  first word, a Title Case headline, streets, people's names, front-line directions and common words are guarded.
  The place carries its district only when the text names that district too.
- ``level`` water: "над Черным морем", "Sea of Azov" (``place.water`` in English; no country or region).
- ``level`` country: "России", "Ukraine's".

``Gazetteer.region(code)`` gives a :class:`RegionInfo` (names, a representative point, the IANA time zone);
``resolve_district``, ``resolve_settlement``, ``resolve_region``, ``region_of_adjective``, ``region_of_jurisdiction``
and ``timezone`` look single names up.

Data: contains data from GeoNames (www.geonames.org), licensed under CC BY 4.0; KATOTTG; iso-codes (LGPL).
See data/README.md.
"""

from .lookup import Gazetteer, load_gazetteer
from .matcher import Level
from .resolve import PlaceMention
from .tables import RegionInfo

PlaceLevel = Level

__all__ = ["Gazetteer", "Level", "PlaceLevel", "PlaceMention", "RegionInfo", "load_gazetteer"]
