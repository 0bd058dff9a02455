"""What a figure is: the noun phrase of its sentence it belongs to ("Kredite der Banken",
"revenue"), found by the word classes of German and English, never by the example at hand.

The order follows how news states a figure: a noun the figure is attached to ("Umsatz von 5
Mrd. Euro", "den Leitzins um 0,25 Punkte", "revenue of $5bn", "Kosten: 5 Mrd."), then the
noun it measures ("5 Mrd. Euro an Krediten", "$5bn in revenue"), then the subject of its
clause ("Die Kredite der Banken stiegen auf 200 Mrd. Euro"). When none is found, a short
piece of the sentence before the figure stands in for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.facts.entities.gazetteer import load as load_gazetteer
from digest.facts.entities.gazetteer import strip_accents

LABEL_MAX = 48
"""Longer labels are cut at a word: a timeline row is read on a phone."""
FRAGMENT_WORDS = 6

_BOUNDARY = re.compile(r"\n|[,;(–—]\s*|\s-\s|\b(?:dass|weil|während|which|that|while|whereas"
                       r"|said|says|sagte|sagt|erklärte|according to|zufolge)\b")
_TOKEN = re.compile(r"[^\W\d_][\w'’&.-]*[\w]|[^\W\d_]|\d[\d.,]*\S*|:")

def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Closed word classes; open classes (nouns, adjectives) are what is left.
_DE_FUNCTION = _set("""
der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner
sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer unser unsere dieser diese dieses
diesen diesem jener jene alle allen aller jede jeder jedes jeden jedem
ich du er sie es wir man sich ihm ihn uns euch wer was welche welcher welches
und oder aber sondern denn doch als wie wenn ob dass weil da damit nachdem bevor während
in im ins an am ans auf aus bei beim mit nach seit von vom zu zum zur über unter vor hinter
neben zwischen durch für gegen ohne um bis laut trotz wegen gemäß per pro je samt dank
rund etwa ca ca. knapp gut fast mehr weniger mindestens höchstens insgesamt nur noch schon
bereits zusammen ungefähr nahezu beinahe annähernd maximal minimal allein jeweils
nicht auch so sehr zudem außerdem jedoch dabei damit dafür davon dazu hier dort nun jetzt
heute gestern morgen bisher zuletzt zuvor erstmals derzeit aktuell demnach demzufolge
ist sind war waren wird werden wurde wurden hat haben hatte hatten sein gewesen worden
kann können konnte konnten soll sollen sollte sollten muss müssen will wollen
ihres seines unseres deren dessen
prozent prozentpunkte punkte millionen milliarden billionen mio mio. mrd mrd. euro dollar
franken pfund yuan
jahr jahre jahres jahren vorjahr vorjahres monat monate monats woche wochen tag tage tagen
quartal quartals halbjahr geschäftsjahr geschäftsjahres ende anfang mitte
""")
_EN_FUNCTION = _set("""
the a an this that these those its their his her our your my some any each every all no
i you he she it we they who whom whose which what there here
and or but nor so yet as if than because while when where whether though although
in on at of to for from by with about over under into onto upon after before since until
between through during against without within among per via across around
about around nearly almost roughly approximately some more less than just only up down
over under least most estimated total totalling totaling worth valued another further
not also now then still already just even once again today yesterday last next this
is are was were be been being has have had do does did will would shall should can could
may might must said says say according reported reportedly expected
near outside inside beyond above below behind
percent per cent points million millions billion billions trillion bn m euros dollars
pounds yuan
year years month months week weeks day days quarter quarters end start beginning
""")
_EN_VERBS = _set("""
rose rise rises risen fell fall falls fallen grew grow grows grown reached reach reaches
hit hits stood stand stands climbed jumped dropped slipped slumped soared surged declined
increased decreased gained lost lose loses made make makes paid pay pays spent spend spends
raised raise raises cut cuts put puts gave give gives took take takes won win wins got get
gets saw see sees plans plan planned agreed agree agrees announced announce announces
invested invest invests borrowed borrow borrows owed owe owes totalled totaled amounted
came come comes went go goes posted post posts reported report reports earned earn earns
""")
_DE_ATTACH = _set("von vom um auf über unter bis zu")
_EN_ATTACH = _set("of at to by from worth totalling totaling")
_DE_QUALIFY = _set(
    "rund etwa ca ca. knapp gut fast mehr weniger als mindestens höchstens insgesamt nur "
    "noch schon bereits zusammen ungefähr nahezu beinahe annähernd maximal bis zu stolze "
    "satte je jeweils")
_EN_QUALIFY = _set(
    "about around nearly almost roughly approximately some more less than over under just "
    "only up least most an a estimated total another further")
_DE_RIGHT = _set("an für in")
_EN_RIGHT = _set("in of on for")
_GENITIVE = {"de": _set("der des ihres seines unseres deren dessen"), "en": _set("of")}
_DET = {"de": _set("der die das den dem des ein eine einen einem einer eines "
                   "seine seinen seiner seines ihre ihren ihrer ihres"),
        "en": _set("the a an its their his her our this these those")}
_ADJ_END = re.compile(r"(?:e|en|er|es|em)$")


@dataclass(frozen=True)
class _Word:
    text: str
    lower: str
    number: bool


def figure_label(sentence: str, figure: str, lang: str) -> str:
    """What ``figure`` (as written in ``sentence``) is, in a few words of the sentence."""
    at = sentence.find(figure)
    if at < 0 or not figure:
        return ""
    left_text = sentence[:at]
    cuts = list(_BOUNDARY.finditer(left_text))
    clause = left_text[cuts[-1].end():] if cuts else left_text
    left = _words(clause)
    right = _words(_BOUNDARY.split(sentence[at + len(figure):], 1)[0])
    lang = "de" if lang == "de" else "en"
    before = _words(left_text[: cuts[-1].start()]) if cuts else []
    for found in (_attached(left, lang, before), _measured(right, lang),
                  _subject(left, lang)):
        if found:
            return _clip(found)
    return _fragment(clause)


def _words(text: str) -> list[_Word]:
    return [_Word(t, t.casefold(), t[0].isdigit()) for t in _TOKEN.findall(text)]


def _function(w: _Word, lang: str) -> bool:
    return w.lower in (_DE_FUNCTION if lang == "de" else _EN_FUNCTION)


def _noun(w: _Word, lang: str) -> bool:
    if w.number or w.text == ":" or _function(w, lang):
        return False
    if lang == "de":
        return w.text[0].isupper()
    return w.lower not in _EN_VERBS and not (
        w.text[0].islower() and w.lower.endswith(("ly", "ed")))


def _modifier(w: _Word, lang: str) -> bool:
    """A word that may stand before the noun inside its phrase (an adjective)."""
    if w.number or w.text == ":" or _function(w, lang):
        return False
    if lang == "de":
        return w.text[0].islower() and bool(_ADJ_END.search(w.lower))
    return _noun(w, lang)


def _phrase_ending(words: list[_Word], end: int, lang: str) -> str:
    """The noun phrase whose last word is ``words[end - 1]``, with one genitive before it
    ("Kredite der Banken"), without its determiner; empty when that word is no noun."""
    if end <= 0 or not _noun(words[end - 1], lang):
        return ""
    start = end - 1
    limit = 4 if lang == "en" else 3
    while start > 0 and end - start < limit and (
            _noun(words[start - 1], lang) if lang == "de" else _modifier(words[start - 1], lang)):
        start -= 1
    while start > 0 and _modifier(words[start - 1], lang) and lang == "de":
        start -= 1
    # "Kredite der Banken", "sales of the group": the genitive belongs to the noun before
    first = start
    if first >= 2 and words[first - 1].lower in _DET[lang] | _GENITIVE[lang]:
        g = first - 1
        if words[g].lower in _DET[lang] and g >= 1 and words[g - 1].lower in _GENITIVE["en"]:
            g -= 1  # "of the"
        if words[g].lower in _GENITIVE[lang] and g >= 1 and _noun(words[g - 1], lang):
            head = _phrase_ending(words, g, lang)
            if head:
                return " ".join([head, *(w.text for w in words[g:end])])
    return " ".join(w.text for w in words[start:end])


def _attached(left: list[_Word], lang: str, before: list[_Word]) -> str:
    """"Umsatz von 5 Mrd.", "den Leitzins um 0,25 Punkte", "revenue of $5bn", "Kosten:";
    "The deal, worth $3bn": a clause of only those words belongs to the phrase before it
    (``before``)."""
    qualify = _DE_QUALIFY if lang == "de" else _EN_QUALIFY
    attach = _DE_ATTACH if lang == "de" else _EN_ATTACH
    end = len(left)
    while end and left[end - 1].lower in qualify:
        end -= 1
    if end and (left[end - 1].lower in attach or left[end - 1].text == ":"):
        end -= 1
        if lang == "de" and end >= 2 and left[end - 1].lower == "höhe":
            end -= 2  # "in Höhe von"
        while end and left[end - 1].lower in qualify:
            end -= 1
        if end == 0:
            return _phrase_ending(before, len(before), lang)
    found = _phrase_ending(left, end, lang)
    start = end - len(found.split())
    while start > 0 and left[start - 1].lower in _DET[lang]:
        start -= 1
    if start > 0 and left[start - 1].lower in _PREPOSITIONS[lang]:
        return ""  # "im Oktober auf 200 Mrd.": a time or place, not what rose
    return found


def _measured(right: list[_Word], lang: str) -> str:
    """"5 Mrd. Euro an Krediten", "5 Mrd. Euro Umsatz", "$5bn in revenue"."""
    if not right:
        return ""
    start = 0
    if right[0].lower in (_DE_RIGHT if lang == "de" else _EN_RIGHT):
        start = 1
        if len(right) > 1 and (_place(right[1].text) or (
                lang == "en" and right[1].text[0].isupper())):
            return ""  # "$5bn in China", "in October": a place or a time, not what it is
    elif lang == "en":
        return ""  # English puts the noun after the figure only with "in" or "of"
    while start < len(right) and right[start].lower in _DET[lang]:
        start += 1
    end = start
    while end < len(right) and (_noun(right[end], lang) or (
            _modifier(right[end], lang) and lang == "de")) and end - start < 3:
        end += 1
    while end > start and not _noun(right[end - 1], lang):
        end -= 1
    if (end > start and lang == "de" and end + 1 < len(right)
            and right[end].lower in _GENITIVE[lang] and _noun(right[end + 1], lang)):
        end += 2  # "in den Ausbau ihres Kraftwerks"
    return _phrase_ending(right, end, lang) if end > start else ""


def _place(word: str) -> bool:
    return load_gazetteer().places.get(strip_accents(word)) is not None


_PREPOSITIONS = {
    "de": _DE_ATTACH | _set("in im an am auf aus bei beim mit nach seit zum zur für laut "
                            "gegen durch"),
    "en": _set("in on at of to for from by with after before since over under into during"),
}


def _subject(left: list[_Word], lang: str) -> str:
    """The clause's first noun phrase that no preposition governs: its subject."""
    preps = _PREPOSITIONS[lang]
    governed = False
    i = 0
    while i < len(left):
        w = left[i]
        if w.lower in preps:
            governed = True
        elif _noun(w, lang):
            end = i + 1
            while end < len(left) and (_noun(left[end], lang) or
                                       left[end].lower in _GENITIVE[lang] or
                                       left[end].lower in _DET[lang]):
                end += 1
            while end > i and not _noun(left[end - 1], lang):
                end -= 1
            if not governed:
                return _phrase_ending(left, end, lang)
            governed = False
            i = end
            continue
        elif not (w.lower in _DET[lang] or _modifier(w, lang)):
            governed = False
        i += 1
    return ""


def _clip(label: str) -> str:
    if len(label) <= LABEL_MAX:
        return label
    return label[: LABEL_MAX - 1].rsplit(" ", 1)[0] + " …"


def _fragment(clause: str) -> str:
    """The last few words before the figure, marked as cut."""
    words = clause.split()
    if not words:
        return ""
    piece = " ".join(words[-FRAGMENT_WORDS:])
    return _clip(("… " if len(words) > FRAGMENT_WORDS else "") + piece.rstrip(" :"))
