"""Deterministic seed articles for benchmarks: German and English news, 400-900 words each.

Every article is composed from the templates and word lists below with a random generator seeded
by ``(seed, index)``, never by the clock, so the same arguments always give the same bytes and
article ``i`` is the same whether 100 or 10,000 are generated. Organisations, places and persons
come from shared pools (about 300, 150 and 200) so that, as in real news, they recur across
articles and become tags with many articles each.

Each article also carries one invented code name (``Velmorix``) in its body that no other
article uses: the search benchmark types it and waits for that article to be found.

    python -m benchmarks.generate /tmp/project/seeds --n 1000 [--seed 2026]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_SEED = 2026
MIN_WORDS, MAX_WORDS = 400, 900
FIRST_DATE = dt.date(2023, 12, 1)
LAST_DATE = dt.date(2026, 11, 15)

# ------------------------------------------------------------------------------ shared pools

_REAL_ORGS = [
    "Siemens", "Volkswagen", "BASF", "Bayer", "Allianz", "Deutsche Bank", "Commerzbank",
    "Deutsche Telekom", "Deutsche Bahn", "Lufthansa", "Airbus", "Boeing", "BMW", "Mercedes-Benz",
    "Porsche", "Continental", "Bosch", "SAP", "Infineon", "Zalando", "Adidas", "Puma",
    "OMV", "Verbund", "Erste Group", "Raiffeisen Bank International", "voestalpine",
    "Wienerberger", "Andritz", "Red Bull", "Austrian Airlines", "ÖBB", "A1 Telekom Austria",
    "Nestlé", "Novartis", "Roche", "UBS", "ABB", "Swiss Re", "Zurich Insurance",
    "Apple", "Microsoft", "Alphabet", "Google", "Amazon", "Meta", "Nvidia", "Intel", "AMD",
    "OpenAI", "Anthropic", "Tesla", "IBM", "Oracle", "Salesforce", "Netflix", "Uber",
    "ByteDance", "TikTok", "Tencent", "Alibaba", "Huawei", "Xiaomi", "BYD", "CATL", "Baidu",
    "Toyota", "Sony", "Samsung", "TSMC", "Hyundai", "Shell", "BP", "TotalEnergies",
    "Equinor", "Unilever", "HSBC", "Barclays", "Lloyds", "Vodafone", "Rolls-Royce", "Ryanair",
    "Europäische Zentralbank", "Federal Reserve", "Bank of England", "OECD", "IMF",
    "Weltbank", "WTO", "Europäische Kommission", "UNO", "NATO",
]
_ORG_PREFIXES = [
    "Nordwind", "Alpenblick", "Donauwerk", "Rheinland", "Baltica", "Atlas", "Helix", "Vertex",
    "Orion", "Brightwater", "Redstone", "Silverline", "Bluepeak", "Kestrel", "Granite",
    "Meridian", "Polaris", "Sonnental", "Talwerk", "Eisenberg", "Lindholm", "Cedar",
    "Harbor", "Northgate", "Westfield", "Oakridge", "Ironbridge", "Falkenstein", "Adlerhorst",
    "Seeberg", "Kronach", "Aurora", "Solvent", "Quantix", "Novalis", "Greenfield", "Stahlberg",
    "Weidenau", "Marlow", "Ashford",
]
_ORG_SECTORS = [
    "Energie", "Logistik", "Bank", "Pharma", "Solar", "Stahl", "Mobility", "Capital", "Foods",
    "Robotics", "Networks", "Chemie", "Versicherung", "Medien", "Bau", "Software", "Wind",
    "Batteries", "Health", "Rail", "Aviation", "Textil", "Agrar", "Data",
]
_ORG_FORMS = ["AG", "GmbH", "SE", "Holding", "Group", "Inc.", "plc", "Ltd", "", ""]

_PLACES = [  # (German, English)
    ("Österreich", "Austria"), ("Deutschland", "Germany"), ("Schweiz", "Switzerland"),
    ("Frankreich", "France"), ("Italien", "Italy"), ("Spanien", "Spain"),
    ("Portugal", "Portugal"), ("Niederlande", "the Netherlands"), ("Belgien", "Belgium"),
    ("Polen", "Poland"), ("Tschechien", "Czechia"), ("Ungarn", "Hungary"),
    ("Slowakei", "Slovakia"), ("Slowenien", "Slovenia"), ("Kroatien", "Croatia"),
    ("Rumänien", "Romania"), ("Bulgarien", "Bulgaria"), ("Griechenland", "Greece"),
    ("Schweden", "Sweden"), ("Norwegen", "Norway"), ("Dänemark", "Denmark"),
    ("Finnland", "Finland"), ("Irland", "Ireland"), ("Großbritannien", "Britain"),
    ("USA", "the US"), ("Kanada", "Canada"), ("Mexiko", "Mexico"), ("Brasilien", "Brazil"),
    ("Argentinien", "Argentina"), ("Chile", "Chile"), ("China", "China"), ("Japan", "Japan"),
    ("Südkorea", "South Korea"), ("Indien", "India"), ("Indonesien", "Indonesia"),
    ("Vietnam", "Vietnam"), ("Australien", "Australia"), ("Südafrika", "South Africa"),
    ("Nigeria", "Nigeria"), ("Ägypten", "Egypt"), ("Türkei", "Turkey"),
    ("Saudi-Arabien", "Saudi Arabia"), ("Israel", "Israel"), ("Ukraine", "Ukraine"),
    ("Russland", "Russia"), ("Taiwan", "Taiwan"), ("Singapur", "Singapore"),
    ("Vereinigte Arabische Emirate", "the United Arab Emirates"), ("Katar", "Qatar"),
    ("Marokko", "Morocco"),
    ("Wien", "Vienna"), ("Graz", "Graz"), ("Linz", "Linz"), ("Salzburg", "Salzburg"),
    ("Innsbruck", "Innsbruck"), ("Klagenfurt", "Klagenfurt"), ("Bregenz", "Bregenz"),
    ("St. Pölten", "St. Pölten"), ("Eisenstadt", "Eisenstadt"), ("Villach", "Villach"),
    ("Wels", "Wels"), ("Leoben", "Leoben"), ("Berlin", "Berlin"), ("München", "Munich"),
    ("Hamburg", "Hamburg"), ("Frankfurt", "Frankfurt"), ("Köln", "Cologne"),
    ("Stuttgart", "Stuttgart"), ("Düsseldorf", "Düsseldorf"), ("Leipzig", "Leipzig"),
    ("Dresden", "Dresden"), ("Hannover", "Hanover"), ("Nürnberg", "Nuremberg"),
    ("Bremen", "Bremen"), ("Essen", "Essen"), ("Dortmund", "Dortmund"),
    ("Wolfsburg", "Wolfsburg"), ("Ingolstadt", "Ingolstadt"), ("Zürich", "Zurich"),
    ("Genf", "Geneva"), ("Basel", "Basel"), ("Bern", "Bern"), ("Lausanne", "Lausanne"),
    ("Paris", "Paris"), ("Lyon", "Lyon"), ("Marseille", "Marseille"), ("Rom", "Rome"),
    ("Mailand", "Milan"), ("Turin", "Turin"), ("Madrid", "Madrid"),
    ("Barcelona", "Barcelona"), ("Lissabon", "Lisbon"), ("Amsterdam", "Amsterdam"),
    ("Rotterdam", "Rotterdam"), ("Brüssel", "Brussels"), ("Luxemburg", "Luxembourg"),
    ("Warschau", "Warsaw"), ("Krakau", "Krakow"), ("Prag", "Prague"), ("Brünn", "Brno"),
    ("Budapest", "Budapest"), ("Bratislava", "Bratislava"), ("Ljubljana", "Ljubljana"),
    ("Zagreb", "Zagreb"), ("Bukarest", "Bucharest"), ("Sofia", "Sofia"), ("Athen", "Athens"),
    ("Stockholm", "Stockholm"), ("Oslo", "Oslo"), ("Kopenhagen", "Copenhagen"),
    ("Helsinki", "Helsinki"), ("Dublin", "Dublin"), ("London", "London"),
    ("Manchester", "Manchester"), ("Birmingham", "Birmingham"), ("Edinburgh", "Edinburgh"),
    ("Glasgow", "Glasgow"), ("New York", "New York"), ("Washington", "Washington"),
    ("San Francisco", "San Francisco"), ("Chicago", "Chicago"), ("Boston", "Boston"),
    ("Seattle", "Seattle"), ("Austin", "Austin"), ("Detroit", "Detroit"),
    ("Toronto", "Toronto"), ("Montreal", "Montreal"), ("São Paulo", "São Paulo"),
    ("Peking", "Beijing"), ("Shanghai", "Shanghai"), ("Shenzhen", "Shenzhen"),
    ("Hongkong", "Hong Kong"), ("Tokio", "Tokyo"), ("Osaka", "Osaka"), ("Seoul", "Seoul"),
    ("Taipeh", "Taipei"), ("Mumbai", "Mumbai"), ("Bangalore", "Bangalore"),
    ("Neu-Delhi", "New Delhi"), ("Jakarta", "Jakarta"), ("Sydney", "Sydney"),
    ("Melbourne", "Melbourne"), ("Dubai", "Dubai"), ("Abu Dhabi", "Abu Dhabi"),
    ("Riad", "Riyadh"), ("Istanbul", "Istanbul"), ("Kairo", "Cairo"), ("Lagos", "Lagos"),
    ("Johannesburg", "Johannesburg"), ("Kiew", "Kyiv"),
]
_FIRST_F = [
    "Anna", "Maria", "Katharina", "Sabine", "Claudia", "Julia", "Sarah", "Laura", "Elena",
    "Birgit", "Petra", "Monika", "Lisa", "Sophie", "Hannah", "Emma", "Olivia", "Charlotte",
    "Rachel", "Emily", "Margaret", "Helen", "Grace", "Chloe", "Ingrid", "Astrid", "Marta",
    "Isabel", "Nina", "Teresa",
]
_FIRST_M = [
    "Markus", "Thomas", "Michael", "Andreas", "Stefan", "Christian", "Martin", "Peter",
    "Wolfgang", "Johannes", "Florian", "Lukas", "Tobias", "Georg", "Franz", "David", "James",
    "Robert", "William", "Richard", "Daniel", "Oliver", "Henry", "Samuel", "Jonathan",
    "Pierre", "Luca", "Jan", "Mateusz", "Kenji",
]
_LAST = [
    "Berger", "Hofer", "Gruber", "Huber", "Wagner", "Pichler", "Steiner", "Moser", "Mayer",
    "Bauer", "Leitner", "Fuchs", "Schwarz", "Brandstätter", "Lehner", "Winkler", "Schneider",
    "Fischer", "Weber", "Becker", "Hoffmann", "Schulz", "Koch", "Richter", "Klein", "Wolf",
    "Neumann", "Zimmermann", "Krüger", "Hartmann", "Collins", "Harrison", "Bennett",
    "Fletcher", "Morgan", "Sullivan", "Hughes", "Turner", "Walsh", "Parker", "Reed",
    "Holloway", "Whitaker", "Caldwell", "Dubois", "Moreau", "Rossi", "Bianchi", "García",
    "Novák", "Kowalski", "Nagy", "Lindqvist", "Andersen", "Tanaka", "Chen", "Wang", "Park",
    "Okafor", "Haddad",
]


@dataclass(frozen=True)
class Person:
    name: str
    female: bool


def _build_pools() -> tuple[list[str], list[tuple[str, str]], list[Person]]:
    rng = random.Random(f"{DEFAULT_SEED}:pools")
    orgs = list(_REAL_ORGS)
    seen = set(orgs)
    while len(orgs) < 300:
        name = " ".join(w for w in (rng.choice(_ORG_PREFIXES), rng.choice(_ORG_SECTORS),
                                    rng.choice(_ORG_FORMS)) if w)
        if name not in seen:
            seen.add(name)
            orgs.append(name)
    persons: list[Person] = []
    names: set[str] = set()
    while len(persons) < 200:
        female = rng.random() < 0.5
        name = f"{rng.choice(_FIRST_F if female else _FIRST_M)} {rng.choice(_LAST)}"
        if name not in names:
            names.add(name)
            persons.append(Person(name, female))
    return orgs, list(_PLACES), persons


ORGS, PLACES, PERSONS = _build_pools()

# ------------------------------------------------------------------------------ topics

@dataclass(frozen=True)
class Topic:
    key: str
    de_targets: tuple[str, ...]   # "in ..." objects of an investment
    en_targets: tuple[str, ...]
    de_things: tuple[str, ...]    # plural nouns, nominative/accusative
    en_things: tuple[str, ...]
    de_heads: tuple[str, ...]     # subheadings
    en_heads: tuple[str, ...]
    de_tag: str
    en_tag: str


TOPICS = [
    Topic("ai", ("in neue Rechenzentren", "in eigene KI-Modelle", "in spezialisierte Chips",
                 "in den Ausbau der Cloud-Infrastruktur", "in Forschung zu Sprachmodellen"),
          ("in new data centres", "in its own AI models", "in specialised chips",
           "in cloud infrastructure", "in language-model research"),
          ("Rechenzentren", "Grafikprozessoren", "Sprachmodelle", "Cloud-Dienste",
           "Empfehlungssysteme"),
          ("data centres", "graphics processors", "language models", "cloud services",
           "recommendation systems"),
          ("Wettlauf um Rechenleistung", "Eigene Modelle als Ziel", "Chips bleiben knapp",
           "Kritik von Datenschützern"),
          ("The race for compute", "Building its own models", "Chips remain scarce",
           "Privacy concerns"),
          "KI", "AI"),
    Topic("energy", ("in Windparks", "in Solaranlagen", "in den Ausbau der Stromnetze",
                     "in Batteriespeicher", "in Wasserstoff-Elektrolyseure"),
          ("in wind farms", "in solar parks", "in grid upgrades", "in battery storage",
           "in hydrogen electrolysers"),
          ("Windräder", "Stromleitungen", "Speicherkraftwerke", "Wärmepumpen", "Gaskraftwerke"),
          ("wind turbines", "power lines", "storage plants", "heat pumps", "gas power plants"),
          ("Netze am Limit", "Strompreise unter Druck", "Wasserstoff als Hoffnung",
           "Genehmigungen dauern"),
          ("Grids at their limit", "Pressure on power prices", "Betting on hydrogen",
           "Permits take years"),
          "Energie", "Energy"),
    Topic("banking", ("in die Digitalisierung des Filialnetzes", "in neue Zahlungsdienste",
                      "in die Modernisierung der IT", "in das Geschäft mit Firmenkunden"),
          ("in branch digitisation", "in new payment services", "in IT modernisation",
           "in corporate lending"),
          ("Kredite", "Einlagen", "Zinsen", "Filialen", "Anleihen"),
          ("loans", "deposits", "interest rates", "branches", "bonds"),
          ("Zinsen drücken die Marge", "Mehr Vorsorge für Kreditausfälle", "Dividende steigt",
           "Aufseher schauen genau hin"),
          ("Rates squeeze margins", "More provisions for bad loans", "A higher dividend",
           "Regulators are watching"),
          "Banken", "Banking"),
    Topic("auto", ("in die Elektromobilität", "in neue Batteriewerke", "in Software für Autos",
                   "in die Ladeinfrastruktur"),
          ("in electric vehicles", "in new battery plants", "in car software",
           "in charging networks"),
          ("Elektroautos", "Batteriezellen", "Ladestationen", "Verbrenner", "Zulieferer"),
          ("electric cars", "battery cells", "charging stations", "combustion engines",
           "suppliers"),
          ("Absatz bricht ein", "Konkurrenz aus China", "Zölle als Risiko",
           "Werke auf dem Prüfstand"),
          ("Sales slump", "Competition from China", "Tariffs as a risk", "Plants under review"),
          "Autoindustrie", "Car industry"),
    Topic("trade", ("in neue Logistikzentren", "in Häfen und Terminals",
                    "in die Diversifizierung der Lieferketten"),
          ("in new logistics hubs", "in ports and terminals", "in diversifying supply chains"),
          ("Zölle", "Exporte", "Importe", "Lieferketten", "Container"),
          ("tariffs", "exports", "imports", "supply chains", "containers"),
          ("Zollstreit verschärft sich", "Exporteure unter Druck", "Neue Handelsrouten"),
          ("The tariff dispute escalates", "Exporters under pressure", "New trade routes"),
          "Handel", "Trade"),
    Topic("housing", ("in den sozialen Wohnbau", "in die Sanierung von Altbauten",
                      "in neue Stadtquartiere"),
          ("in social housing", "in refurbishing old buildings", "in new city districts"),
          ("Mieten", "Baugenehmigungen", "Wohnungen", "Immobilienkredite"),
          ("rents", "building permits", "flats", "mortgages"),
          ("Mieten steigen weiter", "Baubranche in der Krise", "Förderungen gefragt"),
          ("Rents keep rising", "Builders in crisis", "Calls for subsidies"),
          "Wohnen", "Housing"),
    Topic("pharma", ("in die Entwicklung neuer Wirkstoffe", "in klinische Studien",
                     "in ein neues Werk für Impfstoffe"),
          ("in new drug development", "in clinical trials", "in a new vaccine plant"),
          ("Medikamente", "Wirkstoffe", "Studien", "Patente", "Impfstoffe"),
          ("medicines", "compounds", "trials", "patents", "vaccines"),
          ("Studie weckt Hoffnung", "Patente laufen aus", "Preisdruck im Gesundheitswesen"),
          ("A trial raises hopes", "Patents expire", "Price pressure in health care"),
          "Pharma", "Pharma"),
    Topic("aviation", ("in neue Flugzeuge", "in nachhaltige Treibstoffe",
                       "in die Erweiterung des Flughafens"),
          ("in new aircraft", "in sustainable fuels", "in the airport expansion"),
          ("Passagiere", "Flugzeuge", "Strecken", "Piloten", "Ticketpreise"),
          ("passengers", "aircraft", "routes", "pilots", "fares"),
          ("Streik am Boden", "Mehr Passagiere als erwartet", "Kerosin wird teurer"),
          ("Strike on the ground", "More passengers than expected", "Fuel costs rise"),
          "Luftfahrt", "Aviation"),
    Topic("rail", ("in neue Züge", "in die Sanierung der Bahnstrecken", "in digitale Stellwerke"),
          ("in new trains", "in track renewal", "in digital signalling"),
          ("Züge", "Verspätungen", "Strecken", "Fahrgäste", "Tunnel"),
          ("trains", "delays", "lines", "passengers", "tunnels"),
          ("Pünktlichkeit bleibt Problem", "Großbaustellen im Sommer", "Neue Verbindungen"),
          ("Punctuality remains a problem", "Summer closures", "New connections"),
          "Bahn", "Rail"),
    Topic("retail", ("in den Onlinehandel", "in neue Filialen", "in Automatisierung der Lager"),
          ("in online retail", "in new stores", "in warehouse automation"),
          ("Filialen", "Onlinebestellungen", "Lebensmittelpreise", "Kunden", "Rabatte"),
          ("stores", "online orders", "food prices", "customers", "discounts"),
          ("Konsumflaute im Handel", "Onlinegeschäft wächst", "Preiskampf im Supermarkt"),
          ("Shoppers hold back", "Online keeps growing", "A supermarket price war"),
          "Handel", "Retail"),
    Topic("climate", ("in den Klimaschutz", "in Hochwasserschutz", "in CO2-Abscheidung"),
          ("in climate protection", "in flood defences", "in carbon capture"),
          ("Emissionen", "Zertifikate", "Klimaziele", "Dürren", "Hochwasser"),
          ("emissions", "permits", "climate targets", "droughts", "floods"),
          ("Klimaziele in Gefahr", "Kosten der Extremwetter", "Streit um CO2-Preis"),
          ("Climate goals at risk", "The cost of extreme weather", "Row over carbon pricing"),
          "Klima", "Climate"),
]

# ------------------------------------------------------------------------------ numbers and dates

MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


def _decimal(rng: random.Random, lang: str) -> str:
    """A figure as journalists write it: 160, 4.5 (en) or 1,2 (de)."""
    if rng.random() < 0.5:
        return str(rng.choice([rng.randint(2, 19), rng.randint(20, 95), rng.randint(100, 900)]))
    text = f"{rng.randint(1, 9)}.{rng.randint(1, 9)}"
    return text.replace(".", ",") if lang == "de" else text


def _thousands(value: int, lang: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "de" else text


def amount(rng: random.Random, lang: str) -> str:
    x = _decimal(rng, lang)
    if lang == "de":
        return rng.choice([
            f"{x} Milliarden Euro", f"{x} Mrd. Euro", f"{x} Millionen Euro", f"{x} Mio. Euro",
            f"{x} Milliarden Yuan", f"{x} Milliarden US-Dollar", f"{x} Millionen Dollar",
            f"{x} Millionen Franken", f"{x} Millionen Pfund", f"{x} Milliarden Yen",
            f"{_thousands(rng.randint(12, 990) * 1000, lang)} Euro", f"{x} Mrd. €",
        ])
    return rng.choice([
        f"${x}bn", f"${x}m", f"£{x}m", f"€{x}bn", f"{x} million pounds",
        f"{x} billion euros", f"{x} billion yuan",
        f"${_thousands(rng.randint(12, 990) * 1000, lang)}",
        f"{x} trillion yen", f"CHF {x} million", f"${x} billion", f"€{x} million",
    ])


def percent(rng: random.Random, lang: str) -> str:
    x = f"{rng.randint(1, 9)}.{rng.randint(1, 9)}" if rng.random() < 0.4 else str(
        rng.randint(1, 60))
    if lang == "de":
        x = x.replace(".", ",")
        return rng.choice([f"{x} %", f"{x} Prozent", f"{x} Prozent"])
    return rng.choice([f"{x}%", f"{x}%", f"{x} percent", f"{x} per cent"])


def points(rng: random.Random, lang: str) -> str:
    if lang == "de":
        return f"{rng.randint(0, 4)},{rng.randint(1, 9)} Prozentpunkte"
    return f"{rng.randint(0, 4)}.{rng.randint(1, 9)} percentage points"


def date_phrase(rng: random.Random, lang: str, year: int, austrian: bool) -> str:
    y = year + rng.choice([-1, 0, 0, 0, 1, 1])
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    q = rng.randint(1, 4)
    if lang == "de":
        month = "Jänner" if austrian and m == 1 else MONTHS_DE[m - 1]
        return rng.choice([
            f"am {d}. {month} {y}", f"am {d}. {month}", f"im {month}", f"Anfang {month}",
            f"Ende {month} {y}", f"im {q}. Quartal {y}", f"im Q{q} {y}", f"im Jahr {y}",
            f"bis {y}", f"Mitte {month}",
        ])
    month = MONTHS_EN[m - 1]
    return rng.choice([
        f"on {month} {d}, {y}", f"on {d} {month} {y}", f"in {month}", f"in early {month}",
        f"by the end of {y}", f"in Q{q} {y}", f"in the {_ordinal(q)} quarter of {y}",
        f"in {y}", f"by {month} {y}", f"in mid-{month}",
    ])


def _ordinal(q: int) -> str:
    return ["first", "second", "third", "fourth"][q - 1]


# ------------------------------------------------------------------------------ sentences

_DE_SENTENCES = [
    "{org} plant, {date} rund {amount} {target} zu investieren.",
    "Nach Angaben von {org} sollen {date} insgesamt {amount} {target} fließen.",
    "Der Umsatz von {org} stieg {date} um {pct} auf {amount}.",
    "Der Gewinn sank im Vergleich zum Vorjahr um {pct}, teilte {org} mit.",
    "{org} will in {place} bis zu {n} neue Arbeitsplätze schaffen.",
    "In {place} sollen {date} rund {n} Stellen wegfallen, bestätigte {org}.",
    "„Wir sehen enorme Chancen“, sagte {person}, {role} von {org}.",
    "{person}, {role} bei {org}, sprach von einem „entscheidenden Schritt“.",
    "Analysten von {org2} rechnen mit einem Marktanteil von {pct} in {place}.",
    "Die Aktie von {org} legte an der Börse um {pct} zu.",
    "Die Papiere von {org} verloren zeitweise {pct} an Wert.",
    "Der Markt für {thing} in {place} wuchs {date} um {pct}.",
    "Die Ausgaben für {thing} werden auf rund {amount} geschätzt.",
    "Die operative Marge von {org} verbesserte sich um {pp}.",
    "Der Marktanteil von {org} in {place} schrumpfte um {pp}.",
    "Die Zentralbank in {place} senkte den Leitzins {date} auf {pct}.",
    "{org} hat {date} einen Kredit über {amount} aufgenommen.",
    "In {place} wurden {date} mehr als {n} Anträge für {thing} gestellt.",
    "Die Übernahme von {org2} durch {org} soll {date} abgeschlossen sein.",
    "Nach Berechnungen von {org2} fehlen in {place} bis {year} rund {amount}.",
    "Für das laufende Geschäftsjahr peilt {org} einen Umsatz von {amount} an.",
    "Die Kosten für {thing} sind seit {year} um {pct} gestiegen.",
    "{person} rechnet damit, dass {org} den Standort in {place} ausbaut.",
    "Im Aufsichtsrat von {org} sorgte der Plan für Diskussionen, berichtet {person}.",
    "Der Betriebsrat von {org} in {place} kündigte Widerstand an.",
    "{org} hält derzeit {pct} der Anteile an {org2}.",
    "Mit einem Volumen von {amount} ist es das größte Projekt in der Geschichte von {org}.",
    "Insgesamt beläuft sich das Volumen des Auftrags auf {amount}.",
    "{org} und {org2} haben {date} eine strategische Partnerschaft vereinbart.",
    "Der Abschluss der Transaktion wird {date} erwartet.",
    "Die Inflation in {place} lag zuletzt bei {pct}.",
    "Die Arbeitslosenquote in {place} stieg um {pp} auf {pct}.",
    "Laut {org2} könnten die Kosten um bis zu {amount} höher ausfallen als geplant.",
    "Die Regierung in {place} stellt dafür {amount} an Förderungen bereit.",
    "Bereits {date} hatte {org} angekündigt, {target} investieren zu wollen.",
    "Kritiker wie {person} warnen vor steigenden Kosten für {thing}.",
    "Die Gewerkschaft fordert ein Lohnplus von {pct} für die Beschäftigten von {org}.",
    "{org} beschäftigt weltweit rund {n} Menschen, davon etwa {n2} in {place}.",
    "Der Konzern erwartet für {year} ein Wachstum von {pct}.",
    "Im Vorjahr hatte {org} noch einen Verlust von {amount} ausgewiesen.",
    "Die Ratingagentur {org2} bestätigte die Bonität von {org}.",
    "Eine Sprecherin von {org} wollte die Berichte nicht kommentieren.",
    "Das Projekt in {place} soll {date} in Betrieb gehen.",
    "Die Anteile von {org2} an {org} liegen nun bei {pct}.",
]
_DE_FILLER = [
    "Beobachter sehen darin ein Signal an die gesamte Branche.",
    "Die Entscheidung fällt in eine Phase großer Unsicherheit an den Märkten.",
    "Hinter den Kulissen wird seit Monaten über die Details verhandelt.",
    "Branchenkenner halten den Zeitplan für ehrgeizig, aber machbar.",
    "Offen bleibt, wie die Behörden auf die Pläne reagieren werden.",
    "Damit verschärft sich der Wettbewerb in einem ohnehin umkämpften Markt.",
    "Die Details sollen in den kommenden Wochen bekannt gegeben werden.",
    "Der Schritt kommt für viele Marktteilnehmer nicht überraschend.",
    "Vor allem kleinere Anbieter geraten dadurch unter Druck.",
    "Ob die Rechnung aufgeht, wird sich erst in einigen Jahren zeigen.",
    "Politisch ist das Vorhaben nicht unumstritten.",
    "Die Opposition kritisiert mangelnde Transparenz bei der Vergabe.",
    "Gleichzeitig steigen die Anforderungen an Sicherheit und Datenschutz.",
    "Viele Unternehmen halten sich derzeit mit Investitionen zurück.",
    "Die Stimmung in der Industrie hat sich zuletzt leicht aufgehellt.",
    "Experten verweisen auf die hohen Energiekosten als größtes Risiko.",
    "Auch der Fachkräftemangel bremst die Expansion spürbar.",
    "Für Konsumentinnen und Konsumenten ändert sich vorerst wenig.",
    "Langfristig dürfte sich das Kräfteverhältnis in der Branche verschieben.",
    "Die Reaktionen aus der Politik fielen gemischt aus.",
    "Umweltorganisationen begrüßten die Ankündigung grundsätzlich.",
    "Die Zinswende hat die Finanzierung großer Projekte deutlich verteuert.",
    "An den Finanzmärkten wurde die Nachricht positiv aufgenommen.",
    "Zahlreiche Fragen zur Finanzierung sind noch ungeklärt.",
]
_DE_VOICES = ["Beobachter", "Branchenkenner", "Ökonomen", "Vertreter der Industrie",
              "Gewerkschafter", "Anleger", "Kritiker", "Befürworter", "Marktbeobachter",
              "Fachleute", "Umweltschützer", "Vertreter der Länder"]
_DE_VIEWS = ["sehen darin", "werten das als", "bezeichnen den Schritt als",
             "halten das Vorhaben für", "betrachten die Pläne als"]
_DE_VERDICTS = ["ein Signal an die gesamte Branche", "einen überfälligen Schritt",
                "ein riskantes Manöver", "eine Reaktion auf den Preisdruck",
                "einen Wendepunkt für den Standort", "ein Zeichen der Schwäche",
                "eine Wette auf die Zukunft", "einen Befreiungsschlag",
                "ein Zugeständnis an die Politik", "einen Testfall für ganz Europa",
                "eine teure Notlösung", "einen strategischen Coup"]
_DE_CODENAME = [
    "Intern läuft das Vorhaben unter dem Projektnamen {code}.",
    "Die neue Plattform trägt den Namen {code} und soll schrittweise ausgerollt werden.",
    "Unter der Bezeichnung {code} bündelt {org} die Aktivitäten in {place}.",
]
_DE_ROLES = [("Vorstandschef", "Vorstandschefin"), ("Finanzvorstand", "Finanzvorständin"),
             ("Sprecher", "Sprecherin"), ("Analyst", "Analystin"),
             ("Geschäftsführer", "Geschäftsführerin"), ("Aufsichtsratschef", "Aufsichtsratschefin"),
             ("Betriebsratschef", "Betriebsratschefin"), ("Ökonom", "Ökonomin")]
_DE_TITLES = [
    "{org} investiert {amount} {target}",
    "{place}: {org} streicht {n} Stellen",
    "Milliarden für {thing}: {org} treibt Ausbau voran",
    "{org} meldet {pct} mehr Umsatz",
    "{org} und {org2} schließen Partnerschaft in {place}",
    "Streit um {thing}: {place} setzt auf {org}",
    "{tag}: {org} plant Offensive in {place}",
    "Gewinneinbruch bei {org}",
    "{org} übernimmt Anteile an {org2}",
    "Neue Pläne für {thing} in {place}",
    "{org}-Chef {person} kündigt Umbau an",
    "Inflation in {place} sinkt auf {pct}",
]
_DE_HEADS = [
    "Blick nach {place}", "Reaktionen aus der Politik", "Die Rolle von {org}",
    "Kosten und Finanzierung", "Wie es weitergeht", "Kritik an den Plänen",
    "Zahlen im Überblick", "Der Markt im Wandel", "Druck auf die Margen",
    "Unabhängigkeit als strategisches Ziel", "Was Anleger erwarten", "Ein Blick zurück",
]
_DE_BOILER = ["Kommentare", "Teilen", "Kommentar schreiben", "Artikel teilen", "Mehr zum Thema",
              "Teilen (12)", "Drucken"]

_EN_SENTENCES = [
    "{org} plans to invest about {amount} {target} {date}.",
    "According to {org}, a total of {amount} will be invested {target} {date}.",
    "Revenue at {org} rose {pct} to {amount} {date}.",
    "Profit fell {pct} compared with a year earlier, {org} said.",
    "{org} wants to create up to {n} new jobs in {place}.",
    "About {n} jobs in {place} are to go {date}, {org} confirmed.",
    "\"We see enormous opportunities,\" said {person}, {role} of {org}.",
    "{person}, {role} at {org}, called it \"a decisive step\".",
    "Analysts at {org2} expect a market share of {pct} in {place}.",
    "Shares in {org} rose {pct} in early trading.",
    "Shares in {org} lost as much as {pct} during the session.",
    "The market for {thing} in {place} grew {pct} {date}.",
    "Spending on {thing} is estimated at around {amount}.",
    "The operating margin at {org} improved by {pp}.",
    "The market share of {org} in {place} shrank by {pp}.",
    "The central bank in {place} cut its key rate to {pct} {date}.",
    "{org} took out a loan of {amount} {date}.",
    "More than {n} applications for {thing} were filed in {place} {date}.",
    "The takeover of {org2} by {org} is due to be completed {date}.",
    "According to calculations by {org2}, {place} faces a gap of about {amount} by {year}.",
    "For the current financial year, {org} is targeting revenue of {amount}.",
    "The cost of {thing} has risen {pct} since {year}.",
    "{person} expects {org} to expand its site in {place}.",
    "The plan sparked debate on the board of {org}, {person} reported.",
    "Works council members at {org} in {place} announced resistance.",
    "{org} currently holds {pct} of the shares in {org2}.",
    "At {amount}, it is the largest project in the history of {org}.",
    "In total, the contract is worth {amount}.",
    "{org} and {org2} agreed a strategic partnership {date}.",
    "The deal is expected to close {date}.",
    "Inflation in {place} was last reported at {pct}.",
    "Unemployment in {place} rose by {pp} to {pct}.",
    "According to {org2}, costs could run up to {amount} above plan.",
    "The government in {place} is providing {amount} in subsidies.",
    "{org} had already announced {date} that it would invest {target}.",
    "Critics such as {person} warn of rising costs for {thing}.",
    "The union is demanding a pay rise of {pct} for staff at {org}.",
    "{org} employs about {n} people worldwide, around {n2} of them in {place}.",
    "The group expects growth of {pct} for {year}.",
    "A year earlier, {org} had reported a loss of {amount}.",
    "The rating agency {org2} affirmed its rating of {org}.",
    "A spokeswoman for {org} declined to comment on the reports.",
    "The project in {place} is due to start operating {date}.",
    "The stake held by {org2} in {org} now stands at {pct}.",
]
_EN_FILLER = [
    "Observers see it as a signal to the whole industry.",
    "The decision comes at a time of deep uncertainty in the markets.",
    "The details have been negotiated behind the scenes for months.",
    "Industry insiders consider the timetable ambitious but achievable.",
    "It remains unclear how regulators will respond to the plans.",
    "The move sharpens competition in an already crowded market.",
    "Further details are to be announced in the coming weeks.",
    "For many market participants the step came as no surprise.",
    "Smaller rivals in particular are coming under pressure.",
    "Whether the bet pays off will only become clear in a few years.",
    "Politically, the project is far from uncontroversial.",
    "The opposition criticised a lack of transparency in the tender.",
    "At the same time, requirements for security and data protection are rising.",
    "Many companies are currently holding back on investment.",
    "Sentiment in industry has brightened slightly in recent months.",
    "Experts point to high energy costs as the biggest risk.",
    "A shortage of skilled workers is also slowing the expansion.",
    "For consumers, little will change for now.",
    "In the long run, the balance of power in the sector is likely to shift.",
    "Reactions from politicians were mixed.",
    "Environmental groups broadly welcomed the announcement.",
    "Higher interest rates have made financing large projects much more expensive.",
    "Financial markets took the news well.",
    "Many questions about the financing remain open.",
]
_EN_VOICES = ["Observers", "Industry insiders", "Economists", "Business leaders",
              "Union officials", "Investors", "Critics", "Supporters", "Market watchers",
              "Experts", "Environmental campaigners", "Regional officials"]
_EN_VIEWS = ["see the move as", "regard the plans as", "describe the step as",
             "view the decision as", "consider the project"]
_EN_VERDICTS = ["a signal to the whole industry", "an overdue step", "a risky manoeuvre",
                "a response to price pressure", "a turning point for the region",
                "a sign of weakness", "a bet on the future", "a bold reset",
                "a concession to politicians", "a test case for Europe",
                "an expensive stopgap", "a strategic coup"]
_EN_CODENAME = [
    "Internally, the project runs under the code name {code}.",
    "The new platform is called {code} and will be rolled out in stages.",
    "Under the name {code}, {org} is pooling its activities in {place}.",
]
_EN_ROLES = ["chief executive", "chief financial officer", "spokesperson", "an analyst",
             "managing director", "chair", "head of strategy", "chief economist"]
_EN_TITLES = [
    "{org} to invest {amount} {target}",
    "{org} to cut {n} jobs in {place}",
    "Billions for {thing}: {org} steps up expansion",
    "{org} reports {pct} rise in revenue",
    "{org} and {org2} form partnership in {place}",
    "Row over {thing}: {place} bets on {org}",
    "{tag}: {org} plans push into {place}",
    "Profits slump at {org}",
    "{org} buys stake in {org2}",
    "New plans for {thing} in {place}",
    "{org} boss {person} announces overhaul",
    "Inflation in {place} falls to {pct}",
]
_EN_HEADS = [
    "A look at {place}", "Political reactions", "The role of {org}", "Costs and financing",
    "What happens next", "Criticism of the plans", "The numbers", "A market in flux",
    "Pressure on margins", "Independence as a goal", "What investors expect", "Looking back",
]
_EN_BOILER = ["Comments", "Share", "Share this article", "Print", "Related Topics"]

_SYLLABLES = ["ka", "vel", "ro", "mir", "dan", "tes", "lor", "quin", "zar", "bel", "nox", "tri",
              "ven", "sol", "mar", "ith", "ul", "dra", "fen", "gal", "hel", "jor", "kel", "lum",
              "nar", "pel", "rix", "sen", "tav", "vor", "wen", "xan", "yel", "zor", "obr", "esk"]

# ------------------------------------------------------------------------------ articles


@dataclass(frozen=True)
class Seed:
    """One generated seed: its file name, bytes and what the benchmarks need to know of it."""

    name: str
    text: str
    lang: str
    words: int
    codename: str
    """An invented word that occurs in this article's body and in no other article."""


class _Writer:
    """Fills templates for one article; remembers the entities it uses so they recur."""

    def __init__(self, rng: random.Random, lang: str, year: int, austrian: bool) -> None:
        self.rng, self.lang, self.year, self.austrian = rng, lang, year, austrian
        self.topic = rng.choice(TOPICS)
        # A handful of main actors per article, like a real story, plus occasional others.
        self.orgs = rng.sample(ORGS, 3)
        self.places = rng.sample(PLACES, 3)
        self.persons = rng.sample(PERSONS, 2)
        self.used: set[str] = set()
        if austrian:
            self.places[0] = rng.choice(PLACES[50:62])

    def _pick(self, main: list[Any], pool: list[Any]) -> Any:
        return self.rng.choice(main) if self.rng.random() < 0.8 else self.rng.choice(pool)

    def place(self) -> str:
        pair: tuple[str, str] = self._pick(self.places, PLACES)
        return pair[0] if self.lang == "de" else pair[1]

    def person(self) -> Person:
        chosen: Person = self._pick(self.persons, PERSONS)
        return chosen

    def role(self, person: Person) -> str:
        if self.lang == "de":
            m, f = self.rng.choice(_DE_ROLES)
            return f if person.female else m
        return self.rng.choice(_EN_ROLES)

    def fill(self, template: str, code: str = "") -> str:
        rng, lang = self.rng, self.lang
        org = self._pick(self.orgs, ORGS)
        others = [o for o in self.orgs if o != org]
        person = self.person()
        values: dict[str, Callable[[], str]] = {
            "org": lambda: org,
            "org2": lambda: rng.choice(others),
            "place": self.place,
            "person": lambda: person.name,
            "role": lambda: self.role(person),
            "amount": lambda: amount(rng, lang),
            "pct": lambda: percent(rng, lang),
            "pp": lambda: points(rng, lang),
            "date": lambda: date_phrase(rng, lang, self.year, self.austrian),
            "year": lambda: str(self.year + rng.choice([0, 1])),
            "n": lambda: _thousands(rng.choice([rng.randint(20, 900),
                                                rng.randint(1, 60) * 100]), lang),
            "n2": lambda: _thousands(rng.randint(5, 95) * 10, lang),
            "target": lambda: rng.choice(self.topic.de_targets if lang == "de"
                                         else self.topic.en_targets),
            "thing": lambda: rng.choice(self.topic.de_things if lang == "de"
                                        else self.topic.en_things),
            "tag": lambda: self.topic.de_tag if lang == "de" else self.topic.en_tag,
            "code": lambda: code,
        }
        return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)](), template)

    def sentence(self) -> str:
        """A sentence this article has not used yet: facts, background or a voice."""
        de, rng = self.lang == "de", self.rng
        for _ in range(20):
            roll = rng.random()
            if roll < 0.15:
                text = rng.choice(_DE_FILLER if de else _EN_FILLER)
            elif roll < 0.25:
                text = " ".join((rng.choice(_DE_VOICES if de else _EN_VOICES),
                                 rng.choice(_DE_VIEWS if de else _EN_VIEWS),
                                 rng.choice(_DE_VERDICTS if de else _EN_VERDICTS))) + "."
            else:
                text = self.fill(rng.choice(_DE_SENTENCES if de else _EN_SENTENCES))
            if text not in self.used:
                break
        self.used.add(text)
        return text

    def heading(self) -> str:
        de = self.lang == "de"
        pool = [*(_DE_HEADS if de else _EN_HEADS),
                *(self.topic.de_heads if de else self.topic.en_heads)]
        return self.fill(self.rng.choice(pool))


def _words(text: str) -> int:
    return len(text.split())


def _codename(rng: random.Random, used: set[str]) -> str:
    while True:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice([3, 3, 4])))
        word = word[0].upper() + word[1:]
        if word not in used:
            used.add(word)
            return word


def _article(index: int, seed: int, used_codes: set[str], used_titles: set[str]) -> Seed:
    rng = random.Random(f"{seed}:{index}")
    lang = "de" if rng.random() < 0.6 else "en"
    markdown = rng.random() < 0.4
    day = FIRST_DATE + dt.timedelta(days=rng.randint(0, (LAST_DATE - FIRST_DATE).days))
    austrian = lang == "de" and rng.random() < 0.4
    w = _Writer(rng, lang, day.year, austrian)
    code = _codename(rng, used_codes)

    title = w.fill(rng.choice(_DE_TITLES if lang == "de" else _EN_TITLES))
    # Titles make URLs (cut at 80 characters): two articles may not share one.
    key = re.sub(r"\W+", "", title.casefold())[:50]
    if key in used_titles:
        title = f"{code}: {title}"
        key = re.sub(r"\W+", "", title.casefold())[:50]
    used_titles.add(key)

    target = rng.randint(MIN_WORDS + 20, MAX_WORDS - 60)
    lead = " ".join(w.sentence() for _ in range(rng.randint(2, 3)))
    paragraphs: list[list[str]] = []
    count = _words(title) + _words(lead)
    code_at = rng.randint(0, 1)  # early in the body, so every article has its code name
    while count < target:
        sentences = [w.sentence() for _ in range(rng.randint(2, 5))]
        if len(paragraphs) == code_at:
            sentences.insert(0, w.fill(rng.choice(_DE_CODENAME if lang == "de"
                                                  else _EN_CODENAME), code))
        paragraph: list[str] = []
        for s in sentences:
            if count + _words(s) > MAX_WORDS - 10:
                break
            paragraph.append(s)
            count += _words(s)
        if not paragraph:
            break
        paragraphs.append(paragraph)
    # Run-in subheadings between paragraphs: never first or last, never two in a row.
    heads: dict[int, str] = {}
    for i in range(1, len(paragraphs)):
        if len(heads) < 3 and rng.random() < 0.3 and i - 1 not in heads:
            heads[i] = w.heading()
    # Headings count as words too; drop some if they push the article over the limit.
    for i in sorted(heads, reverse=True):
        if count + _words(heads[i]) > MAX_WORDS - 5:
            del heads[i]
        else:
            count += _words(heads[i])

    body: list[tuple[str, str]] = []  # (kind, text)
    for i, sentences in enumerate(paragraphs):
        if i in heads:
            body.append(("h", heads[i]))
        body.append(("p", " ".join(sentences)))

    stem = f"{index:05d}_{rng.getrandbits(64):016x}"
    if markdown:
        text = _markdown(rng, w, title, lead, body, day, code)
        name = f"{day.isoformat()}-{stem}.md"
    else:
        lines = [title, lead, *(t for _, t in body)]
        if rng.random() < 0.3:
            lines.append(rng.choice(_DE_BOILER if lang == "de" else _EN_BOILER))
        text = "\n".join(lines) + "\n"
        name = f"{stem}.txt"
    return Seed(name=name, text=text, lang=lang, words=count, codename=code)


def _yaml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def _markdown(rng: random.Random, w: _Writer, title: str, lead: str,
              body: list[tuple[str, str]], day: dt.date, code: str) -> str:
    meta: list[str] = []
    in_front_matter = rng.random() < 0.85
    if in_front_matter:
        meta.append(f"title: {_yaml_str(title)}")
    if rng.random() < 0.7:
        meta.append(f"date: {day.isoformat()}")
    else:
        offset = "+01:00" if day.month in (1, 2, 3, 11, 12) else "+02:00"
        meta.append(f"date: \"{day.isoformat()}T{rng.randint(6, 21):02d}:"
                    f"{rng.randint(0, 59):02d}:00{offset}\"")
    if rng.random() < 0.6:
        meta.append(f"source: https://news.example.org/{day.year}/{code.lower()}")
    if rng.random() < 0.5:
        meta.append(f"author: {_yaml_str(rng.choice(PERSONS).name)}")
    if rng.random() < 0.3:
        meta.append(f"lang: {w.lang}")
    if rng.random() < 0.4:
        tag = w.topic.de_tag if w.lang == "de" else w.topic.en_tag
        meta.append(f"tags: [{_yaml_str(tag)}, {_yaml_str(w.orgs[0])}]")
    if rng.random() < 0.2:
        meta.append(f"summary: {_yaml_str(lead.split('. ')[0].rstrip('.') + '.')}")
    parts = [f"---\n{chr(10).join(meta)}\n---\n"]
    if not in_front_matter:
        parts.append(f"# {title}\n")
    parts.append(f"{lead}\n")
    for kind, text in body:
        if kind == "h":
            parts.append(f"## {text}\n")
            continue
        if rng.random() < 0.15:  # a little Markdown around the first word: emphasis or a link
            first, _, rest = text.partition(" ")
            url = f"https://news.example.org/{code.lower()}"
            text = f"**{first}** {rest}" if rng.random() < 0.5 else f"[{first}]({url}) {rest}"
        parts.append(f"{text}\n")
    return "\n".join(parts)


def generate(n: int, seed: int = DEFAULT_SEED) -> Iterator[Seed]:
    """The first ``n`` articles of the sequence for ``seed``."""
    used_codes: set[str] = set()
    used_titles: set[str] = set()
    for i in range(n):
        yield _article(i, seed, used_codes, used_titles)


def write_seeds(folder: Path, n: int, seed: int = DEFAULT_SEED) -> list[Seed]:
    """Write ``n`` seeds into ``folder`` (created if missing); returns what was written."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = list(generate(n, seed))
    for s in seeds:
        (folder / s.name).write_text(s.text, encoding="utf-8")
    return seeds


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder", type=Path, help="seeds folder to write into")
    p.add_argument("--n", type=int, default=100, help="number of articles")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = p.parse_args(argv)
    seeds = write_seeds(args.folder, args.n, args.seed)
    words = sum(s.words for s in seeds)
    print(f"{len(seeds)} seeds, {words} words, written to {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
