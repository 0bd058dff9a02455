"""The frame Material draws around every page, made lighter: the templates' indentation
squeezed out, the theme's icons drawn from one sprite and the palette script loaded from one
file, instead of repeated in every page."""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from digest.paths import write_if_changed

ICONS = "assets/digest-icons.svg"
"""The sprite of the theme's icons that every page's header, search box and navigation show."""
PALETTE = "assets/javascripts/digest-palette.js"
"""Material's palette script, which ``overrides/partials/javascripts/palette.html`` loads
where Material wrote it inline on every page (a kilobyte of each)."""
_MATERIAL_PALETTE = ("templates", "partials", "javascripts", "palette.html")
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_ICON = re.compile(r'<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="([0-9 .]+)">(.*?)</svg>',
                   re.S)


_VERBATIM = re.compile(r"<(pre|textarea|script|style|code|kbd)\b.*?</\1\s*>", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


def squeeze_html(html: str) -> str:
    """The page without the templates' indentation and blank lines (a tenth of its bytes):
    a run of white space with a line break stays one line break, which a browser shows
    as the same one space; text shown as written (``pre``, ``code``, scripts) is kept."""
    out = []
    at = 0
    for verbatim in _VERBATIM.finditer(html):
        out += [_INDENT.sub("\n", html[at:verbatim.start()]), verbatim.group(0)]
        at = verbatim.end()
    out.append(_INDENT.sub("\n", html[at:]))
    return "".join(out)


def share_icons(html: str, sprite: str, symbols: dict[str, str]) -> str:
    """The page with each icon of its frame (the theme's inline SVGs outside the article) a
    reference into one sprite at ``sprite``: the same icons were 1.8 KB of every page. Each
    icon goes to ``symbols`` (id -> symbol), its id a hash of what it draws."""

    def shared(found: re.Match[str]) -> str:
        box, drawing = found.group(1), found.group(2)
        ident = "i" + hashlib.blake2b(f"{box}|{drawing}".encode(), digest_size=6).hexdigest()
        symbols[ident] = f'<symbol id="{ident}" viewBox="{box}">{drawing}</symbol>'
        return f'<svg viewBox="{box}"><use href="{sprite}#{ident}"/></svg>'

    start, end = html.find("<article"), html.find("</article>")
    if start < 0 or end < start:
        return _ICON.sub(shared, html)
    return _ICON.sub(shared, html[:start]) + html[start:end] + _ICON.sub(shared, html[end:])


def write_icons(path: Path, symbols: dict[str, str], *, keep_old: bool) -> None:
    """The sprite of ``symbols``, written only when its bytes change. Over the last site
    (``keep_old``), pages not rendered again still point at the old sprite's icons: it keeps
    them (a new theme's icons come with a full build, which starts the sprite anew)."""
    merged = dict(symbols)
    if keep_old:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            merged = {m.group(1): m.group(0) for m in _SYMBOL.finditer(path.read_text("utf-8"))}
            merged.update(symbols)
    if not merged:
        return
    write_if_changed(path, ('<svg xmlns="http://www.w3.org/2000/svg">\n'
                            + "".join(f"{merged[k]}\n" for k in sorted(merged))
                            + "</svg>\n").encode())


_SYMBOL = re.compile(r'<symbol id="(i[0-9a-f]+)" viewBox="[0-9 .]+">.*?</symbol>', re.S)


def palette_script() -> str:
    """The script of Material's own palette partial (the installed theme's, so it follows
    the theme's version), for the file its override loads."""
    from importlib.resources import files

    partial = files("material").joinpath(*_MATERIAL_PALETTE)
    try:
        found = _SCRIPT.search(partial.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PluginError(f"Material's palette script: cannot read {partial}: {exc}") from None
    if found is None:
        raise PluginError(f"Material's palette script: expected one <script> in {partial}")
    return found.group(1).strip() + "\n"
