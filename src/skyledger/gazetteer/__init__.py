"""The offline gazetteer: places named in report text (ru/uk/en, any case form) resolved to regions (ISO 3166-2),
districts and settlements with coordinates, plus each region's time zone.

    from skyledger.gazetteer import load_gazetteer
    gazetteer = load_gazetteer()
    for mention in gazetteer.find_places("над Малоярославецким и Жуковским районами Калужской области"):
        mention.start, mention.end, mention.level, mention.place.region, mention.place.district

Data: contains data from GeoNames (www.geonames.org), licensed under CC BY 4.0; KATOTTG; iso-codes (LGPL).
See data/README.md.
"""

from .lookup import Gazetteer, load_gazetteer
from .matcher import Level
from .resolve import PlaceMention
from .tables import RegionInfo

PlaceLevel = Level

__all__ = ["Gazetteer", "Level", "PlaceLevel", "PlaceMention", "RegionInfo", "load_gazetteer"]
