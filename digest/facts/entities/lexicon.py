"""What the entity rules know of words: cue lists, the vocabulary's names with their
inflections, tokens of an article, and the memo tables that make them cheap."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from digest.facts.entities.gazetteer import Gazetteer, load, strip_accents
from digest.vocabulary import Vocabulary

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
"""Language -> word -> what a token needs of it. A dict, not ``lru_cache``: the tokenizer
looks up every token with the dict's own ``get``, a few per cent faster than a cached call."""
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


def _matcher(rx: re.Pattern[str]) -> Callable[[str], bool]:
    """``rx.match(word)``, remembered: the same few cue words come up in every article."""

    @lru_cache(maxsize=200_000)
    def matches(word: str) -> bool:
        return rx.match(word) is not None

    return matches


_is_role = {lang: _matcher(rx) for lang, rx in ROLE.items()}
"""Language -> whether a word is a role that cues a person after it."""
_is_org_cue = {lang: _matcher(rx) for lang, rx in ORG_CUES.items()}
"""Language -> whether a word cues an organisation after it."""


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
"""``id(vocab)`` -> the vocabulary and its lexicon. Not ``lru_cache``: a Vocabulary holds dicts,
so it cannot be hashed; the entry holds the vocabulary, so its id is not reused while cached."""
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


@lru_cache(maxsize=400_000)
def _org_like(word: str, lang: str) -> bool:
    """Looks like a name rather than an ordinary (German) noun (remembered)."""
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
_is_camel = _matcher(CAMEL)
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
