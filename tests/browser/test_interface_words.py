"""The page's language decides the words around its article, the digest's and Material's:
an English article on a German site is framed in English, a German article on an English
site in German, at desktop and phone widths. And every kind of page links the about page
from its footer, which credits every data source.

Two fixture sites are built here (German and English ``theme.language``), each with the
German seed, an English plain-text article and a German Markdown article, committed at a
fixed date so the pages are the same on every run.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from digest.cli import main
from digest.config import load_config
from digest.pages.display import LABELS
from tests.browser.conftest import Requests, Site, _git, new_context, serve, wait_ready
from tests.conftest import make_project
from tests.golden import golden_seeds

pytestmark = pytest.mark.browser

MATERIAL_LANGUAGES = (Path(__import__("material").__file__).parent / "templates" / "partials"
                      / "languages")
ENGLISH = "articles/calder-freight-to-spend-ps85-million-on-a-rail-terminal-near-bristol/"
GERMAN = "articles/ki-milliarden-fuer-tiktok-bytedance-treibt-ausbau-von-rechenleistung-voran/"
WIDTHS = (1280, 390)
ABOUT = {"de": "Über diese Seite", "en": "About this site"}

# Visible words and the accessible names Material gives its controls, outside the article's
# own text; the site's navigation titles (``nav`` in mkdocs.yml) are the site's, not the theme's.
_CHROME = """() => {
  const skip = '.digest-article, .digest-search-terms, script, style';
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest(skip)) continue;
    for (const a of ['aria-label', 'placeholder', 'title']) {
      const v = el.getAttribute(a); if (v && v.trim()) out.push(v.trim());
    }
    if (el.closest('.md-tabs__item, .md-nav--primary > .md-nav__list > .md-nav__item')
        && !el.closest('.md-nav--secondary')) continue;
    for (const n of el.childNodes) {
      if (n.nodeType === 3 && n.textContent.trim()) out.push(n.textContent.trim());
    }
  }
  const config = JSON.parse(document.getElementById('__config').textContent);
  return out.concat(Object.values(config.translations));
}"""


def material_words(code: str) -> dict[str, str]:
    """Material's interface words of one language (its partials/languages/<code>.html)."""
    text = (MATERIAL_LANGUAGES / f"{code}.html").read_text(encoding="utf-8")
    return dict(json.loads(text[text.index("{{ {") + 3: text.rindex("}[key]") + 1]))


def wrong_words(strings: list[str], lang: str) -> list[str]:
    """The strings that are interface words of the other language, Material's or the
    digest's, and not also words of this one."""
    other = "de" if lang == "en" else "en"
    mine = {*material_words(lang).values(), *LABELS[lang].values()}
    theirs = {w for w in (*material_words(other).values(), *LABELS[other].values())
              if w not in mine and len(w) >= 4 and "{" not in w and "#" not in w}
    return sorted({s for s in strings if s.rstrip(":").strip() in theirs})


def _build(project: Path, language: str) -> Site:
    make_project(project, golden_seeds(), options={"topic_min_articles": 1})
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("  language: de\n", f"  language: {language}\n"))
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "seeds")
    _git(project, "commit", "-q", "-m", "Add the seeds")
    with contextlib.chdir(project):
        assert main(["-f", str(yml), "build"]) == 0
    return Site(root=project, config=load_config(yml), base_url="")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Site]]:
    """A German and an English site of the same seeds, each served on its own port."""
    built = {lang: _build(tmp_path_factory.mktemp(f"words-{lang}"), lang) for lang in ("de", "en")}
    with contextlib.ExitStack() as stack:
        out = {}
        for lang, site in built.items():
            prefix = urlsplit(site.config.site_url).path or "/"
            base = stack.enter_context(serve(site.dir, prefix))
            out[lang] = Site(root=site.root, config=site.config, base_url=base)
        yield out


@contextlib.contextmanager
def _page(browser: Any, site: Site, width: int) -> Iterator[Any]:
    requests = Requests(site.base_url)
    context = new_context(browser, site, requests, viewport={"width": width, "height": 900})
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        yield page
    finally:
        context.close()
    assert not requests.outside(), requests.outside()
    assert not errors, errors


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("site_lang, path, lang", [
    ("de", ENGLISH, "en"),
    ("en", GERMAN, "de"),
    ("de", GERMAN, "de"),
    ("en", ENGLISH, "en"),
])
def test_the_article_is_framed_in_its_own_language(
        browser: Any, sites: dict[str, Site], site_lang: str, path: str, lang: str,
        width: int) -> None:
    words, labels = material_words(lang), LABELS[lang]
    with _page(browser, sites[site_lang], width) as page:
        page.goto(sites[site_lang].url(path))
        wait_ready(page)
        assert page.locator("html").get_attribute("lang") == lang
        # Material's words: skip link, search box, table of contents, header, footer.
        assert page.locator("a.md-skip").text_content().strip() == words["action.skip"]
        assert page.locator("input.md-search__input").get_attribute(
            "placeholder") == words["search.placeholder"]
        assert page.locator("button.md-search__icon[type=reset]").get_attribute(
            "aria-label") == words["search.reset"]
        assert page.locator("nav.md-header__inner").get_attribute("aria-label") == words["header"]
        toc = page.locator("nav.md-nav--secondary").first
        assert toc.get_attribute("aria-label") == words["toc"]
        assert toc.locator("label.md-nav__title").first.text_content().strip() == words["toc"]
        # The digest's words: the box, the reading time, the date, the footer's about link.
        assert page.locator(".admonition-title").first.text_content().strip() == labels["box"]
        dateline = page.locator(".digest-dateline").text_content()
        assert labels["reading"].split("{n}")[1].strip() in dateline
        day = "20. November 2026" if lang == "de" else "20 November 2026"
        assert day in dateline, dateline
        about = page.locator("footer a.digest-about-link")
        about.scroll_into_view_if_needed()
        assert about.is_visible() and about.text_content().strip() == ABOUT[lang]
        # Nothing of the other language around the article, Material's or the digest's.
        assert wrong_words(page.evaluate(_CHROME), lang) == []


def _page_paths(site: Site) -> dict[str, str]:
    """One page of every kind the site has, by kind."""
    def first(folder: str) -> str:
        found = sorted(p.parent.relative_to(site.dir).as_posix()
                       for p in (site.dir / folder).glob("*/index.html"))
        assert found, f"no page under {folder}/"
        return found[0] + "/"

    topic_kind = first("topics")
    return {
        "home": "", "article": GERMAN, "archive": "archive/", "month": first("archive"),
        "editions": "editions/", "edition": first("editions"), "tags": "tags/",
        "tag": first("tags"), "topics": "topics/", "topic": first(topic_kind.rstrip("/")),
        "about": "about/", "404": "no-such-page/",
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_every_kind_of_page_links_the_about_page_from_its_footer(
        browser: Any, sites: dict[str, Site], width: int) -> None:
    from digest.pages.about import CREDITS  # here: the language tests run without it

    site = sites["de"]
    about_url = site.url("about/")
    with _page(browser, site, width) as page:
        for kind, path in _page_paths(site).items():
            page.goto(site.url(path))
            wait_ready(page)
            link = page.locator("footer a.digest-about-link")
            assert link.count() == 1, kind
            link.scroll_into_view_if_needed()
            assert link.is_visible(), kind
            assert link.text_content().strip() == ABOUT["de"], kind
            href = link.evaluate("a => a.href")
            assert href == about_url, (kind, href)
        page.goto(about_url)
        wait_ready(page)
        text = " ".join(page.locator("article.md-content__inner").inner_text().split())
        for heading in ("Wie die Fakten entstehen", "Fakten korrigieren", "Daten und Lizenzen"):
            assert heading in text
        assert "facts:" in text and "rename:" in text
        for credit in CREDITS:
            for part in (credit.name, credit.licence, credit.by):
                assert part in text, part
            link = page.locator(f'a[href="{credit.url}"]')
            assert link.count() == 1 and link.is_visible(), credit.name


def test_the_english_sites_about_page_credits_in_english(
        browser: Any, sites: dict[str, Site]) -> None:
    from digest.pages.about import CREDITS

    site = sites["en"]
    with _page(browser, site, 1280) as page:
        page.goto(site.url("about/"))
        wait_ready(page)
        text = " ".join(page.locator("article.md-content__inner").inner_text().split())
        assert "Data and licences" in text and "Correcting facts" in text
        for credit in CREDITS:
            assert credit.used["en"] in text
        page.goto(site.url(GERMAN))
        wait_ready(page)
        assert page.locator("footer a.digest-about-link").text_content().strip() == ABOUT["de"]
