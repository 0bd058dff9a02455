"""Currency names and symbols -> ISO 4217, from babel's CLDR data plus newsroom usage."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache, lru_cache

from babel import Locale
from babel.numbers import get_currency_name, get_currency_symbol, get_territory_currencies

LOCALES = ("de", "de_AT", "de_CH", "en", "en_GB", "en_US")

# The currency a bare or ambiguous word means in news text; babel lists many dollars,
# pounds, francs and crowns, the press means these unless it says otherwise.
PREFERRED = {
    "dollar": "USD", "dollars": "USD", "us-dollar": "USD", "us dollar": "USD",
    "us dollars": "USD", "pfund": "GBP", "pound": "GBP", "pounds": "GBP",
    "pfund sterling": "GBP", "sterling": "GBP", "franken": "CHF", "franc": "CHF",
    "francs": "CHF", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "rubel": "RUB",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "rupee": "INR",
    "rupees": "INR", "rupie": "INR", "rupien": "INR", "rupiah": "IDR", "lira": "TRY",
    "lire": "TRY", "euro": "EUR", "euros": "EUR", "zloty": "PLN", "złoty": "PLN",
    "forint": "HUF", "kronen": "SEK", "krone": "DKK", "kronor": "SEK", "krona": "SEK",
    "kroner": "NOK", "peso": "MXN", "pesos": "MXN", "real": "BRL", "reais": "BRL",
    "rand": "ZAR", "naira": "NGN", "shekel": "ILS", "shekels": "ILS", "schekel": "ILS",
    "dinar": "RSD", "dirham": "AED", "dirhams": "AED", "riyal": "SAR", "riyals": "SAR",
    "hrywnja": "UAH", "hryvnia": "UAH", "hryvnias": "UAH", "lei": "RON", "leu": "RON",
    "baht": "THB", "ringgit": "MYR", "won": "KRW", "tschechische kronen": "CZK",
    "czech crowns": "CZK", "swiss francs": "CHF", "schweizer franken": "CHF",
    "us-dollars": "USD", "chinese yuan renminbi": "CNY", "yuan renminbi": "CNY",
    "brazilian reais": "BRL",
}
# Words too ambiguous in running text to count as a currency on their own.
AMBIGUOUS = {"real", "rand", "won", "lei", "krone", "kronen", "peso", "pesos", "dinar", "leu"}
SYMBOLS = {
    "$": "USD", "US$": "USD", "US-$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "CN¥": "CNY", "RMB": "CNY", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
    "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "Fr.": "CHF", "SFr.": "CHF", "sFr.": "CHF",
    "Rs": "INR", "Rs.": "INR", "R$": "BRL", "₹": "INR", "₽": "RUB", "₺": "TRY",
    "₩": "KRW", "zł": "PLN", "Kč": "CZK",
}
CODES = (
    "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "RUB", "INR", "IDR", "TRY", "PLN", "HUF", "CZK",
    "SEK", "NOK", "DKK", "AUD", "CAD", "HKD", "NZD", "SGD", "BRL", "MXN", "ZAR", "KRW", "AED",
    "SAR", "UAH", "RON", "BGN", "HRK", "ISK", "ILS", "THB", "MYR", "PHP", "NGN", "EGP", "ARS",
)
IN_USE_ON = dt.date(2026, 1, 1)
"""The day whose legal tenders are recognised by their full names (a fixed day, so that the
output never depends on the clock)."""
_DE_ENDINGS = ("e", "en", "er", "es", "em")
"""The endings of a German adjective before a currency noun: "norwegische(n) Kronen"."""
CROWNS = {"krone": "crown", "kronen": "crowns", "kroner": "crowns", "krona": "crown",
          "kronor": "crowns", "koruna": "crown", "korunas": "crowns", "króna": "crown",
          "krónur": "crowns"}
"""What English copy calls the Nordic and Czech currencies ("Norwegian crowns")."""


# Minor units: value / 100 in the currency given (None: decided by language and context).
MINOR = {"pence": "GBP", "penny": "GBP", "p": "GBP", "cent": None, "cents": None,
         "groschen": "EUR", "rappen": "CHF", "kopeken": "RUB", "kopecks": "RUB"}


@cache
def in_use() -> tuple[str, ...]:
    """ISO codes of every currency some territory uses as legal tender (babel's CLDR data)."""
    codes: set[str] = set(CODES)
    for territory in Locale.parse("en").territories:
        codes.update(get_territory_currencies(str(territory), IN_USE_ON))
    return tuple(sorted(codes))


def _fold(name: str) -> str:
    """Lower case without accents: "Złoty" is written "Zloty" as often as not."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _variants(name: str, loc_name: str) -> set[str]:
    """The spellings of one full currency name as it stands in running text."""
    low = name.lower().replace(" & ", " and ")
    out = {low, _fold(low)}
    words = low.split()
    if loc_name.startswith("de") and len(words) > 1 and words[0].endswith(("e", "er", "es")):
        stem = re.sub(r"(?:er|es|e)$", "", words[0])
        out |= {" ".join([stem + end, *words[1:]]) for end in _DE_ENDINGS}
    if loc_name.startswith("en") and words[-1] in CROWNS:
        out.add(" ".join([*words[:-1], CROWNS[words[-1]]]))
        out.add(" ".join([*words[:-1], CROWNS[words[-1]].rstrip("s") + "s"]))
    return out | {_fold(v) for v in out}


@cache
def names() -> dict[str, str]:
    """Lower-case currency word (singular, plural, German and English) -> ISO code: the full
    name of every currency in use, and the bare last word of the common ones ("Dollar")."""
    out: dict[str, str] = {}
    for loc_name in LOCALES:
        loc = Locale.parse(loc_name)
        for code in in_use():
            for name in (loc.currencies.get(code), get_currency_name(code, 2, loc_name),
                         get_currency_name(code, 1, loc_name)):
                if not name:
                    continue
                for variant in sorted(_variants(name, loc_name)):
                    out.setdefault(variant, code)
                last = name.split()[-1].lower()
                if code in CODES and last not in PREFERRED and last not in AMBIGUOUS:
                    out.setdefault(last, code)
    out.update(PREFERRED)
    for code in in_use():
        out.pop(code.lower(), None)
    for word in AMBIGUOUS:
        out.pop(word, None)
    return out


@cache
def symbols() -> dict[str, str]:
    """Currency symbols and codes written before a figure -> ISO code."""
    out = dict(SYMBOLS)
    for loc_name in LOCALES:
        for code in CODES:
            sym = get_currency_symbol(code, loc_name)
            if sym and not sym.isalpha() and sym not in out:
                out[sym] = code
    for code in CODES:
        out[code] = code
    return out


def word_pattern() -> str:
    """Regex of currency words written after a figure (longest first); codes upper case."""
    words = set(names()) | set(MINOR)
    words.discard("p")
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    syms = sorted((s for s in symbols() if not s[-1].isalpha() or s.isupper()), key=len,
                  reverse=True)
    return "(?i:" + alts + ")|" + "|".join(re.escape(s) for s in syms)


def symbol_pattern() -> str:
    """Regex alternation of symbols and codes written before a figure."""
    return "|".join(re.escape(s) for s in sorted(symbols(), key=len, reverse=True))


@lru_cache(maxsize=1 << 14)
def code_for(word: str, lang: str, context: str | None = None) -> tuple[str | None, int]:
    """ISO code and minor-unit exponent (0 or 2) of a currency word or symbol (cached)."""
    w = word.strip()
    if w in symbols():
        return symbols()[w], 0
    lw = w.lower()
    if lw in MINOR:
        cur = MINOR[lw] or context or ("EUR" if lang == "de" else "USD")
        return cur, 2
    if lw in names():
        return names()[lw], 0
    if lw.rstrip("s") in names():
        return names()[lw.rstrip("s")], 0
    return None, 0
