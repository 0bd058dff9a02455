"""Organisations, places and persons: vocabulary and gazetteer look-ups plus language cues."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

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
ARTICLES = {"The", "Der", "Die", "Das", "A", "An", "Ein", "Eine"}
CONNECT_IN_NAME = {"of", "and", "for", "de", "dei", "di", "du", "des", "der", "la", "le", "van",
                   "von", "&", "y", "da", "do", "dos", "del", "bin", "al", "ibn"}
LEGAL = {"AG", "GmbH", "SE", "Inc", "Inc.", "plc", "PLC", "Ltd", "Ltd.", "Corp", "Corp.",
         "KG", "OG", "LLC", "NV", "N.V", "SA", "S.A", "AB", "ASA", "SpA", "S.p.A", "Co",
         "KGaA", "eG", "Holding", "Holdings", "Group", "Gruppe"}
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


class _Tok:
    """A word that may belong to a name: capitalised, mixed case, or a name connector."""

    __slots__ = ("_prev", "base", "body", "cap", "claimed", "end", "flags", "glued", "plain",
                 "start", "text")

    def __init__(self, start: int, end: int, text: str, glued: bool, info: _Word) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.claimed = False
        self.glued = glued
        """Follows the previous token after a single space, no punctuation between."""
        self._prev: str | None = None
        self.cap, self.base, self.plain, self.body, self.flags = info
        """Capitalised; the word without a possessive ``'s``; the base is a plain
        capitalised word (lower case after the first letter); it ends like a German body
        (``-ministerium``); the ``F_*`` facts of the word."""

    def prev(self, text: str) -> str:
        """The word right before (any case), empty after punctuation."""
        if self._prev is None:
            self._prev = _prev_word(text, self.start)
        return self._prev


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


def _tokens(text: str, lang: str) -> list[_Tok]:
    """Candidate name words with offsets; plain lower-case words are skipped."""
    found: list[tuple[int, str, str | None]] = [
        (m.start(), m.group(1), m.group(2)) for m in list(_CAND.finditer(text))
    ]
    extra = find_words(text, LOWER_NAMES)
    if extra:
        found += [(i, m.group(), None) for i in extra if (m := _WORD_AT.match(text, i))]
        found.sort()
    starts: list[int] = []
    words: list[str] = []
    glued: list[bool] = []
    last_end = -2
    for start, word, conn in found:
        before = text[start - 1] if start else "\n"
        if before == "#" or before == "@":
            last_end = -2
            continue
        glued.append(start == last_end + 1 and before == " ")
        if word[-1] == "'" or word[-1] == "’":
            word = word[:-1]
        starts.append(start)
        words.append(word)
        last_end = start + len(word)
        if conn:
            starts.append(last_end + 1)
            words.append(conn)
            glued.append(True)
            last_end += 1 + len(conn)
    ends = [s + len(w) for s, w in zip(starts, words, strict=True)]
    known = _WORDS[lang].get
    infos = [known(w) or _word(w, lang) for w in words]
    return list(map(_Tok, starts, ends, words, glued, infos))


def _prev_word(text: str, start: int) -> str:
    """The word right before ``start`` when only one space separates them."""
    if start < 2 or text[start - 1] != " ":
        return ""
    j = max(text.rfind(" ", 0, start - 1), text.rfind("\n", 0, start - 1)) + 1
    word = text[j : start - 1]
    if not word or word[-1] in _PUNCT:
        return ""
    return word.lstrip(_PUNCT)


def _joined(text: str, toks: list[_Tok], i: int, n: int) -> bool:
    """Tokens i..i+n-1 are one run of words separated by single spaces."""
    if n == 2:
        return toks[i + 1].glued
    return all(toks[k].glued for k in range(i + 1, i + n))




class _Finder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.gaz = load()
        self.lex = _lexicon(ctx.vocab, self.gaz)
        self.toks = toks = _tokens(ctx.text, ctx.lang)
        self.starts = starts = [t.start for t in toks]
        # figures of amounts and dates ("US-Dollar", "Juli") are not names: mark the tokens
        # that overlap a claimed run (a token overlaps [s, e) when it starts before e and
        # ends after s, so it starts after s - the longest token)
        if ctx.claims:
            longest = max([t.end - t.start for t in toks], default=0)
            for s, e in ctx.claims:
                j = bisect.bisect_left(starts, e) - 1
                while j >= 0 and starts[j] > s - longest:
                    if toks[j].end > s:
                        toks[j].claimed = True
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
        for k in range(i, min(i + n, len(self.toks))):
            self.toks[k].claimed = True

    def free(self, i: int, n: int) -> bool:
        toks = self.toks
        if n == 1:
            return i < len(toks) and not toks[i].claimed
        return i + n <= len(toks) and not any(t.claimed for t in toks[i : i + n])

    def sentence_start(self, i: int) -> bool:
        return self.ctx.is_sentence_start(self.toks[i].start)

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
        for k in range(bisect.bisect_left(self.starts, line_start + m.start()), len(self.toks)):
            self.toks[k].claimed = True

    def acronyms_defined(self) -> None:
        """``Office of Fair Trading (OFT)``: the long name, and the acronym as its alias."""
        text, starts = self.text, self.starts
        opens = []  # tokens right after " ("
        i = text.find(" (")
        while i >= 0:
            k = bisect.bisect_left(starts, i + 2)
            if k < len(starts) and starts[k] == i + 2:
                opens.append(k)
            i = text.find(" (", i + 1)
        for k in opens:
            t = self.toks[k]
            if text[t.end : t.end + 1] != ")":
                continue
            if t.claimed or not ACRONYM.fullmatch(t.text):
                continue
            letters = [c for c in t.text if c.isupper()]
            j = k - 1
            caps = 0
            while j >= 0 and k - j <= 10 and _joined(self.text, self.toks, j, k - j):
                w = self.toks[j].text
                if w[:1].isupper():
                    caps += 1
                elif w not in CONNECT_IN_NAME:
                    break
                if caps == len(letters):
                    break
                j -= 1
            if j < 0 or caps != len(letters):
                continue
            words = [w.text for w in self.toks[j:k]]
            initials = [w[0].upper() for w in words if w[:1].isupper()]
            if initials != letters or not all(self.free(x, 1) for x in range(j, k)):
                continue
            name = " ".join(words)
            hit = self.lookup(name)
            if hit and hit[0] == "persons":
                continue
            kind, key, disp = hit if hit else ("orgs", name, name)
            self.add(kind, key, disp, self.toks[j].start, name)
            self.acronyms[t.text] = (kind, key)
            self.claim(j, k - j)
            self.add(kind, key, disp, t.start, t.text)
            self.claim(k, 1)

    def org_runs(self) -> None:
        """Title-case runs with an organisation word (English) or ending in a legal form."""
        toks, n, text = self.toks, len(self.toks), self.text
        heads = ORG_HEADS | LEGAL if self.ctx.lang == "en" else LEGAL
        if heads.isdisjoint([t.base for t in toks]):
            return
        k = 0
        while k < n:
            t = toks[k]
            if t.claimed or not t.cap or t.text in ARTICLES:
                k += 1
                continue
            j = last = k
            while (
                not POSSESSIVE.search(toks[j].text) and j + 1 < n
                and _joined(text, toks, j, 2) and not toks[j + 1].claimed
            ):
                nxt = toks[j + 1].text
                if nxt[:1].isupper() or nxt[:1].isdigit():
                    j = last = j + 1
                elif (
                    nxt in CONNECT and j + 2 < n and _joined(text, toks, j + 1, 2)
                    and toks[j + 2].text[:1].isupper() and not toks[j + 2].claimed
                ):
                    j += 1
                else:
                    break
            start = k
            if toks[k].text in ("In", "At", "From", "For", "On", "By", "With", "But", "And"):
                start = k + 1
            words = [x.text for x in toks[start : last + 1]]
            k = last + 1
            if not words:
                continue
            while last - start >= 2 and self.ctx.lang == "de" and (
                toks[start].text in GENERIC_DE or toks[start].flags & F_ORG_CUE
            ):
                start += 1  # "Die Brauerei Hofbräu Nord GmbH": the name starts after the noun
            words = [x.text for x in toks[start : last + 1]]
            bare = [x.base for x in toks[start : last + 1]]
            caps = sum(1 for w in words if w[:1].isupper())
            legal = bare[-1] in LEGAL and len(words) >= 2
            headed = self.ctx.lang == "en" and caps >= 2 and any(w in ORG_HEADS for w in bare)
            if not (legal or headed):
                continue
            name = " ".join(bare)
            if legal and bare[-1] not in ("Group", "Gruppe", "Holding", "Holdings"):
                name = " ".join(bare[:-1])
            hit = self.lookup(name)
            kind, key, disp = hit if hit else ("orgs", name, name)
            self.add(kind, key, disp, toks[start].start, name)
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
            for k in range(bisect.bisect_left(self.starts, pos),
                           bisect.bisect_left(self.starts, pos + len(part))):
                self.toks[k].claimed = True

    def known(self) -> None:
        """Vocabulary names, countries, regions and cities; longest match first."""
        toks, n = self.toks, len(self.toks)
        lex = self.lex
        lex_longest = lex.longest
        # candidates: a word that starts a known name (or is not looked up yet: 1), or a
        # compound; the look-up table is filled as before, for unclaimed tokens only
        seen = lex_longest.get
        for k in [k for k, t in enumerate(toks) if seen(t.base, 1) or "-" in t.text]:
            t = toks[k]
            if t.claimed:
                continue
            compound = "-" in t.text
            longest = lex_longest.get(t.base)
            if longest is None:
                first = strip_accents(t.base)
                longest = lex.first_tokens.get(first, 0)
                if not longest and self.ctx.lang == "de":
                    longest = 1 if first[:-1] in lex.first_tokens else 0
                if len(lex_longest) < 200_000:
                    lex_longest[t.base] = longest
            if not longest and not compound:
                continue
            hit = None
            # a name of several words can only be one whose first word this is, with as many
            # words as one of those names has
            sizes = self._sizes(t.text) if longest > 1 else _NO_SIZES
            for size in range(min(longest, n - k), 0, -1):
                if size > 1 and (size not in sizes or not _joined(self.text, toks, k, size)
                                 or not self.free(k, size)):
                    continue
                hit = self.lookup(
                    t.text if size == 1 else " ".join([x.text for x in toks[k : k + size]])
                )
                if hit:
                    break
            surface = ""
            if hit is None and compound:
                hit, size = self._compound(t.text), 1
                surface = self._compound_head
            if hit is None:
                continue
            if hit[0] == "places" and not self._place_ok(k, size):
                continue
            if hit[0] == "orgs" and size == 1 and MODEL_CODE.fullmatch(t.text):
                nxt = toks[k + 1].text if k + 1 < n and _joined(self.text, toks, k, 2) else ""
                if MODEL_NEXT.fullmatch(nxt):
                    continue  # "G7 X": a model name, not the G7
            if not surface:
                surface = t.text if size == 1 else " ".join([x.text for x in toks[k : k + size]])
            self.add(hit[0], hit[1], hit[2], t.start, surface)
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
        toks = self.toks
        nxt = toks[k + size] if k + size < len(toks) else None
        prv = toks[k - 1] if k > 0 else None
        joined_next = nxt is not None and _joined(self.text, toks, k + size - 1, 2)
        joined_prev = prv is not None and _joined(self.text, toks, k - 1, 2)
        if joined_next and nxt is not None and nxt.text in PLACE_NAME_HEADS:
            return False
        if self.ctx.lang == "en":
            if joined_next and nxt is not None and nxt.cap and not POSSESSIVE.search(
                toks[k + size - 1].text
            ) and not self._is_place(nxt.text) and nxt.text not in NOT_SURNAME:
                return False
            if joined_prev and prv is not None and prv.cap and not self._is_place(prv.text) and (
                prv.text not in ROLE_PREFIX_OK
                and (not self.sentence_start(k - 1) or self.lookup(prv.text) is not None)
            ):
                return False
        return True

    def _prev(self, k: int) -> str:
        """The word before token k; German cue words are nouns, so tokens themselves."""
        t = self.toks[k]
        if self.ctx.lang == "de":
            return self.toks[k - 1].text if k and t.glued else ""
        return t.prev(self.text)

    def _is_place(self, word: str) -> bool:
        hit = self.lookup(word)
        return hit is not None and hit[0] == "places"

    def persons(self) -> None:
        toks, n = self.toks, len(self.toks)
        role = ROLE[self.ctx.lang]
        if self.ctx.lang == "de":
            # a German cue is the token before: royals, first names and cued words up front
            cands = [
                k for k, t in enumerate(toks)
                if t.cap and (
                    t.flags & (F_ROYAL | F_FIRST)
                    or (k and t.glued and toks[k - 1].flags & F_ROLE)
                )
            ]
        else:
            cands = [k for k, t in enumerate(toks) if t.cap]
        for k in cands:
            t = toks[k]
            if t.claimed:
                continue
            if t.text in ROYAL:
                if self.free(k + 1, 1) and _joined(self.text, toks, k, 2) and toks[k + 1].cap:
                    size = 2
                    if k + 2 < n and _joined(self.text, toks, k + 1, 2) and ROMAN.match(
                        toks[k + 2].text
                    ):
                        size = 3
                    name = " ".join(x.text for x in toks[k : k + size])
                    if size == 3 and self.text[toks[k + 2].end : toks[k + 2].end + 1] == ".":
                        name += "."
                    self.add("persons", name, name, t.start, name)
                    self.claim(k, size)
                continue
            if t.flags & F_HONORIFIC:
                continue
            is_first = t.flags & F_FIRST
            cue = False
            if not is_first:
                prev = self._prev(k)
                cue = bool(prev) and (prev in HONORIFIC or _memo(self.ctx.lang + "r", prev, role))
            if is_first or cue:
                size = self._surname_run(k)
                if size == 0 and not cue:
                    continue
                if size == 0 and cue:
                    # "Mr Greenspan", "Minister Hundstorfer": a surname on its own
                    if self.lookup(t.text) is not None or t.text in NOT_SURNAME:
                        continue
                    if not SURNAME_ONLY.fullmatch(t.text):
                        continue
                    name = POSSESSIVE.sub("", t.text)
                    self.add("persons", name, name, t.start, name)
                    self.claim(k, 1)
                    continue
                name = POSSESSIVE.sub("", " ".join(x.text for x in toks[k : k + size + 1]))
                self.add("persons", name, name, t.start, name)
                self.claim(k, size + 1)

    def persons_by_company(self) -> None:
        """``Kostas Kenteris and Katerina Thanou``, ``Kenenisa Bekele of Ethiopia``,
        ``Ireland's Gary Murray``: two unknown capitalised words that keep a person's company."""
        toks, n, text = self.toks, len(self.toks), self.text
        people = {e.key for e in self.ents.values() if e.kind == "persons"}
        pairs = [k for k in range(n - 1) if toks[k + 1].glued and toks[k].cap and toks[k + 1].cap]
        for k in pairs:
            t, u = toks[k], toks[k + 1]
            if t.claimed or u.claimed or not u.glued or not t.cap or not u.cap:
                continue
            if not (SURNAME.fullmatch(t.text) and SURNAME.fullmatch(u.base)):
                continue
            if t.text in NOT_SURNAME or self.lookup(t.text) or self.lookup(u.base):
                continue
            if k + 2 < n and toks[k + 2].glued and toks[k + 2].cap and not POSSESSIVE.search(
                u.text
            ):
                continue  # a longer title-case run: a name of something else
            before = text[max(0, t.start - 30) : t.start]
            after = text[u.end : u.end + 30]
            company = False
            m = _AND_BEFORE.search(before)
            if m and any(p.endswith(m.group(1)) for p in people):
                company = True
            m = _OF_AFTER.match(after) or _POSS_BEFORE.search(before)
            if m and self._is_place(m.group(1)):
                company = True
            if company:
                name = f"{t.text} {u.base}"
                self.add("persons", name, name, t.start, name)
                self.claim(k, 2)

    def _surname_run(self, k: int) -> int:
        toks, n = self.toks, len(self.toks)
        size = 0
        while (
            size < 3 and k + size + 1 < n and self.free(k + size + 1, 1)
            and _joined(self.text, toks, k + size, 2)
        ):
            w = toks[k + size + 1].text
            if POSSESSIVE.search(toks[k + size].text):
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
        cands = [k for k, t in enumerate(self.toks) if t.base in wanted and t.cap]
        for k in cands:
            t = self.toks[k]
            if t.claimed:
                continue
            base = t.base
            if self.ctx.lang == "de" and base not in by_last and base.endswith("s"):
                base = base[:-1]
            if base in by_last:
                kind, key = by_last[base]
                ent = self.ents[(kind, key)]
                ent.first = min(ent.first, t.start)
                ent.surfaces.append((t.start, t.text))
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
        toks, n = self.toks, len(self.toks)
        cue = ORG_CUES[self.ctx.lang]
        if self.ctx.lang == "de":
            # the cue is the token before (a noun), so both sides are known up front
            cands = [
                k for k in range(1, n)
                if toks[k].glued and toks[k - 1].flags & F_ORG_CUE
                and toks[k].flags & (F_ORG_LIKE | F_FIRST)
            ]
        else:
            cands = [k for k in range(n) if toks[k].flags & (F_ORG_LIKE | F_FIRST)]
        for k in cands:
            t = toks[k]
            if t.claimed:
                continue
            prev = self._prev(k)
            if not prev or not _memo(self.ctx.lang + "o", prev, cue):
                continue
            size = 1
            while size < 3 and k + size < n and _joined(self.text, toks, k + size - 1, 2):
                w = toks[k + size].text
                if self.free(k + size, 1) and w[:1].isupper() and (
                    self._org_like(w) or SURNAME.fullmatch(w)
                ) and self.lookup(w) is None:
                    size += 1
                else:
                    break
            name = POSSESSIVE.sub("", " ".join(x.text for x in toks[k : k + size]))
            self.add("orgs", name, name, t.start, name)
            self.claim(k, size)

    def org_cues(self) -> None:
        toks = self.toks
        for m in self._source_cues():
            name = m["n"]
            idx = self._tok_at(m.start("n"))
            if idx is None or toks[idx].claimed or not self._org_like(name.split()[0]):
                continue
            if name.split()[0] in self.gaz.first_names:
                continue
            size = len(name.split())
            self.add("orgs", name, name, m.start("n"), name)
            self.claim(idx, size)
        articles = ARTICLE_WORDS[self.ctx.lang]
        de = self.ctx.lang == "de"
        # candidates: not a plain capitalised word, or a German body ("Finanzministerium")
        cands = [
            k for k, t in enumerate(toks)
            if not t.plain or (de and t.body)
        ]
        for k in cands:
            t = toks[k]
            if t.claimed:
                continue
            base = t.base
            if t.plain:
                # plain capitalised word: only German bodies ("Finanzministerium")
                if de and base.endswith(DE_ORG_ENDINGS) and DE_ORG_SUFFIX.match(base):
                    self.add("orgs", base, base, t.start, base)
                    self.claim(k, 1)
                continue
            if _memo("camel", base, CAMEL):
                if t.text in PRODUCTS or t.text in LEGAL or NOT_CAMEL.match(t.text):
                    continue
                self.add("orgs", base, base, t.start, base)
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
                    ent.surfaces.append((t.start, base))
                    self.claim(k, 1)
                    continue
            prev = t.prev(self.text)
            if prev in articles or (not de and base != t.text):
                # "the IAAF", "die WKStA", "the IAAF's decision": an organisation
                self.add("orgs", base, base, t.start, base)
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

    def merge_orgs(self) -> None:
        """``Kaspersky`` after ``Kaspersky Lab``, an acronym after its long name: one org."""
        orgs = sorted((e for e in self.ents.values() if e.kind == "orgs"), key=lambda e: e.first)
        words = {id(e): _words(e.display) for e in orgs}
        initials: dict[int, str] = {}
        for e in orgs:
            if e.key in self.acronyms and self.acronyms[e.key] != ("orgs", e.key):
                continue
            acronym = e.display.isupper() and len(e.display) >= 3
            a = words[id(e)]
            for other in orgs:
                if other is e or (other.kind, other.key) not in self.ents:
                    continue
                if (e.kind, e.key) not in self.ents:
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
                    break
                if len(a) < len(b) and _is_run(a, b) and len("".join(a)) >= 4:
                    other.first = min(other.first, e.first)
                    del self.ents[(e.kind, e.key)]
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
