"""Seed bytes to text: UTF-8 first, then the Western code pages German and English news use;
never binary. Characters no page or feed may hold are removed, with a warning."""

from __future__ import annotations

import re
import unicodedata

from digest.model import Problem, Severity

# Characters no page or feed may hold: C0 controls other than tab and newline, DEL, lone
# surrogates and the non-characters U+FFFE/U+FFFF are illegal in XML 1.0; C1 controls are
# invisible leftovers of a wrong decoding that YAML refuses; bidirectional embeddings,
# overrides and isolates can make a title read differently from its text.
CONTROL_CHARS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
    r"\u202a-\u202e\u2066-\u2069]")


def too_big(path: str, size: int, limit: int) -> Problem:
    return Problem(path, None, f"file is {size} bytes; the limit is {limit} "
                   "(extra.digest.max_seed_bytes)", code="too-big")


def clean_text(text: str) -> str:
    """Text without the characters no page or feed may hold, in NFC."""
    return unicodedata.normalize("NFC", CONTROL_CHARS.sub("", text))


def decode(path: str, data: bytes, limit: int) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 (with or without BOM) or a detected legacy encoding; never binary."""
    if len(data) > limit:
        return None, [too_big(path, len(data), limit)]
    if not data.strip():
        return None, [Problem(path, None, "empty file: expected a title on line 1",
                              code="empty-file")]
    problems: list[Problem] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, [Problem(path, None, "broken UTF-16: expected UTF-8 text",
                                  code="broken-utf16")]
        problems.append(Problem(path, None, "not UTF-8; read as UTF-16, please save as UTF-8",
                                Severity.WARNING, code="utf16"))
    elif b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [Problem(path, line, "binary file (NUL byte): expected UTF-8 text",
                              code="binary-file")]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            mostly = _mostly_utf8(data)
            if mostly is not None:
                text, bad = mostly
                problems.append(Problem(path, line, f"not valid UTF-8: {bad} byte(s) replaced "
                                        "by U+FFFD; please fix the encoding",
                                        Severity.WARNING, code="invalid-utf8"))
                return _normalised(path, text, problems)
            encoding = _legacy_encoding(data)
            if encoding is None:
                return None, [Problem(path, line, "not UTF-8 and no known encoding fits: "
                                      "expected UTF-8 text", code="unknown-encoding")]
            text = data.decode(encoding, errors="replace")
            problems.append(Problem(path, line, f"not UTF-8; read as {encoding}, please save as "
                                    "UTF-8", Severity.WARNING, code="not-utf8"))
    return _normalised(path, text, problems)


def _normalised(path: str, text: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
    """Unix line ends, no BOM, no control characters (with a warning naming the first)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    found = CONTROL_CHARS.search(text)
    if found:
        line = text[: found.start()].count("\n") + 1
        problems.append(Problem(path, line, f"removed {len(CONTROL_CHARS.findall(text))} control "
                                "character(s) that pages and feeds cannot hold",
                                Severity.WARNING, code="control-characters"))
    return clean_text(text), problems


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few broken bytes (a pasted quote, say), as text with those bytes replaced:
    reading it as Windows-1252 would garble every umlaut. ``None`` for a legacy encoding."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    return (text, bad) if good > bad else None


def _legacy_encoding(data: bytes) -> str | None:
    """The encoding of a non-UTF-8 file. German and English news saved by Windows is
    Windows-1252 (Latin-1 differs only in control characters), so that wins whenever it
    reads as Western text; charset-normalizer, which ranks code pages by how a short text
    looks and picks cp1250 or cp775 for "Müller", decides only the others."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _reads_western(text):
        if "\u00a4" in text and not any(0x80 <= b <= 0x9F for b in data):
            return "iso8859_15"  # its euro sign is Latin-1's and Windows-1252's '¤'
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best.encoding)


# A character outside ASCII between two letters: in Western text a letter, an apostrophe or
# a dash ("Müller", "don’t", "Nord–Süd"); in Polish or DOS German read as Windows-1252 a
# symbol ("Zaøó³æ", "B„cker").
_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f](?=[^\W\d_])")


_IN_WORD = frozenset("’‘–—…\u00ad")


# An upper-case letter outside ASCII between two letters, the second lower-case ("MŸller",
# "BŠcker"): Mac umlauts read as Windows-1252, never a German or English word.
_MID_CAPITAL = re.compile(r"(?<=[^\W\d_])[À-ÞŠŒŽŸ](?=[a-zß-ÿšœž])")


# Icelandic letters, where Windows-1254 has Turkish ğ, İ, ı, ş and Ğ, Ş: a few in a German
# article about Reykjavík, most of the letters outside ASCII of a Turkish one.
_ICELANDIC = frozenset("ðþýÐÞÝ")


WESTERN_MAX_SHARE = 0.3


"""Letters outside ASCII in German (ä, ö, ü, ß) or French are a few in a hundred; text in
another alphabet read as Windows-1252 is made of them."""


def _reads_western(text: str) -> bool:
    """Whether a decoding reads as German, English or another Western language: few letters
    outside ASCII and mostly not Icelandic ones, no capital inside a word, no symbol between
    two letters."""
    letters = sum(1 for c in text if c.isalpha())
    wide = [c for c in text if c.isalpha() and not c.isascii()]
    if len(wide) > WESTERN_MAX_SHARE * letters or _MID_CAPITAL.search(text):
        return False
    if sum(c in _ICELANDIC for c in wide) > max(2, len(wide) // 4):
        return False
    return all(c.isalpha() or c in _IN_WORD for c in _BETWEEN_LETTERS.findall(text))
