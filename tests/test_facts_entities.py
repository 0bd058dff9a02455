"""Named entities: organisations, places and persons, each once by its canonical name."""

from __future__ import annotations

import pytest

from digest.facts import extract
from digest.model import Facts
from digest.vocabulary import load_vocabulary

VOCAB = load_vocabulary()


def facts(text: str, lang: str) -> Facts:
    return extract(text, lang=lang, published=None, vocab=VOCAB)


ORGS = [
    ("de", "Titel\nDie Casinos Austria AG meldet Gewinne. Die Casag will wachsen. "
     "Casinos Austria bleibt in Wien.", ["Casinos Austria"]),
    ("de", "Titel\nDer Softwarekonzern Zentrix hat neue Produkte vorgestellt.", ["Zentrix"]),
    ("de", "Titel\nDie Brauerei Hofbräu Nord GmbH expandiert nach Polen.", ["Hofbräu Nord"]),
    ("de", "Titel\nDas Start-up QuantLeap sammelt Geld ein.", ["QuantLeap"]),
    ("de", "Titel\nWie Golem berichtet, wird der Dienst eingestellt.", ["Golem"]),
    ("de", "Titel\nDie Europäische Zentralbank hält die Zinsen. Die EZB wartet ab.", ["EZB"]),
    ("de", "Titel\nDas Finanzministerium prüft den Vorschlag der Arbeiterkammer.",
     ["Finanzministerium", "Arbeiterkammer"]),
    ("de", "Titel\nDie ÖVP und die SPÖ streiten über das Budget.", ["ÖVP", "SPÖ"]),
    ("de", "Titel\nDie EU-Kommission will Regeln für alle EU-Länder.", ["EU-Kommission", "EU"]),
    ("en", "Title\nThe Office of Fair Trading (OFT) said the OFT would act.",
     ["Office of Fair Trading"]),
    ("en", "Title\nShares in Brightline Holdings Inc rose sharply.", ["Brightline Holdings"]),
    ("en", "Title\nThe mobile firm Vantaro said sales were strong.", ["Vantaro"]),
    ("en", "Title\nThe Northshore Building Society cut its mortgage rates.",
     ["Northshore Building Society"]),
    ("en", "Title\nReuters reported that Barclays and HSBC would merge units.",
     ["Reuters", "Barclays", "HSBC"]),
    ("en", "Title\nThe US Federal Reserve raised rates; the Fed said more may come.",
     ["Federal Reserve"]),
    # Two companies joined by "und"/"and", a common noun with "von" before a name: the run
    # stops at the legal form and the name starts after "von".
    ("de", "Titel\nDie Vertex Data SE und Talwerk Wind AG haben eine Partnerschaft.",
     ["Vertex Data", "Talwerk Wind"]),
    ("de", "Titel\nMarlow Capital Group und Talwerk Wind AG einigten sich.",
     ["Marlow Capital Group", "Talwerk Wind"]),
    ("de", "Titel\nDie Aktie von Baltica Capital AG legte an der Börse zu.",
     ["Baltica Capital"]),
    ("de", "Titel\nAnalysten von Cedar Pharma Holding erwarten mehr.", ["Cedar Pharma Holding"]),
    ("en", "Title\nAurora Mobility GmbH and Harbor Networks SE agreed a partnership.",
     ["Aurora Mobility", "Harbor Networks"]),
    ("en", "Title\nShares in Marks and Spencer Group rose.", ["Marks and Spencer Group"]),
    ("de", "Titel\nDie Müller Logistik GmbH & Co. KG wächst.", ["Müller Logistik"]),
    ("de", "Titel\nLaut Brightwater Foods Group steigen die Kosten.", ["Brightwater Foods Group"]),
    ("de", "Titel\nDie Ratingagentur Adlerhorst Pharma GmbH bestätigte die Bonität.",
     ["Adlerhorst Pharma"]),
    ("en", "Title\nShares in Ashford Solar Inc rose in London.", ["Ashford Solar"]),
    ("de", "Titel\nAlpenblick Textil und Eisenberg Medien AG haben eine Partnerschaft.",
     ["Eisenberg Medien"]),
    ("en", "Title\nDeutsche Bank and Vertex Data SE agreed a partnership.",
     ["Deutsche Bank", "Vertex Data"]),
    ("en", "Title\nThe Department for Business and Trade said so.",
     ["Department for Business and Trade"]),
    ("de", "Titel\nTSMC und Harbor Networks SE bauen ein Werk.", ["Harbor Networks"]),
    ("de", "Titel\nDie Schmidt Bau GmbH & Co KG baut.", ["Schmidt Bau"]),
    ("de", "Titel\nSie ist seit Montag Chefin der Talwerk Wind AG.", ["Talwerk Wind"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ORGS)
def test_organisations(lang: str, text: str, expected: list[str]) -> None:
    """Known names, legal forms, CamelCase, appositions, sources and acronyms are found once."""
    assert list(facts(text, lang).orgs) == expected


PLACES = [
    ("de", "Titel\nChinas Exporte und der US-Markt wachsen; Investoren aus den Vereinigten "
     "Staaten und Abu Dhabi sind dabei.", ["China", "USA", "Abu Dhabi"]),
    ("de", "Titel\nDie US-amerikanischen Firmen und französischen Banken zögern.", []),
    ("de", "Titel\nIn Italiens Norden, in Mailand und Graz, regnet es.",
     ["Italien", "Mailand", "Graz"]),
    ("de", "Titel\nDer Zug fährt von Essen nach Wien.", ["Wien", "Essen"]),
    ("de", "Titel\nIn Deutschland, Österreich und der Schweiz wird gewählt.",
     ["Deutschland", "Österreich", "Schweiz"]),
    ("en", "Title\nChina's exports to the US and the UK rose; Beijing welcomed it.",
     ["China", "US", "UK", "Beijing"]),
    ("en", "Title\nReading the report in New York, she flew to Tokyo.", ["New York", "Tokyo"]),
    ("en", "Title\nThe Chinese and Russian delegations met in Europe.", ["Europe"]),
    ("en", "Title\nAOL Europe opened an office in Georgia.", ["Georgia"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PLACES)
def test_places(lang: str, text: str, expected: list[str]) -> None:
    """Countries, cities and regions in nominative form; no demonyms, no common words."""
    assert list(facts(text, lang).places) == expected


PERSONS = [
    ("de", "Titel\nFinanzminister Hans Jörg Schelling (ÖVP) sagte, Schelling bleibe hart.",
     ["Hans Jörg Schelling"]),
    ("de", "Titel\nLaut Generaldirektorin Petra Wagner steigt der Umsatz. Wagner ist zufrieden.",
     ["Petra Wagner"]),
    ("de", "Titel\nPrinz William (32) traf Queen Elizabeth II. (89) in London.",
     ["Prinz William", "Queen Elizabeth II."]),
    ("en", "Title\nMr Brennan's plan was backed by Alan Brennan's deputy, Sarah Collins.",
     ["Alan Brennan", "Sarah Collins"]),
    ("en", "Title\n\"We are ready,\" said chief executive Tom Hadley. Mr Hadley added more.",
     ["Tom Hadley"]),
    ("en", "Title\nEconomy minister Heizo Tanabe said growth was weak.", ["Heizo Tanabe"]),
    ("en", "Title\nThe report was welcomed by President Okafor.", ["Okafor"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PERSONS)
def test_persons(lang: str, text: str, expected: list[str]) -> None:
    """Full names at first mention, without honorifics; a later surname is the same person."""
    assert list(facts(text, lang).persons) == expected


def test_byline_agency_and_author() -> None:
    """The Austrian byline "(APA, 26.7.2015)" names the agency; "(Name, date)" the author."""
    f = facts("Titel\nDer Text endet hier. (APA, 26.7.2015)", "de")
    assert f.orgs == ("APA",)
    g = facts("Titel\nDer Text endet hier. (Maria Huber, 3.2.2016)", "de")
    assert g.persons == ("Maria Huber",)
    h = facts("Titel\nDer Text endet hier. (red, 3.2.2016)", "de")
    assert h.orgs == () and h.persons == ()


def test_products_and_events_are_not_organisations() -> None:
    """Products like "G7 X" or a hashtag are not organisations."""
    f = facts("Titel\nDie G7 X kostet 700 Euro. Unter #CheersBDB posteten Fans Bilder.", "de")
    assert f.orgs == ()


def test_entities_title_first_then_body_order() -> None:
    """Names in the title lead (in body order, title-only ones after), then the body's names."""
    f = facts("Google gegen Microsoft\nApple klagt. Microsoft verklagt Apple und Intel.", "de")
    assert f.orgs == ("Microsoft", "Google", "Apple", "Intel")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Titel\nDie Regierung und die Polizei wollen im Herbst mehr Geld für Bildung."),
        ("en", "Title\nThe government said the police would need more money next year."),
    ],
)
def test_no_entities_in_plain_text(lang: str, text: str) -> None:
    """Generic nouns ("Regierung", "police") invent no entities."""
    f = facts(text, lang)
    assert (f.orgs, f.places, f.persons) == ((), (), ())


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Ein stiller Morgen\nDer Nebel liegt über den Feldern. Die Vögel singen, und "
         "niemand weiß, wie lange das noch so bleibt. Später kommt die Sonne."),
        ("en", "A quiet morning\nFog lies over the fields. The birds sing, and nobody knows "
         "how long it will last. Later the sun comes out."),
    ],
)
def test_nothing_invented_in_text_without_facts(lang: str, text: str) -> None:
    """A text without figures or names yields no facts at all."""
    assert facts(text, lang).is_empty()
