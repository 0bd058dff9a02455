"""Seed text made inert where the digest shows it outside its pages: log lines read by
terminals and GitHub's runner, JSON on stdout, the Markdown job summary, spreadsheet cells."""

from __future__ import annotations

import json
import re

# What can end a line for some reader (C0 and C1 controls, U+2028/U+2029), drive a terminal
# (ESC) or reorder what a viewer shows (bidi embeddings, overrides and isolates), and the
# lone surrogates that undecodable bytes of a file name become.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# json.dumps already escapes C0 controls; a raw newline in its output is its own indent.
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# GitHub's runner reads "##[command]" anywhere in a line, "::command::" at its start.
_LEGACY_COMMAND = "##["


def _escape_unsafe(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code <= 0x9F or 0xDC80 <= code <= 0xDCFF:
        # A surrogate from surrogateescape stands for the byte it could not decode.
        return f"\\x{code & 0xFF:02x}"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """One line, every character that could break it or drive a terminal as an escape."""
    return _UNSAFE.sub(_escape_unsafe, text)


def log_line(text: str) -> str:
    """A line of output that no terminal, log viewer or CI runner reads as more than text:
    GitHub's runner trims leading whitespace and runs a line starting with ``::``."""
    line = visible(text).replace(_LEGACY_COMMAND, "##\\x5b")
    body = line.lstrip()
    if body.startswith("::"):
        start = len(line) - len(body)
        line = f"{line[:start]}\\x3a{line[start + 1:]}"
    return line


def json_text(value: object) -> str:
    """Indented JSON whose lines are all safe log lines: every string stays inside its quotes
    on one line, since characters json leaves raw that some reader takes for a line end
    (C1, U+2028) and the runner's ``##[`` are written as ``\\u`` escapes."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    text = _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.replace(_LEGACY_COMMAND, "##\\u005b")


# CommonMark lets a backslash escape any ASCII punctuation; & < > become entities instead,
# since a backslash does not stop an entity or raw HTML in every renderer.
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_SPECIAL = re.compile(r"[!-/:-@\[-`{-~]")
# GitHub links @user, #123 and e-mail addresses in rendered text, where backslashes are gone:
# an invisible word joiner after @ and # keeps them plain text.
_WORD_JOINER = "\u2060"


def markdown_text(text: str) -> str:
    """Text for GitHub-flavoured Markdown that renders as itself on one line: no HTML,
    link, image, emphasis, code span, mention or block of its own."""

    def one(m: re.Match[str]) -> str:
        ch = m.group()
        if ch in "@#":
            return f"\\{ch}{_WORD_JOINER}"
        return _MD_ENTITIES.get(ch) or f"\\{ch}"

    return _MD_SPECIAL.sub(one, visible(text))


# OWASP's formula triggers, and their full-width forms, which some spreadsheets read alike.
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")


def spreadsheet_cell(text: str, *, number: bool = False) -> str:
    """A CSV cell no spreadsheet runs as a formula (OWASP: a leading quote makes it text).
    With ``number``, a plain decimal such as ``-5`` is kept: it is a value, not a formula."""
    if number and _PLAIN_NUMBER.fullmatch(text):
        return text
    if text.startswith(("\t", "\r")) or text.lstrip().startswith(_FORMULA_START):
        return "'" + text
    return text
