"""Organisations, places and persons: vocabulary and gazetteer look-ups plus language cues."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from digest.facts.context import Context, find_words, finditer_from
from digest.facts.gazetteer import Gazetteer, load, strip_accents
from digest.vocabulary import Vocabulary

TOKEN = re.compile(r"[#@]?\w[\w'’&]*(?:[.\-]\w[\w'’&]*)*|&")
POSSESSIVE = re.compile(r"['’]s?$")
ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)\.?$")
CONNECT = {"of", "and", "for", "the", "de", "dei", "di", "du", "des", "der", "la", "le", "van",
           "von", "und", "für", "&"}
DATELINE = re.compile(
    r"(?P<where>[A-ZÄÖÜ][\w.'-]*(?:[ /][A-ZÄÖÜ][\w.'-]*){0,3}) [–-] (?=[A-ZÄÖÜ\"„])"
)
ORG_COMPOUND = re.compile(
    r"(?:Chef|Chefin|Sprecher|Sprecherin|Aktie|Aktien|Aktionär|Aktionäre|Konzern|Vorstand|"
    r"Vorstandschef|Boss|Gründer|Manager|Kurs|Kurse|Tochter|Mutter|Mitarbeiter|Eigentümer|"
    r"Gruppe|Zentrale|Filiale|Filialen)$"
)
GENERIC_DE = {"Brauerei", "Molkerei", "Bäckerei", "Druckerei", "Reederei", "Spedition",
              "Kanzlei", "Agentur", "Bank", "Versicherung", "Handelskette", "Baufirma",
              "Baukonzern", "Holding", "Gruppe", "Firma", "Fluglinie", "Airline", "Werft",
              "Mühle", "Kellerei", "Sägewerk", "Zeitung", "Verlag", "Tochter", "Mutter"}
JOINS = {"und", "and", "&"}
"""Words that join two names; after a legal form they end the first."""
DE_LEADING = {"Laut", "Nach", "Bei", "Mit", "Auch", "Bereits", "Zudem", "Für", "Gegen", "Über",
              "Unter", "Wie", "Seit", "Trotz", "Während", "Dass", "Denn", "Doch", "Neben"}
"""Capitalised at a sentence's start, never the first word of a company's name."""
ARTICLES = {"The", "Der", "Die", "Das", "A", "An", "Ein", "Eine"}
CONNECT_IN_NAME = {"of", "and", "for", "de", "dei", "di", "du", "des", "der", "la", "le", "van",
                   "von", "&", "y", "da", "do", "dos", "del", "bin", "al", "ibn"}
LEGAL = {"AG", "GmbH", "SE", "Inc", "Inc.", "plc", "PLC", "Ltd", "Ltd.", "Corp", "Corp.",
         "KG", "OG", "LLC", "NV", "N.V", "SA", "S.A", "AB", "ASA", "SpA", "S.p.A", "Co",
         "KGaA", "eG", "Holding", "Holdings", "Group", "Gruppe"}
LEGAL_IN_NAME = {"Group", "Gruppe", "Holding", "Holdings"}
"""Legal-form words that stay part of the name ("Marlow Capital Group")."""
ORG_HEADS = {
    "Organisation", "Organization", "Programme", "Program", "Office", "Department",
    "Ministry", "Agency", "Commission", "Council", "Court", "Institute", "University",
    "Association", "Union", "Party", "Fund", "Authority", "Bank", "Reserve", "Foundation",
    "Corporation", "Company", "Brothers", "Partners", "Holdings", "Bureau", "Service",
    "Magazine", "Times", "News", "Post", "Journal", "Airlines", "Airways", "Motors",
    "Systems", "System", "Network", "Society", "Federation", "Committee", "Board", "Police",
    "Parliament", "Assembly", "Congress", "Senate", "College", "School", "Trust", "Club",
    "Laboratories", "Labs", "Lab", "Telegraph", "Herald", "Tribune", "Gazette", "Observer",
    "Records", "Studios", "Pictures", "Entertainment", "Industries", "Technologies",
    "Telecom", "Communications", "Electronics", "Pharmaceuticals", "Insurance", "Capital",
    "Securities", "Investments", "Exchange", "Institut", "Universität", "Verband",
    "Kommission", "Ministerium", "Gericht", "Gerichtshof", "Behörde", "Stiftung", "Partei",
    "Zeitung", "Kammer", "Agentur", "Gewerkschaft", "Konzern", "Versicherung", "Werke",
}
DE_ORG_ENDINGS = ("ministerium", "kommission", "gericht", "gerichtshof", "kammer", "behörde",
                  "verband", "gewerkschaft")
DE_ORG_SUFFIX = re.compile(
    r"^[A-ZÄÖÜ][a-zäöüß]{2,}(?:ministerium|kommission|gericht|gerichtshof|kammer|behörde|"
    r"verband|gewerkschaft)$"
)
ORG_CUES = {
    "de": re.compile(
        r"^(?:[\w-]*(?:[Kk]onzern|[Hh]ersteller|[Bb]etreiber|[Aa]nbieter|[Hh]ändler|"
        r"[Vv]ersicherer|[Kk]onkurrent|[Rr]ivale|[Ss]ender|[Ff]luglinie|[Aa]irline|"
        r"[Aa]utobauer|[Mm]obilfunker|[Pp]rovider|[Dd]ienstleister|[Mm]arktforscher|"
        r"[Ii]nvestor|[Rr]iese|[Gg]roßbank|[Ff]irma|[Ss]tart-?up|[Pp]lattform|[Kk]ette|"
        r"[Nn]achrichtenagentur|[Zz]eitung|[Mm]agazin|[Dd]ienst|[Ll]abel|[Vv]erlag|"
        r"[Zz]eitschrift|[Bb]latt|[Mm]iliz|[Vv]erein|[Kk]lub|[Cc]lub|[Pp]artei|[Bb]ank|"
        r"[Oo]rganisation|[Ss]tiftung|[Gg]ewerkschaft|[Bb]rauerei|[Kk]ellerei|[Ss]upermarkt)|"
        r"Unternehmen|Tochter|Mutter|Gruppe)$"
    ),
    "en": re.compile(
        r"^(?:firm|company|group|giant|maker|makers|bank|carrier|operator|retailer|airline|"
        r"rival|broadcaster|newspaper|agency|insurer|provider|website|start-up|startup|"
        r"chain|manufacturer|network|studio|label|publisher|developer|regulator|watchdog|"
        r"lender|investor|supplier|distributor|conglomerate|outfit|specialist|"
        r"[\w-]+maker|[\w-]+firm)$"
    ),
}
SOURCE_CUE = {
    "de": re.compile(
        r"\bwie\s+(?:die\s+|das\s+|der\s+)?(?P<n>[A-Z][\w.-]+(?:\s[A-Z][\w.-]+)?)\s+"
        r"(?:\w+\s+){0,2}(?:berichtet|berichtete|meldet|meldete|schreibt|schrieb|"
        r"zusammenfasst|aufgespürt|herausgefunden|erfahren|analysiert|zeigt|zitiert)"
    ),
    "en": re.compile(
        r"\b(?:according to|told|reported by|quoted by|said in a statement to)\s+"
        r"(?:the\s+)?(?P<n>[A-Z][\w.-]+(?:\s[A-Z][\w.-]+)?)(?:\s+(?:newspaper|website|"
        r"magazine|news agency|agency))"
    ),
}
SOURCE_CUE_STARTS = {
    "de": ("wie",),
    "en": ("according to", "told", "reported by", "quoted by", "said in a statement to"),
}
"""The literal every match of ``SOURCE_CUE`` starts with."""
ROYAL = {"Prinz", "Prinzessin", "König", "Königin", "Queen", "King", "Prince", "Princess",
         "Kaiser", "Kaiserin", "Emperor", "Empress", "Papst", "Pope", "Herzog", "Herzogin",
         "Duke", "Duchess", "Kronprinz", "Kronprinzessin"}
HONORIFIC = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Lord", "Lady", "Sir", "Dame", "Herr", "Frau",
             "Prof", "Professor", "Rev", "Mag", "Ing", "Dipl", "DI"}
ROLE = {
    "de": re.compile(
        r"^(?:[\w-]*(?:[Pp]räsident|[Pp]räsidentin|[Kk]anzler|[Kk]anzlerin|[Mm]inister|"
        r"[Mm]inisterin|[Cc]hef|[Cc]hefin|[Ss]precher|[Ss]precherin|[Dd]irektor|"
        r"[Dd]irektorin|[Vv]orstand|[Gg]eschäftsführer|[Gg]eschäftsführerin|"
        r"[Bb]ürgermeister|[Bb]ürgermeisterin|[Hh]auptmann|[Hh]auptfrau|[Aa]bgeordnete|"
        r"[Aa]bgeordneter|[Kk]ommissar|[Kk]ommissarin|[Ee]xperte|[Ee]xpertin|[Aa]nalyst|"
        r"[Aa]nalystin|[Öö]konom|[Öö]konomin|[Pp]rofessor|[Pp]rofessorin|[Tt]rainer|"
        r"[Tt]rainerin|[Aa]utor|[Aa]utorin|[Rr]ichter|[Rr]ichterin|[Aa]nwalt|[Aa]nwältin|"
        r"[Gg]ründer|[Gg]ründerin|[Ll]eiter|[Ll]eiterin|[Oo]bmann|[Oo]bfrau|[Ss]ekretär|"
        r"[Ss]ekretärin|[Bb]otschafter|[Bb]otschafterin|[Ff]orscher|[Ff]orscherin|"
        r"[Ss]enator|[Gg]ouverneur|[Vv]orsitzende|[Vv]orsitzender|[Mm]anager|[Mm]anagerin))$"
    ),
    "en": re.compile(
        r"^(?:[Pp]resident|[Mm]inister|[Cc]hancellor|[Ee]xecutive|[Cc]hairman|[Cc]hairwoman|"
        r"[Cc]hair|[Ss]pokesman|[Ss]pokeswoman|[Ss]pokesperson|[Dd]irector|[Hh]ead|"
        r"[Aa]nalyst|[Ee]conomist|[Ee]xpert|[Ss]enator|[Gg]overnor|[Ss]ecretary|[Ff]ounder|"
        r"[Bb]oss|[Cc]oach|[Mm]anager|[Ll]eader|[Cc]hief|[Cc]orrespondent|[Ee]ditor|"
        r"[Pp]rofessor|[Ll]awyer|[Jj]udge|[Aa]mbassador|[Cc]ommissioner|[Mm]ayor|"
        r"[Ss]trategist|[Rr]esearcher|[Aa]uthor|[Pp]resenter|[Ss]inger|[Aa]ctor|[Aa]ctress|"
        r"[Ss]tar|[Ss]triker|[Gg]eneral|[Cc]olonel|[Cc]aptain|[Ii]nspector|[Dd]etective|"
        r"[Ss]uperintendent|[Pp]remier|PM|MP|MEP|Sen\.|Rep\.|Gov\.|[Aa]thletes?|"
        r"[Ss]printers?|[Pp]layers?|[Cc]hampion|[Rr]unner|[Bb]oxer|[Gg]olfer|[Dd]river|"
        r"[Rr]ider|[Ww]inner|[Mm]idfielder|[Dd]efender|[Gg]oalkeeper|[Ff]orward|[Ss]kipper|"
        r"[Tt]eam-mate|[Cc]ompatriot|[Pp]roducer|[Ww]riter|[Nn]ovelist|[Aa]rtist|"
        r"[Dd]esigner|[Hh]ost|[Cc]omedian|[Cc]ounsel|[Pp]rosecutor|[Aa]ttorney|[Ss]urgeon|"
        r"[Dd]octor|[Ss]cientist|[Cc]ommentator|[Cc]ampaigner|[Aa]ctivist|[Dd]eputy|"
        r"[Rr]egulator|[Ss]hadow|[Cc]olumnist|[Cc]ritic|[Tt]rainer|[Jj]ockey|[Bb]atsman|"
        r"[Bb]owler|[Ff]ly-half|[Ss]crum-half|[Ww]inger|[Ll]ock|[Pp]rop|[Hh]ooker)$"
    ),
}
PLACE_NAME_HEADS = {"Quarter", "Airport", "City", "Street", "Road", "Times", "Post", "Open",
                    "Marathon", "Agreement", "Declaration", "Convention", "Stock", "Exchange",
                    "Energie", "Börse", "Zoo", "Police", "Council", "University", "Universität",
                    "Group", "Bank", "Airlines", "Airways", "Club", "FC", "United"}
PRODUCTS = {"PlayStation", "PowerShot", "MacBook", "ThinkPad", "PowerPoint", "OneDrive",
            "SharePoint", "GeForce", "FaceTime", "AirPods", "AirDrop", "iPhone", "iPad",
            "CheersBDB", "JavaScript", "WordPress", "BlackBerry"}
NOT_SURNAME = {"Am", "Im", "In", "Der", "Die", "Das", "Und", "The", "And", "Of", "For", "Von",
               "Mit", "Bei", "Auf", "Aus", "Zum", "Zur", "Vom", "An", "Als", "Auch", "Wie",
               "Was", "Wenn", "Dass", "Ein", "Eine", "Sie", "Er", "Es", "Wir", "Ich", "On",
               "At", "To", "As", "By", "But", "He", "She", "It", "We", "They", "This", "That"}


_Word = tuple[bool, str, bool, bool, int]
_WORDS: dict[str, dict[str, _Word]] = {"de": {}, "en": {}}
"""Language -> word -> what a token needs of it."""
F_ROYAL, F_FIRST, F_HONORIFIC, F_ROLE, F_ORG_CUE, F_ORG_LIKE = 1, 2, 4, 8, 16, 32
"""Word facts: a royal title, a first name, an honorific (also with a full stop), a cue for a
person after it (honorific or role), a cue for an organisation after it, name-like."""


def _word(word: str, lang: str) -> _Word:
    """What a token needs of its word, worked out once per word and language."""
    base = POSSESSIVE.sub("", word)
    flags = (
        (F_ROYAL if word in ROYAL else 0)
        | (F_FIRST if word in load().first_names else 0)
        | (F_HONORIFIC if word in HONORIFIC or word.rstrip(".") in HONORIFIC else 0)
        | (F_ROLE if word in HONORIFIC or ROLE[lang].match(word) else 0)
        | (F_ORG_CUE if ORG_CUES[lang].match(word) else 0)
        | (F_ORG_LIKE if _org_like(word, lang) else 0)
    )
    info = (word[:1].isupper(), base, base[1:].islower(), base.endswith(DE_ORG_ENDINGS), flags)
    table = _WORDS[lang]
    if len(table) < 200_000:
        table[word] = info
    return info


_MEMO: dict[str, dict[str, bool]] = {}
"""Kind of test -> word -> result."""


def _memo_table(kind: str) -> dict[str, bool]:
    table = _MEMO.get(kind)
    if table is None:
        table = _MEMO[kind] = {}
    return table


def _memo(kind: str, word: str, rx: re.Pattern[str]) -> bool:
    """``rx.match(word)``, remembered: the same few cue words come up in every article."""
    table = _memo_table(kind)
    hit = table.get(word)
    if hit is None:
        hit = rx.match(word) is not None
        if len(table) < 200_000:
            table[word] = hit
    return hit


@dataclass(slots=True)
class _Ent:
    kind: str
    key: str
    display: str
    first: int
    surfaces: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Lex:
    """Known names for one vocabulary: accent-stripped spelling -> (kind, canonical)."""

    names: dict[str, tuple[str, str]]
    first_tokens: dict[str, int]
    """First word of every known name -> most words a name starting with it has."""
    first_sizes: dict[str, frozenset[int]]
    """First word of every known name of several words -> how many words such names have."""
    sizes: dict[str, frozenset[int]] = field(default_factory=dict)
    """Token -> ``first_sizes`` of its accent-stripped spelling, as looked up."""
    memo: dict[str, dict[str, tuple[str, str, str] | None]] = field(default_factory=dict)
    """Look-ups already made, by language and spelling."""
    longest: dict[str, int] = field(default_factory=dict)
    """Token -> most words of a known name starting with it (0: none), as looked up."""
    compounds: dict[str, dict[str, tuple[tuple[str, str, str] | None, str]]] = field(
        default_factory=dict
    )
    """Compound look-ups already made, by language and word: the hit and its head."""


_LEX_CACHE: dict[int, tuple[Vocabulary, _Lex]] = {}
_NO_SIZES: frozenset[int] = frozenset()


def _lexicon(vocab: Vocabulary, gaz: Gazetteer) -> _Lex:
    hit = _LEX_CACHE.get(id(vocab))
    if hit is not None and hit[0] is vocab:
        return hit[1]
    names: dict[str, tuple[str, str]] = {}
    for surface, canonical in vocab.names:
        kind = vocab.kinds.get(canonical, "orgs")
        if kind == "places":
            continue
        names[strip_accents(surface)] = (kind, canonical)
        for form in _inflections(surface):
            names.setdefault(strip_accents(form), (kind, canonical))
    firsts: dict[str, int] = {}
    sizes: dict[str, set[int]] = {}
    for k in [*names, *gaz.places]:
        words = k.split(" ")
        firsts[words[0]] = max(firsts.get(words[0], 0), len(words))
        if len(words) > 1:
            sizes.setdefault(words[0], set()).add(len(words))
    lex = _Lex(names, firsts, {w: frozenset(n) for w, n in sizes.items()})
    if len(_LEX_CACHE) > 16:
        _LEX_CACHE.clear()
    _LEX_CACHE[id(vocab)] = (vocab, lex)
    return lex


def _org_like(word: str, lang: str) -> bool:
    """Looks like a name rather than an ordinary (German) noun (remembered)."""
    table = _memo_table(lang + "like")
    hit = table.get(word)
    if hit is None:
        hit = _org_like_uncached(word, lang)
        if len(table) < 200_000:
            table[word] = hit
    return hit


def _org_like_uncached(word: str, lang: str) -> bool:
    if not word[:1].isupper() or word in NOT_SURNAME:
        return False
    if NAME_SHAPE.search(word):
        return True
    if lang == "de":
        return DE_NOUN_END.search(word) is None and word not in _DE_FUNCTION
    return True


_ADJ = re.compile(r"^([A-ZÄÖÜ][a-zäöüß]+?)(e|es|er|en|em)$")


def _inflections(name: str) -> list[str]:
    """German case forms of a name that starts with adjectives: ``Weißes Haus`` ->
    ``Weiße Haus``, ``Weißen Haus``, ``Weißen Hauses``; ``Rotes Kreuz`` -> ``Roten Kreuzes``."""
    words = name.split(" ")
    if len(words) < 2:
        return []
    stems = []
    for w in words[:-1]:
        m = _ADJ.match(w)
        if not m:
            return []
        stems.append(m.group(1))
    head = words[-1]
    out = []
    for ending in ("e", "en", "es", "er", "em"):
        adj = " ".join(st + ending for st in stems)
        for noun in (head, head + "s", head + "es"):
            out.append(f"{adj} {noun}")
    return out


_PUNCT = "\"'„“”‚‘’«»()[]{}.,;:!?*"
_NO_WORD_END = _PUNCT + " \n"
"""Characters before a space after which ``_prev_word`` finds no word."""
_CONNECTORS = CONNECT | CONNECT_IN_NAME | {"ohne"}
_CAND = re.compile(
    r"(?P<w>[A-ZÄÖÜÀ-ÞĀ-Ž][\w'’&]*+(?:[.\-]\w[\w'’&]*+)*+)"
    r"(?: (?P<c>" + "|".join(sorted(_CONNECTORS, key=len, reverse=True)) + r")(?= [A-ZÄÖÜ]))?"
)
"""A capitalised word, and a name connector after it ("Bank of", "Monte dei"). The word is
matched possessively: what follows it is optional, so the engine never needs to give back."""
_WORD_AT = re.compile(r"\w[\w-]*")
LOWER_NAMES = ("dpa", "voestalpine", "eBay", "iPhone", "iPad", "iTunes", "easyJet")
"""Names written in lower case that the look-ups should still see."""


def _tokens(
    text: str, lang: str
) -> tuple[list[int], list[int], list[str], list[bool], list[_Word]]:
    """Candidate name words with offsets; plain lower-case words are skipped."""
    found: list[tuple[int, str, str | None]] = [
        (m.start(), m[1], m[2]) for m in list(_CAND.finditer(text))
    ]
    extra = find_words(text, LOWER_NAMES)
    if extra:
        found += [(i, m.group(), None) for i in extra if (m := _WORD_AT.match(text, i))]
        found.sort()
    starts: list[int] = []
    words: list[str] = []
    glued: list[bool] = []
    add_start, add_word, add_glued = starts.append, words.append, glued.append
    tags = "#" in text or "@" in text
    last_end = -2
    for start, word, conn in found:
        if tags and start and text[start - 1] in "#@":
            last_end = -2  # a hashtag or handle: no name, and the next word is not glued
            continue
        add_glued(start == last_end + 1 and text[start - 1] == " ")
        if word[-1] in "'’":
            word = word[:-1]
        add_start(start)
        add_word(word)
        last_end = start + len(word)
        if conn:
            last_end += 1
            add_start(last_end)
            add_word(conn)
            add_glued(True)
            last_end += len(conn)
    ends = [s + len(w) for s, w in zip(starts, words, strict=True)]
    known = _WORDS[lang].get
    infos = [known(w) or _word(w, lang) for w in words]
    return starts, ends, words, glued, infos


def _prev_word(text: str, start: int) -> str:
    """The word right before ``start`` when only one space separates them."""
    if start < 2 or text[start - 1] != " ":
        return ""
    j = max(text.rfind(" ", 0, start - 1), text.rfind("\n", 0, start - 1)) + 1
    word = text[j : start - 1]
    if not word or word[-1] in _PUNCT:
        return ""
    return word.lstrip(_PUNCT)


class _Finder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.gaz = load()
        self.lex = _lexicon(ctx.vocab, self.gaz)
        # the tokens, one list per attribute (index k is token k)
        starts, ends, texts, glued, infos = _tokens(ctx.text, ctx.lang)
        self.starts, self.ends, self.texts, self.glued = starts, ends, texts, glued
        self.n = n = len(starts)
        columns: list[tuple[Any, ...]] = list(zip(*infos, strict=True)) or [()] * 5
        self.caps: tuple[bool, ...] = columns[0]
        """Capitalised."""
        self.bases: tuple[str, ...] = columns[1]
        """The word without a possessive ``'s``."""
        self.plains: tuple[bool, ...] = columns[2]
        """The base is a plain capitalised word (lower case after the first letter)."""
        self.bodies: tuple[bool, ...] = columns[3]
        """The base ends like a German body (``-ministerium``)."""
        self.flags: tuple[int, ...] = columns[4]
        """The ``F_*`` facts of the word."""
        self.claimed = claimed = [False] * n
        self._prevs: dict[int, str] = {}
        # figures of amounts and dates ("US-Dollar", "Juli") are not names: mark the tokens
        # that overlap a claimed span (a token overlaps [s, e) when it starts before e and
        # ends after s, so it starts after s - the longest token)
        if ctx.claims and n:
            longest = max([e - s for s, e in zip(starts, ends, strict=True)])
            for s, e in set(ctx.claims):  # money claims its amounts twice
                j = bisect.bisect_left(starts, e) - 1
                while j >= 0 and starts[j] > s - longest:
                    if ends[j] > s:
                        claimed[j] = True
                    j -= 1
        self.ents: dict[tuple[str, str], _Ent] = {}
        self.acronyms: dict[str, tuple[str, str]] = {}
        self._compound_head = ""
        self._lookups = self.lex.memo.setdefault(ctx.lang, {})
        self._compounds = self.lex.compounds.setdefault(ctx.lang, {})

    # -- bookkeeping -------------------------------------------------------------------
    def add(self, kind: str, key: str, display: str, pos: int, surface: str) -> None:
        ent = self.ents.get((kind, key))
        if ent is None:
            ent = _Ent(kind, key, display, pos)
            self.ents[(kind, key)] = ent
        ent.first = min(ent.first, pos)
        ent.surfaces.append((pos, surface))

    def claim(self, i: int, n: int) -> None:
        end = min(i + n, self.n)
        if end > i:
            self.claimed[i:end] = [True] * (end - i)

    def free(self, i: int, n: int) -> bool:
        if n == 1:
            return i < self.n and not self.claimed[i]
        return i + n <= self.n and not any(self.claimed[i : i + n])

    def joined(self, i: int, n: int) -> bool:
        """Tokens i..i+n-1 are one run of words separated by single spaces."""
        if n == 2:
            return self.glued[i + 1]
        return all(self.glued[i + 1 : i + n])

    def sentence_start(self, i: int) -> bool:
        return self.ctx.is_sentence_start(self.starts[i])

    def prev_word(self, k: int) -> str:
        """The word right before token k (any case), empty after punctuation."""
        prev = self._prevs.get(k)
        if prev is None:
            start, text = self.starts[k], self.text
            # the usual cases without a word: no single space before, or punctuation
            if start < 2 or text[start - 1] != " " or text[start - 2] in _NO_WORD_END:
                prev = ""
            else:
                prev = _prev_word(text, start)
            self._prevs[k] = prev
        return prev

    # -- look-ups ----------------------------------------------------------------------
    def lookup(self, words: str) -> tuple[str, str, str] | None:
        """(kind, key, display) of a known name, trying possessive and genitive forms."""
        memo = self._lookups
        if words in memo:
            return memo[words]
        hit = self._lookup(words)
        if len(memo) < 200_000:
            memo[words] = hit
        return hit

    def _lookup(self, words: str) -> tuple[str, str, str] | None:
        forms = [words]
        base = POSSESSIVE.sub("", words)
        if base != words:
            forms.append(base)
        if (self.ctx.lang == "de" and words.endswith("s") and len(words) > 4
                and words not in self.gaz.first_names):
            forms.append(words[:-1])  # genitive: "Italiens", "Chinas"
        for form in forms:
            c = strip_accents(form)
            if c in self.lex.names:
                kind, canonical = self.lex.names[c]
                return kind, canonical, canonical
            place = self.gaz.places.get(c)
            if place is not None:
                if place.kind == "country":
                    return "places", place.key, self._country_display(place.key, form)
                return "places", place.key, place.key
        return None

    def _country_display(self, code: str, surface: str) -> str:
        if self.ctx.lang == "de":
            # a one-word name as written ("Mazedonien", "Holland"); inflected and
            # abbreviated forms ("Vereinigten Staaten", "US") by the German name
            preferred = self.gaz.country_names["de"].get(code, surface)
            if " " not in surface and not surface.isupper() and "." not in surface:
                return surface
            return preferred
        return surface.replace(".", "") if len(surface) <= 5 else surface

    # -- passes ------------------------------------------------------------------------
    def byline(self) -> None:
        m = self.ctx.byline()
        if not m:
            return
        body = self.text.rstrip()
        line_start = body.rfind("\n") + 1
        for part in re.split(r"[,/]", m["who"]):
            part = part.strip()
            pos = line_start + m.start("who") + m["who"].find(part)
            hit = self.lookup(part)
            if hit:
                self.add(hit[0], hit[1], hit[2], pos, part)
            elif re.fullmatch(r"[A-ZÄÖÜ][\w'-]+(?: [A-ZÄÖÜ][\w'-]+)+", part):
                self.add("persons", part, part, pos, part)
        first = bisect.bisect_left(self.starts, line_start + m.start())
        self.claim(first, self.n - first)

    def acronyms_defined(self) -> None:
        """``Office of Fair Trading (OFT)``: the long name, and the acronym as its alias."""
        text, starts, texts, claimed = self.text, self.starts, self.texts, self.claimed
        opens = []  # tokens right after " ("
        i = text.find(" (")
        while i >= 0:
            k = bisect.bisect_left(starts, i + 2)
            if k < len(starts) and starts[k] == i + 2:
                opens.append(k)
            i = text.find(" (", i + 1)
        for k in opens:
            end = self.ends[k]
            if text[end : end + 1] != ")":
                continue
            word = texts[k]
            if claimed[k] or not ACRONYM.fullmatch(word):
                continue
            letters = [c for c in word if c.isupper()]
            j = k - 1
            caps = 0
            while j >= 0 and k - j <= 10 and self.joined(j, k - j):
                w = texts[j]
                if w[:1].isupper():
                    caps += 1
                elif w not in CONNECT_IN_NAME:
                    break
                if caps == len(letters):
                    break
                j -= 1
            if j < 0 or caps != len(letters):
                continue
            words = texts[j:k]
            initials = [w[0].upper() for w in words if w[:1].isupper()]
            if initials != letters or any(claimed[j:k]):
                continue
            name = " ".join(words)
            hit = self.lookup(name)
            if hit and hit[0] == "persons":
                continue
            kind, key, disp = hit if hit else ("orgs", name, name)
            self.add(kind, key, disp, starts[j], name)
            self.acronyms[word] = (kind, key)
            self.claim(j, k - j)
            self.add(kind, key, disp, starts[k], word)
            self.claim(k, 1)

    def org_runs(self) -> None:
        """Title-case runs with an organisation word (English) or ending in a legal form."""
        n, texts, bases, claimed = self.n, self.texts, self.bases, self.claimed
        heads = ORG_HEADS | LEGAL if self.ctx.lang == "en" else LEGAL
        if heads.isdisjoint(bases):
            return
        caps, glued, flags = self.caps, self.glued, self.flags
        k = 0
        while k < n:
            if claimed[k] or not caps[k] or texts[k] in ARTICLES:
                k += 1
                continue
            j = last = k
            while (
                not POSSESSIVE.search(texts[j]) and j + 1 < n
                and glued[j + 1] and not claimed[j + 1]
            ):
                nxt = texts[j + 1]
                if nxt in JOINS and self._ends_name(k, j):
                    break  # "Vertex Data SE und Talwerk Wind AG": two companies
                if nxt[:1].isupper() or nxt[:1].isdigit():
                    j = last = j + 1
                elif (
                    nxt in CONNECT and j + 2 < n and glued[j + 2]
                    and texts[j + 2][:1].isupper() and not claimed[j + 2]
                ):
                    j += 1
                else:
                    break
            start = k
            if texts[k] in ("In", "At", "From", "For", "On", "By", "With", "But", "And"):
                start = k + 1
            words = texts[start : last + 1]
            k = last + 1
            if not words:
                continue
            while last - start >= 2 and self.ctx.lang == "de" and (
                texts[start] in GENERIC_DE or flags[start] & F_ORG_CUE
                or texts[start] in DE_LEADING or ORG_COMPOUND.search(texts[start])
                or texts[start].endswith("agentur")
            ):
                start += 1  # "Die Brauerei Hofbräu Nord GmbH": the name starts after the noun
            if self.ctx.lang == "de":
                for i in range(last - 1, start - 1, -1):
                    if texts[i] in ("von", "vom"):
                        start = i + 1  # "Aktie von Baltica Capital AG": the name follows
                        break
            words = texts[start : last + 1]
            bare = bases[start : last + 1]
            caps_n = sum(1 for w in words if w[:1].isupper())
            legal = bare[-1] in LEGAL and len(words) >= 2
            headed = self.ctx.lang == "en" and caps_n >= 2 and any(w in ORG_HEADS for w in bare)
            if not (legal or headed):
                continue
            cut = len(bare)
            while legal and cut > 1 and (bare[cut - 1] in LEGAL or bare[cut - 1] == "&") and (
                bare[cut - 1] not in LEGAL_IN_NAME
            ):
                cut -= 1  # "Müller Logistik GmbH & Co. KG" -> "Müller Logistik"
            name = " ".join(bare[:cut])
            hit = self.lookup(name)
            kind, key, disp = hit if hit else ("orgs", name, name)
            self.add(kind, key, disp, self.starts[start], name)
            self.claim(start, last + 1 - start)

    def dateline(self) -> None:
        """``Saalfelden – Österreich wird ...``: the place an agency report comes from."""
        nl = self.text.find("\n")
        if nl < 0:
            return
        m = DATELINE.match(self.text, nl + 1)
        if not m:
            return
        for part in m["where"].split("/"):
            part = part.strip()
            hit = self.lookup(part)
            if hit and hit[0] != "places":
                continue
            if hit is None and (part.split()[0] in self.gaz.first_names or part in NOT_SURNAME):
                continue
            kind, key, disp = hit if hit else ("places", part, part)
            pos = nl + 1 + m.group().find(part)
            self.add(kind, key, disp, pos, part)
            first = bisect.bisect_left(self.starts, pos)
            self.claim(first, bisect.bisect_left(self.starts, pos + len(part)) - first)

    def known(self) -> None:
        """Vocabulary names, countries, regions and cities; longest match first."""
        n, texts, bases, claimed = self.n, self.texts, self.bases, self.claimed
        lex = self.lex
        lex_longest = lex.longest
        # candidates: a word that starts a known name (or is not looked up yet: 1), or a
        # compound not known to name nothing; the look-up tables are filled as before, for
        # unclaimed tokens only
        seen = lex_longest.get
        compounds = self._compounds
        cands = [
            k for k, base in enumerate(bases)
            if seen(base, 1) or (
                "-" in texts[k]
                and ((done := compounds.get(texts[k])) is None or done[0] is not None)
            )
        ]
        for k in cands:
            if claimed[k]:
                continue
            word, base = texts[k], bases[k]
            compound = "-" in word
            longest = lex_longest.get(base)
            if longest is None:
                first = strip_accents(base)
                longest = lex.first_tokens.get(first, 0)
                if not longest and self.ctx.lang == "de":
                    longest = 1 if first[:-1] in lex.first_tokens else 0
                if len(lex_longest) < 200_000:
                    lex_longest[base] = longest
            if not longest and not compound:
                continue
            hit = None
            # a name of several words can only be one whose first word this is, with as many
            # words as one of those names has
            sizes = self._sizes(word) if longest > 1 else _NO_SIZES
            for size in range(min(longest, n - k), 0, -1):
                if size > 1 and (size not in sizes or not self.joined(k, size)
                                 or not self.free(k, size)):
                    continue
                hit = self.lookup(word if size == 1 else " ".join(texts[k : k + size]))
                if hit:
                    break
            surface = ""
            if hit is None and compound:
                hit, size = self._compound(word), 1
                surface = self._compound_head
            if hit is None:
                continue
            if hit[0] == "places" and not self._place_ok(k, size):
                continue
            if hit[0] == "orgs" and size == 1 and MODEL_CODE.fullmatch(word):
                nxt = texts[k + 1] if k + 1 < n and self.glued[k + 1] else ""
                if MODEL_NEXT.fullmatch(nxt):
                    continue  # "G7 X": a model name, not the G7
            if not surface:
                surface = word if size == 1 else " ".join(texts[k : k + size])
            self.add(hit[0], hit[1], hit[2], self.starts[k], surface)
            self.claim(k, size)

    def _sizes(self, word: str) -> frozenset[int]:
        sizes = self.lex.sizes.get(word)
        if sizes is None:
            sizes = self.lex.first_sizes.get(strip_accents(word), _NO_SIZES)
            if len(self.lex.sizes) < 200_000:
                self.lex.sizes[word] = sizes
        return sizes

    def _compound(self, word: str) -> tuple[str, str, str] | None:
        """``Bank-Austria-Mutter`` -> Bank Austria, ``US-Markt`` -> USA, not ``US-amerikanisch``."""
        done = self._compounds.get(word)
        if done is None:
            hit = self._compound_uncached(word)
            done = (hit, self._compound_head)
            if len(self._compounds) < 200_000:
                self._compounds[word] = done
        self._compound_head = done[1]
        return done[0]

    def _compound_uncached(self, word: str) -> tuple[str, str, str] | None:
        parts = word.split("-")
        for cut in range(len(parts) - 1, 0, -1):
            rest = parts[cut]
            if not rest[:1].isupper() and not rest[:1].isdigit():
                return None
            head = "-".join(parts[:cut])
            for cand in (head, head.replace("-", " ")):
                self._compound_head = cand
                hit = self.lookup(cand)
                if hit and hit[0] == "places" and cut == len(parts) - 1 and (
                    ORG_COMPOUND.match(rest)
                ):
                    return "orgs", cand, cand  # "Ufa-Chef": a firm, not the city
                if hit:
                    return hit
        return None

    def _place_ok(self, k: int, size: int) -> bool:
        """A place word inside a longer name (``London Quarter``, ``AOL Europe``) is not a place."""
        texts, caps, n = self.texts, self.caps, self.n
        nxt = k + size if k + size < n else None
        prv = k - 1 if k > 0 else None
        joined_next = nxt is not None and self.glued[k + size]
        joined_prev = prv is not None and self.glued[k]
        if joined_next and nxt is not None and texts[nxt] in PLACE_NAME_HEADS:
            return False
        if joined_next and self._legal_follows(k + size):
            return False  # "Ashford Solar Inc", "Amazon Deutschland GmbH": a company
        if self.ctx.lang == "en":
            if joined_next and nxt is not None and caps[nxt] and not POSSESSIVE.search(
                texts[k + size - 1]
            ) and not self._is_place(texts[nxt]) and texts[nxt] not in NOT_SURNAME:
                return False
            if (
                joined_prev and prv is not None and caps[prv] and not self._is_place(texts[prv])
                and texts[prv] not in ROLE_PREFIX_OK
                and (not self.sentence_start(prv) or self.lookup(texts[prv]) is not None)
            ):
                return False
        return True

    def _legal_follows(self, k: int) -> bool:
        """Whether the capitalised words from token k end in a legal form within three."""
        for j in range(k, min(k + 3, self.n)):
            if self.bases[j] in LEGAL and self.bases[j] not in ("Group", "Gruppe"):
                return True
            if not self.caps[j] or (j > k and not self.glued[j]):
                return False
        return False

    def _prev(self, k: int) -> str:
        """The word before token k; German cue words are nouns, so tokens themselves."""
        if self.ctx.lang == "de":
            return self.texts[k - 1] if k and self.glued[k] else ""
        return self.prev_word(k)

    def _is_place(self, word: str) -> bool:
        hit = self.lookup(word)
        return hit is not None and hit[0] == "places"

    def persons(self) -> None:
        n, texts, caps, glued, flags = self.n, self.texts, self.caps, self.glued, self.flags
        claimed, starts = self.claimed, self.starts
        role = ROLE[self.ctx.lang]
        role_words = _memo_table(self.ctx.lang + "r")
        if self.ctx.lang == "de":
            # a German cue is the token before: royals, first names and cued words up front
            cands = [
                k for k in range(n)
                if caps[k] and (
                    flags[k] & (F_ROYAL | F_FIRST)
                    or (k and glued[k] and flags[k - 1] & F_ROLE)
                )
            ]
        else:
            cands = [k for k, cap in enumerate(caps) if cap]
        for k in cands:
            if claimed[k]:
                continue
            word = texts[k]
            if word in ROYAL:
                if self.free(k + 1, 1) and glued[k + 1] and caps[k + 1]:
                    size = 2
                    if k + 2 < n and glued[k + 2] and ROMAN.match(texts[k + 2]):
                        size = 3
                    name = " ".join(texts[k : k + size])
                    if size == 3 and self.text[self.ends[k + 2] : self.ends[k + 2] + 1] == ".":
                        name += "."
                    self.add("persons", name, name, starts[k], name)
                    self.claim(k, size)
                continue
            if flags[k] & F_HONORIFIC:
                continue
            is_first = flags[k] & F_FIRST
            cue = False
            if not is_first:
                prev = self._prev(k)
                if prev:
                    hit = role_words.get(prev)
                    if hit is None:
                        hit = _memo(self.ctx.lang + "r", prev, role)
                    cue = prev in HONORIFIC or hit
            if is_first or cue:
                size = self._surname_run(k)
                if size == 0 and not cue:
                    continue
                if size == 0 and cue:
                    # "Mr Greenspan", "Minister Hundstorfer": a surname on its own
                    if self.lookup(word) is not None or word in NOT_SURNAME:
                        continue
                    if not SURNAME_ONLY.fullmatch(word):
                        continue
                    name = POSSESSIVE.sub("", word)
                    self.add("persons", name, name, starts[k], name)
                    self.claim(k, 1)
                    continue
                name = POSSESSIVE.sub("", " ".join(texts[k : k + size + 1]))
                self.add("persons", name, name, starts[k], name)
                self.claim(k, size + 1)

    def persons_by_company(self) -> None:
        """``Kostas Kenteris and Katerina Thanou``, ``Kenenisa Bekele of Ethiopia``,
        ``Ireland's Gary Murray``: two unknown capitalised words that keep a person's company."""
        n, text, texts, bases = self.n, self.text, self.texts, self.bases
        caps, glued, claimed = self.caps, self.glued, self.claimed
        people = {e.key for e in self.ents.values() if e.kind == "persons"}
        pairs = [k for k in range(n - 1) if glued[k + 1] and caps[k] and caps[k + 1]]
        for k in pairs:
            if claimed[k] or claimed[k + 1]:
                continue
            first, second = texts[k], texts[k + 1]
            if not (SURNAME.fullmatch(first) and SURNAME.fullmatch(bases[k + 1])):
                continue
            if first in NOT_SURNAME or self.lookup(first) or self.lookup(bases[k + 1]):
                continue
            if k + 2 < n and glued[k + 2] and caps[k + 2] and not POSSESSIVE.search(second):
                continue  # a longer title-case run: a name of something else
            start = self.starts[k]
            before = text[max(0, start - 30) : start]
            after = text[self.ends[k + 1] : self.ends[k + 1] + 30]
            company = False
            m = _AND_BEFORE.search(before)
            if m and any(p.endswith(m.group(1)) for p in people):
                company = True
            m = _OF_AFTER.match(after) or _POSS_BEFORE.search(before)
            if m and self._is_place(m.group(1)):
                company = True
            if company:
                name = f"{first} {bases[k + 1]}"
                self.add("persons", name, name, start, name)
                self.claim(k, 2)

    def _surname_run(self, k: int) -> int:
        n, texts = self.n, self.texts
        size = 0
        while (
            size < 3 and k + size + 1 < n and not self.claimed[k + size + 1]
            and self.glued[k + size + 1]
        ):
            w = texts[k + size + 1]
            if POSSESSIVE.search(texts[k + size]):
                break
            base = POSSESSIVE.sub("", w)
            if not SURNAME.fullmatch(base):
                break
            if base in NOT_SURNAME or self.lookup(base) is not None:
                break
            if base in ORG_HEADS or base in LEGAL or base in ROYAL:
                return 0
            size += 1
            if POSSESSIVE.search(w):
                break
        return size

    def surnames(self) -> None:
        """A surname on its own after (or before) the full name is the same person."""
        by_last: dict[str, tuple[str, str]] = {}
        for kind, key in self.ents:
            if kind == "persons" and " " in key:
                last = key.split(" ")[-1]
                if not ROMAN.match(last):
                    by_last[last] = (kind, key)
        if not by_last:
            return
        # German genitive: "Faymanns" for Faymann
        wanted = set(by_last)
        if self.ctx.lang == "de":
            wanted |= {last + "s" for last in by_last}
        bases, caps, claimed = self.bases, self.caps, self.claimed
        cands = [k for k in range(self.n) if bases[k] in wanted and caps[k]]
        for k in cands:
            if claimed[k]:
                continue
            base = bases[k]
            if self.ctx.lang == "de" and base not in by_last and base.endswith("s"):
                base = base[:-1]
            if base in by_last:
                kind, key = by_last[base]
                ent = self.ents[(kind, key)]
                ent.first = min(ent.first, self.starts[k])
                ent.surfaces.append((self.starts[k], self.texts[k]))
                self.claim(k, 1)

        # "Maria Giulia" after "Maria Giulia Sergio": the shorter name is the same person
        persons = [e for e in self.ents.values() if e.kind == "persons"]
        for e in persons:
            words = e.key.split(" ")
            for other in persons:
                if other is e or (other.kind, other.key) not in self.ents:
                    continue
                ow = other.key.split(" ")
                if 1 < len(words) < len(ow) and ow[: len(words)] == words:
                    other.first = min(other.first, e.first)
                    other.surfaces.extend(e.surfaces)
                    del self.ents[(e.kind, e.key)]
                    break
        # a surname-only person found by a cue merges into a full name with that surname
        for (kind, key), ent in list(self.ents.items()):
            if kind == "persons" and " " not in key and key in by_last:
                full = self.ents[by_last[key]]
                full.first = min(full.first, ent.first)
                del self.ents[(kind, key)]

    def appositions(self) -> None:
        """``Elektronikhersteller Canon``, ``the mobile firm Intervoice``."""
        n, texts, glued, flags, claimed = self.n, self.texts, self.glued, self.flags, self.claimed
        cue = ORG_CUES[self.ctx.lang]
        org_cue_words = _memo_table(self.ctx.lang + "o")
        if self.ctx.lang == "de":
            # the cue is the token before (a noun), so both sides are known up front
            cands = [
                k for k in range(1, n)
                if glued[k] and flags[k - 1] & F_ORG_CUE and flags[k] & (F_ORG_LIKE | F_FIRST)
            ]
        else:
            cands = [k for k, f in enumerate(flags) if f & (F_ORG_LIKE | F_FIRST)]
        for k in cands:
            if claimed[k]:
                continue
            prev = self._prev(k)
            if not prev:
                continue
            hit = org_cue_words.get(prev)
            if hit is None:
                hit = _memo(self.ctx.lang + "o", prev, cue)
            if not hit:
                continue
            size = 1
            while size < 3 and k + size < n and glued[k + size]:
                w = texts[k + size]
                if not claimed[k + size] and w[:1].isupper() and (
                    self._org_like(w) or SURNAME.fullmatch(w)
                ) and self.lookup(w) is None:
                    size += 1
                else:
                    break
            name = POSSESSIVE.sub("", " ".join(texts[k : k + size]))
            self.add("orgs", name, name, self.starts[k], name)
            self.claim(k, size)

    def org_cues(self) -> None:
        claimed = self.claimed
        for m in self._source_cues():
            name = m["n"]
            idx = self._tok_at(m.start("n"))
            if idx is None or claimed[idx] or not self._org_like(name.split()[0]):
                continue
            if name.split()[0] in self.gaz.first_names:
                continue
            size = len(name.split())
            self.add("orgs", name, name, m.start("n"), name)
            self.claim(idx, size)
        articles = ARTICLE_WORDS[self.ctx.lang]
        de = self.ctx.lang == "de"
        texts, bases, plains, starts = self.texts, self.bases, self.plains, self.starts
        # candidates: not a plain capitalised word, or a German body ("Finanzministerium")
        bodies = self.bodies
        if de:
            cands = [k for k, plain in enumerate(plains) if not plain or bodies[k]]
        else:
            cands = [k for k, plain in enumerate(plains) if not plain]
        for k in cands:
            if claimed[k]:
                continue
            base = bases[k]
            if plains[k]:
                # plain capitalised word: only German bodies ("Finanzministerium")
                if de and base.endswith(DE_ORG_ENDINGS) and DE_ORG_SUFFIX.match(base):
                    self.add("orgs", base, base, starts[k], base)
                    self.claim(k, 1)
                continue
            word = texts[k]
            if _memo("camel", base, CAMEL):
                if word in PRODUCTS or word in LEGAL or NOT_CAMEL.match(word):
                    continue
                self.add("orgs", base, base, starts[k], base)
                self.claim(k, 1)
                continue
            if not ALLCAPS.fullmatch(base) or base in NOT_ORG_CAPS:
                continue
            if self.lookup(base) is not None:
                continue
            if base in self.acronyms:
                kind, key = self.acronyms[base]
                ent = self.ents.get((kind, key))
                if ent is not None:
                    ent.surfaces.append((starts[k], base))
                    self.claim(k, 1)
                    continue
            prev = self.prev_word(k)
            if prev in articles or (not de and base != word):
                # "the IAAF", "die WKStA", "the IAAF's decision": an organisation
                self.add("orgs", base, base, starts[k], base)
                self.claim(k, 1)

    def _source_cues(self) -> list[re.Match[str]]:
        """``SOURCE_CUE[lang].finditer(text)``, tried only where its first word is."""
        lang = self.ctx.lang
        return finditer_from(SOURCE_CUE[lang], self.text, SOURCE_CUE_STARTS[lang])

    def _org_like(self, word: str) -> bool:
        """Looks like a name rather than an ordinary (German) noun."""
        return _org_like(word, self.ctx.lang)

    def _tok_at(self, pos: int) -> int | None:
        k = bisect.bisect_left(self.starts, pos)
        return k if k < len(self.starts) and self.starts[k] == pos else None

    def _ends_name(self, k: int, j: int) -> bool:
        """Whether the run ``k..j`` before an "und"/"and" is a whole name of its own: it
        ends in a legal form (not "GmbH & Co. KG"), it is a known name, or it has two or
        more capitalised words ("Alpenblick Textil und Eisenberg Medien AG"), unlike
        "Marks and Spencer" or "Food and Drug Administration"."""
        texts, bases = self.texts, self.bases
        if bases[j] in LEGAL:
            return j > k and not (j + 2 < self.n and bases[j + 2] in ("Co", "Co."))
        words = [w for w in texts[k : j + 1] if w not in ARTICLES]
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            return True
        if len(words) != 1:
            return False
        word = bases[j]
        return (
            ALLCAPS.fullmatch(word) is not None  # "TSMC und Harbor Networks SE"
            or ("orgs", word) in self.ents
            or self.lookup(word) is not None
        )

    def merge_orgs(self) -> None:
        """``Kaspersky`` after ``Kaspersky Lab``, an acronym after its long name: one org."""
        orgs = sorted((e for e in self.ents.values() if e.kind == "orgs"), key=lambda e: e.first)
        words = {id(e): _words(e.display) for e in orgs}
        initials: dict[int, str] = {}
        gone: set[int] = set()  # merged away in this loop (and so no longer in self.ents)
        for e in orgs:
            if e.key in self.acronyms and self.acronyms[e.key] != ("orgs", e.key):
                continue
            acronym = e.display.isupper() and len(e.display) >= 3
            a = words[id(e)]
            long_enough = len("".join(a)) >= 4
            for other in orgs:
                if other is e or id(other) in gone:
                    continue
                if id(e) in gone:
                    break
                b = words[id(other)]
                if acronym:
                    caps = initials.get(id(other))
                    if caps is None:
                        caps = initials[id(other)] = "".join(
                            w[0] for w in other.display.split() if w[:1].isupper()
                        )
                if acronym and e.display == caps:
                    # "IAAF" after "International Association of Athletics Federations"
                    other.first = min(other.first, e.first)
                    other.surfaces.extend(e.surfaces)
                    del self.ents[(e.kind, e.key)]
                    gone.add(id(e))
                    break
                if len(a) < len(b) and _is_run(a, b) and long_enough:
                    other.first = min(other.first, e.first)
                    del self.ents[(e.kind, e.key)]
                    gone.add(id(e))
                    break

    def _org_display(self, ent: _Ent) -> str:
        """The first full form in the text: English names as written, German inflected
        forms (``Europäischen Zentralbank``) by their canonical name."""
        title_end = max(self.text.find("\n"), 0)
        ordered = sorted(ent.surfaces, key=lambda ps: (ps[0] <= title_end, ps[0]))
        for _, surface in ordered:
            s = POSSESSIVE.sub("", surface)
            if self.ctx.lang == "de" and "-" in s and s != ent.display:
                continue  # "Bank-Austria-Mutter", "Unicredit-Chef"
            if _is_run(_words(ent.display), _words(s)):
                return ent.display  # "BBC News website" -> BBC
            if s == ent.display or self.ctx.lang == "en" or s.isupper():
                return s
            return ent.display
        return ent.display

    def result(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {"orgs": [], "places": [], "persons": []}
        title_end = self.text.find("\n")
        if title_end < 0:
            title_end = 0

        def order(e: _Ent) -> tuple[int, int]:
            # names in the title lead (ordered by their first mention in the body, title-only
            # names after those), then the other names in body order
            body = [p for p, _ in e.surfaces if p > title_end]
            in_title = any(p <= title_end for p, _ in e.surfaces)
            pos = min(body) if body else len(self.text) + e.first
            return (0 if in_title else 1, pos)

        org_names = {e.display for e in self.ents.values() if e.kind == "orgs"}
        for ent in sorted(self.ents.values(), key=order):
            if ent.kind == "places" and ent.display in org_names:
                continue  # "Ufa-Chef", "von Ufa produziert": the firm, not the city
            display = ent.display
            if ent.kind == "places" and self.ctx.lang == "en" and ent.key in (
                self.gaz.country_names["en"]
            ):
                first = min(ent.surfaces)[1]
                hit = self.lookup(first)
                display = POSSESSIVE.sub("", hit[2] if hit else display)
            elif ent.kind == "orgs" and ent.key == ent.display:
                display = self._org_display(ent)
            if display not in out[ent.kind]:
                out[ent.kind].append(display)
        return {k: tuple(v) for k, v in out.items()}


ALLCAPS = re.compile(r"[A-ZÄÖÜ][A-ZÄÖÜ&]{1,8}|[A-ZÄÖÜ][A-ZÄÖÜa-z]{1,4}[A-ZÄÖÜ]")
ARTICLE_WORDS = {"de": frozenset({"der", "die", "das", "des", "dem", "den", "zum", "zur",
                                  "vom", "beim"}),
                 "en": frozenset({"the"})}
NOT_ORG_CAPS = {"TV", "PC", "CEO", "CFO", "GDP", "BIP", "AGM", "DVD", "CD", "AIDS", "HIV",
                "SMS", "MMS", "PIN", "VAT", "FTSE", "DAX", "ATX", "GMT", "BST", "CET", "MEZ",
                "LTE", "GSM", "GPRS", "UMTS", "WLAN", "NFC", "USB", "LED", "LCD", "OLED", "PDF",
                "DNA", "DNS", "IT", "KI", "AI", "OK", "MP", "MPs", "MEP", "MEPs", "PR", "HR",
                "ID", "IP", "URL", "API", "CPU", "GPU", "RAM", "SSD", "HD", "UHD", "VR", "AR",
                "SUV", "PKW", "Pkw", "LKW", "Lkw", "NS", "SS", "WC", "CO", "PS", "KW", "MWSt",
                "USt", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"}
_AND_BEFORE = re.compile(r"(\w+) and $")
_OF_AFTER = re.compile(r" of ([A-Z][\w-]+)")
_POSS_BEFORE = re.compile(r"([A-Z][\w-]+)['’]s $")
SURNAME_ONLY = re.compile(r"[A-ZÄÖÜ][a-zäöüß'’-]+(?:['’]s)?")
MODEL_CODE = re.compile(r"[A-Z]\d+")
MODEL_NEXT = re.compile(r"[A-Z]|\d+\w*")
ACRONYM = re.compile(r"[A-ZÄÖÜ][A-Za-zÄÖÜ&]{1,9}")
NAME_SHAPE = re.compile(r"\d|[A-Z].*[A-Z]")
DE_NOUN_END = re.compile(
    r"(?:e|en|er|ern|ung|heit|keit|schaft|ion|ionen|tät|nis|ismus|el|eln|ten|ik|ie|ien|ur|um|"
    r"chen|lich|isch|ig)$"
)
WORD_SPLIT = re.compile(r"[^\w]+")
SURNAME = re.compile(r"(?:Mc|Mac|O')?[A-ZÄÖÜ][a-zäöüßéèáíóúñ'’]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?")
CAMEL = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]*)+[A-Z]*$")
NOT_CAMEL = re.compile(r"^(?:Mc|Mac|De|Di|La|Le|Van|Von|O)[A-Z]|.*(?:Innen|In)$|#")
ROLE_PREFIX_OK = {"In", "At", "From", "To", "For", "On", "By", "With", "Of", "And", "Mr"}
_DE_FUNCTION = {"Ab", "Bei", "Seit", "Nach", "Zudem", "Doch", "Damit", "Dann", "Noch",
                "Nun", "Schon", "So", "Zu", "Um", "Bis", "Vor", "Über", "Laut", "Trotz",
                "Denn", "Dort", "Hier", "Heute", "Mehr", "Nur", "Auch", "Jetzt"}


@lru_cache(maxsize=1 << 14)
def _words(name: str) -> tuple[str, ...]:
    return tuple(w for w in WORD_SPLIT.split(strip_accents(name).casefold()) if w)


def _is_run(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def extract(ctx: Context) -> dict[str, tuple[str, ...]]:
    """Organisations, places and persons, each once, by canonical name, in text order."""
    f = _Finder(ctx)
    f.byline()
    f.acronyms_defined()
    f.dateline()
    f.known()
    f.org_runs()
    f.appositions()
    f.persons()
    if f.ctx.lang == "en":
        f.persons_by_company()
    f.surnames()
    f.org_cues()
    f.merge_orgs()
    return f.result()
