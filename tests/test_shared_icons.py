"""The theme's icons, the same on every page, are drawn from one sprite: each page keeps a
reference, not the icon's drawing; what an article holds is never touched."""

from __future__ import annotations

import re
from pathlib import Path

from digest.frame import ICONS, share_icons, write_icons

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="{}"/></svg>'
MENU, SEARCH = SVG.format("M3 6h18v2H3z"), SVG.format("M9.5 3A6.5 6.5 0 0 1 16 9.5")
PAGE = (f'<header><a class="md-logo">{MENU}</a><label>{SEARCH}</label></header>'
        f'<article class="md-content__inner">{SEARCH}</article>'
        f'<nav class="md-nav">{MENU}</nav>')


def test_the_frame_references_one_sprite_and_the_article_keeps_its_own() -> None:
    symbols: dict[str, str] = {}
    html = share_icons(PAGE, "../../assets/digest-icons.svg", symbols)
    refs = re.findall(r'<svg viewBox="0 0 24 24"><use href="\.\./\.\./assets/digest-icons\.svg'
                      r'#(i[0-9a-f]{12})"/></svg>', html)
    assert len(refs) == 3 and refs[0] == refs[2] != refs[1]  # the menu twice, one search
    assert html.count("<path") == 1 and SEARCH in html.split("<article")[1]
    assert set(symbols) == set(refs)
    assert symbols[refs[0]] == (f'<symbol id="{refs[0]}" viewBox="0 0 24 24">'
                                '<path d="M3 6h18v2H3z"/></symbol>')
    again: dict[str, str] = {}
    assert share_icons(PAGE, "x.svg", again) != html and again == symbols  # ids by drawing


def test_the_sprite_is_written_when_it_changes_and_keeps_what_old_pages_use(
        tmp_path: Path) -> None:
    symbols: dict[str, str] = {}
    share_icons(PAGE, ICONS, symbols)
    sprite = tmp_path / ICONS
    write_icons(sprite, symbols, keep_old=False)
    first = sprite.read_text()
    assert first.startswith('<svg xmlns="http://www.w3.org/2000/svg">')
    assert all(s in first for s in symbols.values())
    stamp = sprite.stat().st_mtime_ns
    write_icons(sprite, symbols, keep_old=True)
    write_icons(sprite, {}, keep_old=True)  # a build that rendered no page
    assert sprite.stat().st_mtime_ns == stamp and sprite.read_text() == first
    fewer = dict(list(symbols.items())[:1])
    write_icons(sprite, fewer, keep_old=True)  # pages not rendered again keep theirs
    assert sprite.read_text() == first
    write_icons(sprite, fewer, keep_old=False)  # a full build starts anew
    assert sprite.read_text().count("<symbol") == 1
