"""Every feed the site writes passes the W3C Feed Validation Service's rules with no error.

The validator itself (w3c/feedvalidator) is published on no package registry, so its rules
are written out here: each check names the validator's message class (``MissingElement``,
``InvalidTAG``, ``DuplicateUpdated`` …) and keeps its level, error or warning, as the
validator's ``logging.py`` declares it; the regular expressions for tag URIs, full URIs,
RFC 3339 and RFC 2822 dates are the validator's own (``validators.py``). JSON Feed is checked
against the JSON Feed 1.1 specification (jsonfeed.org/version/1.1), field by field.

Run ``python -m tests.test_feed_validator FOLDER`` to print every finding for the feeds under
a folder (``content/feeds`` after a build, ``tests/golden/feeds``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.localedata import locale_identifiers
from lxml import etree

from digest.build import digest_stage
from digest.config import load_config

from .conftest import BUILD_TIME, make_project
from .support import commit_all

GOLDEN_FEEDS = Path(__file__).resolve().parent / "golden" / "feeds"

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC = "http://purl.org/dc/elements/1.1/"

# The validator's own patterns (validators.py: rfc2396.tag_re, rfc2396_full, rfc3339,
# rfc822.rfc2822_re).
TAG_URI = re.compile(
    r"^tag:([a-z0-9\-\._]+?@)?[a-z0-9\.\-]+?,\d{4}(-\d{2}(-\d{2})?)?:"
    r"[0-9a-zA-Z;/\?:@&=+$\.\-_!~*'\(\)%,]*(#[0-9a-zA-Z;/\?:@&=+$\.\-_!~*'\(\)%,]*)?$")
FULL_URI = re.compile(r"[a-zA-Z][0-9a-zA-Z+\-\.]*:(//)?[0-9a-zA-Z;/?:@&=+$\.\-_!~*'()%,#]+$")
RFC3339 = re.compile(r"^\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*)?(Z|([+-]\d\d:\d\d))$")
RFC2822 = re.compile(
    r"(((Mon)|(Tue)|(Wed)|(Thu)|(Fri)|(Sat)|(Sun)), )?\d\d? ((Jan)|(Feb)|(Mar)|(Apr)|(May)|"
    r"(Jun)|(Jul)|(Aug)|(Sep)|(Oct)|(Nov)|(Dec)) \d\d\d\d \d\d:\d\d(:\d\d)? "
    r"(([+-]?\d\d[03]0)|(UT)|(GMT)|(EST)|(EDT)|(CST)|(CDT)|(MST)|(MDT)|(PST)|(PDT)|Z)$")
LANGUAGES = frozenset(code.split("_")[0] for code in locale_identifiers())
"""ISO 639 codes (babel's locale data stands in for the validator's ``iso639codes``)."""

RSS_CHANNEL = {"title", "link", "description", "language", "copyright", "managingEditor",
               "webMaster", "pubDate", "lastBuildDate", "category", "generator", "docs",
               "cloud", "ttl", "image", "rating", "textInput", "skipHours", "skipDays", "item"}
RSS_ITEM = {"title", "link", "description", "author", "category", "comments", "enclosure",
            "guid", "pubDate", "source"}
RSS_ONCE = {"title", "link", "description", "language", "pubDate", "lastBuildDate",
            "generator", "docs", "ttl", "guid", "author", "comments", "source"}
ATOM_ONCE = {"id", "title", "updated", "published", "subtitle", "rights", "generator", "icon",
             "logo", "summary", "content"}


@dataclass(frozen=True)
class Finding:
    """One message as the validator would log it: its level, its class and where."""

    level: str
    """``error`` or ``warning`` (the validator's ``Error`` and ``Warning`` subclasses)."""
    code: str
    where: str

    def __str__(self) -> str:
        return f"{self.level}: {self.code}: {self.where}"


def _error(code: str, where: str) -> Finding:
    return Finding("error", code, where)


def _warning(code: str, where: str) -> Finding:
    return Finding("warning", code, where)


def _uri(value: str, where: str) -> Iterator[Finding]:
    """``rfc2396_full``: tag URIs by the tag pattern, every other id or link as a full URI."""
    if value.split(":")[0].lower() == "tag":
        if not TAG_URI.match(value):
            yield _error("InvalidTAG", f"{where}: {value!r}")
    elif not FULL_URI.match(value):
        yield _error("InvalidFullLink", f"{where}: {value!r}")


def _language(value: str, where: str) -> Iterator[Finding]:
    if value.split("-")[0].lower() not in LANGUAGES:
        yield _error("InvalidLanguage", f"{where}: {value!r}")


def _rfc3339(value: str | None, where: str) -> Iterator[Finding]:
    if value is None:
        return
    if not RFC3339.match(value):
        yield _error("InvalidRFC3339Date", f"{where}: {value!r}")
        return
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        yield _error("InvalidRFC3339Date", f"{where}: {value!r}")


def _rfc2822(value: str, where: str) -> Iterator[Finding]:
    if not RFC2822.match(value):
        yield _error("InvalidRFC2822Date", f"{where}: {value!r}")
        return
    parts = value.replace(",", "").split()
    if "," in value:
        day = dt.datetime.strptime(" ".join(parts[1:4]), "%d %b %Y")
        if day.strftime("%a") != parts[0]:
            yield _error("IncorrectDOW", f"{where}: {value!r}")


def _once(parent: etree._Element, names: set[str], ns: str | None, where: str
          ) -> Iterator[Finding]:
    """``noduplicates``: these children may appear at most once."""
    seen = Counter(etree.QName(c).localname for c in parent
                   if isinstance(c.tag, str) and etree.QName(c).namespace == ns)
    for name, n in sorted(seen.items()):
        if name in names and n > 1:
            yield _error("DuplicateElement", f"{where}/{name}")


def _languages(root: etree._Element) -> Iterator[Finding]:
    for el in root.iter():
        lang = el.get(XML_LANG) if isinstance(el.tag, str) else None
        if lang is not None:
            yield from _language(lang, f"{etree.QName(el).localname}@xml:lang")


def check_atom(root: etree._Element) -> list[Finding]:
    """Atom 1.0 (RFC 4287) as the validator's ``feed.py``, ``entry.py``, ``link.py`` read it."""
    out: list[Finding] = []
    if root.tag != f"{{{ATOM}}}feed":
        return [_error("UndefinedElement", f"root {root.tag}")]
    out += _languages(root)

    def q(name: str) -> str:
        return f"{{{ATOM}}}{name}"

    def links(parent: etree._Element, where: str, alternates_only: bool) -> None:
        seen: set[tuple[str, str | None, str | None]] = set()
        for link in parent.findall(q("link")):
            href = link.get("href")
            if href is None:
                out.append(_error("MissingHref", f"{where}/link"))
                continue
            out.extend(_uri(href, f"{where}/link@href"))
            rel = link.get("rel", "alternate")
            if alternates_only and rel != "alternate":
                continue
            key = (rel, link.get("type"), link.get("hreflang"))
            if key in seen:
                out.append(_error("DuplicateAtomLink", f"{where}/link rel={rel}"))
            seen.add(key)

    def persons(parent: etree._Element, where: str) -> None:
        for name in ("author", "contributor"):
            for person in parent.findall(q(name)):
                if not (person.findtext(q("name")) or "").strip():
                    out.append(_error("MissingElement", f"{where}/{name}: name"))

    entries = root.findall(q("entry"))
    first_entry = next((i for i, c in enumerate(root) if c.tag == q("entry")), len(root))
    for child in list(root)[first_entry:]:
        if isinstance(child.tag, str) and child.tag != q("entry"):
            out.append(_error("MisplacedMetadata", etree.QName(child).localname))
    for name in ("title", "id", "updated"):
        if root.find(q(name)) is None:
            out.append(_error("MissingElement", f"feed: {name}"))
    out += _once(root, ATOM_ONCE, ATOM, "feed")
    if root.find(q("id")) is not None:
        out += _uri(root.findtext(q("id")) or "", "feed/id")
    out += _rfc3339(root.findtext(q("updated")), "feed/updated")
    links(root, "feed", alternates_only=False)
    if not any(link.get("rel") == "self" for link in root.findall(q("link"))):
        out.append(_warning("MissingSelf", "feed"))
    persons(root, "feed")
    feed_author = root.find(q("author")) is not None
    ids: Counter[str] = Counter()
    updated: Counter[str] = Counter()
    for n, entry in enumerate(entries, 1):
        where = f"entry {n}"
        for name in ("title", "id", "updated"):
            if entry.find(q(name)) is None:
                out.append(_error("MissingElement", f"{where}: {name}"))
        if not feed_author and entry.find(q("author")) is None:
            out.append(_error("MissingElement", f"{where}: author"))
        out += _once(entry, ATOM_ONCE, ATOM, where)
        entry_id = entry.findtext(q("id"))
        if entry_id is not None:
            out += _uri(entry_id, f"{where}/id")
            ids[entry_id] += 1
        out += _rfc3339(entry.findtext(q("updated")), f"{where}/updated")
        out += _rfc3339(entry.findtext(q("published")), f"{where}/published")
        if entry.findtext(q("updated")) is not None:
            updated[entry.findtext(q("updated")) or ""] += 1
        links(entry, where, alternates_only=True)
        persons(entry, where)
        for category in entry.findall(q("category")):
            if not category.get("term"):
                out.append(_error("MissingAttribute", f"{where}/category: term"))
        content = entry.find(q("content"))
        if content is None:
            if entry.find(q("summary")) is None:
                out.append(_warning("MissingTextualContent", where))
            if not any(link.get("rel", "alternate") == "alternate"
                       for link in entry.findall(q("link"))):
                out.append(_error("MissingContentOrAlternate", where))
        elif content.get("type", "text") not in ("text", "html", "xhtml"):
            kind = content.get("type", "")
            textual = kind.startswith("text/") or kind.endswith(("+xml", "/xml"))
            if not textual and entry.find(q("summary")) is None:
                out.append(_warning("MissingTextualContent", where))
    out += [_warning("DuplicateEntries", f"id {i!r} x{n}") for i, n in ids.items() if n > 1]
    out += [_warning("DuplicateUpdated", f"updated {u!r} x{n}")
            for u, n in updated.items() if n > 1]
    return out


def check_rss(root: etree._Element) -> list[Finding]:
    """RSS 2.0 as the validator's ``rss.py``, ``channel.py`` and ``item.py`` read it."""
    out: list[Finding] = []
    if root.tag != "rss":
        return [_error("UndefinedElement", f"root {root.tag}")]
    if root.get("version") != "2.0":
        out.append(_error("InvalidRSSVersion", repr(root.get("version"))))
    channels = root.findall("channel")
    if len(channels) != 1:
        return [*out, _error("MissingElement" if not channels else "DuplicateElement",
                             "rss: channel")]
    channel = channels[0]
    for name, code in (("title", "MissingTitle"), ("link", "MissingLink"),
                       ("description", "MissingDescription")):
        if not (channel.findtext(name) or "").strip():
            out.append(_error(code, f"channel: {name}"))
    out += _once(channel, RSS_ONCE, None, "channel")
    out += [_error("UndefinedElement", f"channel/{c.tag}") for c in channel
            if isinstance(c.tag, str) and "}" not in c.tag and c.tag not in RSS_CHANNEL]
    if channel.findtext("link") is not None:
        out += _uri(channel.findtext("link") or "", "channel/link")
    if channel.findtext("language") is not None:
        out += _language(channel.findtext("language") or "", "channel/language")
    for name in ("pubDate", "lastBuildDate"):
        if channel.findtext(name) is not None:
            out += _rfc2822(channel.findtext(name) or "", f"channel/{name}")
    atom_links = channel.findall(f"{{{ATOM}}}link")
    for link in atom_links:
        if link.get("href") is None:
            out.append(_error("MissingHref", "channel/atom:link"))
        else:
            out += _uri(link.get("href", ""), "channel/atom:link@href")
    if not any(link.get("rel") == "self" for link in atom_links):
        out.append(_warning("MissingAtomSelfLink", "channel"))
    guids: Counter[str] = Counter()
    for n, item in enumerate(channel.findall("item"), 1):
        where = f"item {n}"
        if item.find("title") is None and item.find("description") is None:
            out.append(_error("ItemMustContainTitleOrDescription", where))
        out += _once(item, RSS_ONCE, None, where)
        out += [_error("UndefinedElement", f"{where}/{c.tag}") for c in item
                if isinstance(c.tag, str) and "}" not in c.tag and c.tag not in RSS_ITEM]
        if item.findtext("link") is not None:
            out += _uri(item.findtext("link") or "", f"{where}/link")
        if item.findtext("pubDate") is not None:
            out += _rfc2822(item.findtext("pubDate") or "", f"{where}/pubDate")
        if item.findtext("author") is not None and "@" not in (item.findtext("author") or ""):
            out.append(_error("InvalidContact", f"{where}/author"))
        for lang in item.findall(f"{{{DC}}}language"):
            out += _language(lang.text or "", f"{where}/dc:language")
        guid = item.find("guid")
        if guid is None:
            out.append(_warning("MissingGuid", where))
        else:
            guids[guid.text or ""] += 1
            if guid.get("isPermaLink", "true") == "true":
                out += _uri(guid.text or "", f"{where}/guid")
    out += [_error("DuplicateValue", f"guid {g!r} x{n}") for g, n in guids.items() if n > 1]
    return out


JSON_FEED = {"version", "title", "home_page_url", "feed_url", "description", "user_comment",
             "next_url", "icon", "favicon", "authors", "language", "expired", "hubs", "items"}
JSON_ITEM = {"id", "url", "external_url", "title", "content_html", "content_text", "summary",
             "image", "banner_image", "date_published", "date_modified", "authors", "tags",
             "language", "attachments"}
JSON_STRINGS = {"title", "home_page_url", "feed_url", "description", "user_comment", "next_url",
                "icon", "favicon", "language", "url", "external_url", "content_html",
                "content_text", "summary", "image", "banner_image"}


def check_json_feed(feed: object) -> list[Finding]:
    """JSON Feed 1.1: required fields, types, RFC 3339 dates, authors, unknown keys."""
    if not isinstance(feed, dict):
        return [_error("NotAnObject", "feed")]
    out: list[Finding] = []

    def fields(obj: dict[str, object], known: set[str], where: str) -> None:
        for key, value in obj.items():
            if key not in known and not key.startswith("_"):
                out.append(_error("UnknownKey", f"{where}: {key} (extensions start with _)"))
            elif key in JSON_STRINGS and not isinstance(value, str):
                out.append(_error("NotAString", f"{where}: {key}"))
        if isinstance(obj.get("language"), str):
            out.extend(_language(str(obj["language"]), f"{where}: language"))
        authors = obj.get("authors")
        if authors is not None and not (isinstance(authors, list) and all(
                isinstance(a, dict) and any(k in a for k in ("name", "url", "avatar"))
                for a in authors)):
            out.append(_error("InvalidAuthors", where))
        for key in ("home_page_url", "feed_url", "url", "external_url"):
            if isinstance(obj.get(key), str):
                out.extend(_uri(str(obj[key]), f"{where}: {key}"))

    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        out.append(_error("InvalidVersion", repr(feed.get("version"))))
    if not isinstance(feed.get("title"), str):
        out.append(_error("MissingElement", "feed: title"))
    fields(feed, JSON_FEED, "feed")
    items = feed.get("items")
    if not isinstance(items, list):
        return [*out, _error("MissingElement", "feed: items")]
    ids: Counter[str] = Counter()
    for n, item in enumerate(items, 1):
        where = f"item {n}"
        if not isinstance(item, dict):
            out.append(_error("NotAnObject", where))
            continue
        if not isinstance(item.get("id"), str):
            out.append(_error("MissingElement", f"{where}: id"))
        else:
            ids[str(item["id"])] += 1
        if not isinstance(item.get("content_html"), str) and not isinstance(
                item.get("content_text"), str):
            out.append(_error("MissingElement", f"{where}: content_html or content_text"))
        for key in ("date_published", "date_modified"):
            if key in item:
                out.extend(_rfc3339(str(item[key]), f"{where}: {key}"))
        tags = item.get("tags")
        if tags is not None and not (isinstance(tags, list)
                                     and all(isinstance(t, str) for t in tags)):
            out.append(_error("InvalidTags", where))
        fields(item, JSON_ITEM, where)
    out += [_error("DuplicateIds", f"id {i!r} x{n}") for i, n in ids.items() if n > 1]
    return out


def check_file(path: Path) -> list[Finding]:
    """The findings for one feed file, by its kind."""
    data = path.read_bytes()
    if path.suffix == ".json":
        return check_json_feed(json.loads(data))
    root = etree.fromstring(data)
    return check_rss(root) if root.tag == "rss" else check_atom(root)


def feed_files(folder: Path) -> list[Path]:
    """Every feed under a feeds folder: RSS, Atom and JSON Feed, site, tags and editions."""
    return sorted(p for p in folder.rglob("*")
                  if p.name.endswith((".rss.xml", ".atom.xml", "feed.json"))
                  or p.name in ("rss.xml", "atom.xml"))


# ------------------------------------------------------------------------------ the tests

SEEDS = {
    # Two seeds in one commit: their git date is one time, as when a pull request adds both.
    "budget.md": "---\ntitle: Budget talks stall in Brussels\nauthor: Jane Roe\n"
                 "tags: [EU, Budget]\n---\n\n"
                 "EU ministers failed to agree on the 2027 budget of €1.2 trillion on "
                 "Tuesday in Brussels.\n",
    "Stromnetz Ausbau.md": "---\ntitle: Netzausbau in Tirol\nlang: de\ntags: [Energie]\n---\n\n"
                           "Die Tiroler Netz AG investiert 240 Millionen Euro in Innsbruck.\n",
    "grün/älter.md": "---\ntitle: Ältere Meldung\ndate: 2026-03-01\ntags: [Energie, EU]\n"
                     "---\n\nDer Konzern investiert 2 Milliarden Euro in Wien.\n",
    "energy.md": "---\ntitle: Grid operator raises spending\ndate: 2026-03-09T08:15:00+01:00\n"
                 "lang: en\ntags: [Energie]\nauthor: John Doe\n---\n\n"
                 "The grid operator said on Monday it would spend 5 percent more in 2026.\n",
}


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The feeds of a committed project: German and English, with and without an author,
    two articles of one commit, a seed whose file name is not ASCII, tags and editions."""
    project = make_project(tmp_path_factory.mktemp("feeds"), dict(SEEDS))
    commit_all(project)
    result = digest_stage(load_config(project / "mkdocs.yml"), build_time=BUILD_TIME)
    assert not result.errors, result.errors
    return project / "content" / "feeds"


def _cases() -> list[str]:
    names = ["rss.xml", "atom.xml", "feed.json", "editions.rss.xml", "editions.atom.xml"]
    return names + [f"tags/{tag}.atom.xml" for tag in ("energie", "eu")]


@pytest.mark.parametrize("name", _cases())
def test_feed_has_no_validator_error(feeds: Path, name: str) -> None:
    """Every feed kind the site writes, from seeds of both languages: no error at all."""
    assert (feeds / name).exists(), sorted(p.name for p in feeds.rglob("*"))
    errors = [f for f in check_file(feeds / name) if f.level == "error"]
    assert not errors, "\n".join(map(str, errors))


def test_every_written_feed_is_checked(feeds: Path) -> None:
    """No feed escapes the check: every file in the feeds folder is valid, tag feeds too."""
    files = feed_files(feeds)
    assert len(files) >= len(_cases())
    errors = [f"{p.relative_to(feeds)}: {f}" for p in files for f in check_file(p)
              if f.level == "error"]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("name", [p.relative_to(GOLDEN_FEEDS).as_posix()
                                  for p in feed_files(GOLDEN_FEEDS)])
def test_golden_feed_has_no_validator_error(name: str) -> None:
    """The committed golden feeds (three real-looking articles) pass as well."""
    errors = [f for f in check_file(GOLDEN_FEEDS / name) if f.level == "error"]
    assert not errors, "\n".join(map(str, errors))


def _atom(feeds: Path, name: str) -> etree._Element:
    return etree.parse(str(feeds / name)).getroot()


def _a(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def test_atom_feed_names_the_site_as_author_and_articles_their_own(feeds: Path) -> None:
    """The site's name is the feed's author, so entries without one inherit it."""
    for name in ("atom.xml", "editions.atom.xml", "tags/energie.atom.xml"):
        root = _atom(feeds, name)
        assert root.findtext(f"{_a('author')}/{_a('name')}") == "Digest", name
    entries = {e.findtext(_a("title")): e for e in _atom(feeds, "atom.xml").iter(_a("entry"))}
    assert entries["Budget talks stall in Brussels"].findtext(
        f"{_a('author')}/{_a('name')}") == "Jane Roe"
    assert entries["Netzausbau in Tirol"].find(_a("author")) is None


def test_entries_carry_their_own_language(feeds: Path) -> None:
    """Atom entries say xml:lang, RSS items dc:language, JSON Feed items language; the
    feed's own language is the site's."""
    root = _atom(feeds, "atom.xml")
    assert root.get(XML_LANG) == "de"
    langs = {e.findtext(_a("title")): e.get(XML_LANG) for e in root.iter(_a("entry"))}
    assert langs == {"Budget talks stall in Brussels": "en", "Netzausbau in Tirol": "de",
                     "Ältere Meldung": "de", "Grid operator raises spending": "en"}
    rss = etree.parse(str(feeds / "rss.xml")).getroot()
    assert rss.findtext("channel/language") == "de"
    assert {i.findtext("title"): i.findtext(f"{{{DC}}}language")
            for i in rss.iter("item")} == langs
    items = json.loads((feeds / "feed.json").read_text())["items"]
    assert {i["title"]: i["language"] for i in items} == langs


def test_channel_language_follows_the_site(tmp_path: Path) -> None:
    """An English site (``theme.language: en``) writes English channels and words."""
    project = make_project(tmp_path, {"energy.md": SEEDS["energy.md"]},
                           options={"topic_min_articles": 1})
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("  language: de", "  language: en", 1))
    digest_stage(load_config(yml), build_time=BUILD_TIME)
    feeds = project / "content" / "feeds"
    for name in ("atom.xml", "editions.atom.xml", "tags/energie.atom.xml"):
        assert _atom(feeds, name).get(XML_LANG) == "en", name
    rss = etree.parse(str(feeds / "editions.rss.xml")).getroot()
    assert rss.findtext("channel/language") == "en"
    assert rss.findtext("channel/title") == "Digest: Weekly editions"
    assert json.loads((feeds / "feed.json").read_text())["language"] == "en"


def test_each_feed_has_its_own_title_link_and_description(feeds: Path) -> None:
    """A reader's feed list tells the feeds apart, and each links to its own HTML page."""
    site = "https://example.github.io/digest/"
    seen = {}
    for name in ("rss.xml", "editions.rss.xml"):
        channel = etree.parse(str(feeds / name)).getroot().find("channel")
        assert channel is not None
        seen[name] = (channel.findtext("title"), channel.findtext("link"),
                      channel.findtext("description"))
    for name in ("tags/energie.atom.xml", "tags/eu.atom.xml"):  # a tag's feed is Atom only
        root = _atom(feeds, name)
        seen[name] = (root.findtext(_a("title")), next(
            x.get("href") for x in root.findall(_a("link")) if x.get("rel") == "alternate"),
            root.findtext(_a("subtitle")))
    for i, field in enumerate(("title", "link", "description")):
        values = [v[i] for v in seen.values()]
        assert len(set(values)) == len(values), (field, values)
    assert seen["rss.xml"][:2] == ("Digest", site)
    assert seen["editions.rss.xml"][:2] == ("Digest: Wochenausgaben", site + "editions/")
    assert seen["tags/energie.atom.xml"][:2] == ("Digest: Energie", site + "tags/energie/")
    assert "Energie" in (seen["tags/energie.atom.xml"][2] or "")
    # The editions feed describes itself, not its newest edition.
    assert "KW " not in (seen["editions.rss.xml"][2] or "")
    for name, link in (("atom.xml", site), ("editions.atom.xml", site + "editions/"),
                       ("tags/energie.atom.xml", site + "tags/energie/")):
        alternates = [x.get("href") for x in _atom(feeds, name).findall(_a("link"))
                      if x.get("rel", "alternate") == "alternate"]
        assert alternates == [link], name
    json_feed = json.loads((feeds / "feed.json").read_text())
    assert (json_feed["title"], json_feed["home_page_url"]) == ("Digest", site)


def test_updated_is_the_articles_date(feeds: Path) -> None:
    """Each entry's updated time is its article's date: articles with dates of their own
    differ; the two of one commit share the commit's time (a warning, never an error)."""
    root = _atom(feeds, "atom.xml")
    updated = {e.findtext(_a("title")): e.findtext(_a("updated")) for e in root.iter(_a("entry"))}
    assert updated["Ältere Meldung"] == "2026-03-01T00:00:00+01:00"
    assert updated["Grid operator raises spending"] == "2026-03-09T08:15:00+01:00"
    assert updated["Budget talks stall in Brussels"] == updated["Netzausbau in Tirol"]
    findings = check_file(feeds / "atom.xml")
    assert [f.code for f in findings if f.level == "warning"] == ["DuplicateUpdated"]


def test_checker_finds_what_the_validator_reports() -> None:
    """The rules catch the faults the W3C validator reported on the old feeds."""
    bad = (b'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="xx-YY"><id>tag:a,2026:x y</id>'
           b"<title>t</title><updated>2026-01-01T00:00:00Z</updated>"
           b"<entry><id>tag:a,2026:e</id><title>e</title><updated>2026-01-01</updated>"
           b"<content type=\"html\">x</content></entry>"
           b"<entry><id>tag:a,2026:f</id><title>f</title><updated>2026-01-01</updated>"
           b"<content type=\"html\">x</content></entry></feed>")
    codes = Counter(f.code for f in check_atom(etree.fromstring(bad)))
    assert codes == {"InvalidLanguage": 1, "InvalidTAG": 1, "MissingElement": 2,
                     "InvalidRFC3339Date": 2, "DuplicateUpdated": 1, "MissingSelf": 1}
    rss = (b'<rss version="2.0"><channel><title>t</title><link>/relative</link>'
           b"<language>zz</language><item><title>a</title>"
           b"<pubDate>Tue, 01 Apr 2026 00:00:00 +0200</pubDate></item></channel></rss>")
    codes = Counter(f.code for f in check_rss(etree.fromstring(rss)))
    assert codes == {"MissingDescription": 1, "InvalidFullLink": 1, "InvalidLanguage": 1,
                     "IncorrectDOW": 1, "MissingGuid": 1, "MissingAtomSelfLink": 1}


def main(argv: list[str]) -> int:
    """Print each feed's errors and warnings; exit 1 when any feed has an error."""
    total = Counter[str]()
    for folder in map(Path, argv):
        for path in feed_files(folder):
            findings = check_file(path)
            levels = Counter(f.level for f in findings)
            total.update(levels)
            print(f"{path.relative_to(folder)}: {levels['error']} errors, "
                  f"{levels['warning']} warnings")
            for finding in findings:
                print(f"  {finding}")
    print(f"total: {total['error']} errors, {total['warning']} warnings")
    return 1 if total["error"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
