"""Hostile and broken seeds: each is named with its file (and line), none crashes, none
reaches a page, the search index or a feed as live HTML."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import feedparser
import pytest
from lxml import etree
from lxml import html as lxml_html

from digest.build import digest_stage, make_entry, vocabulary_for
from digest.cli import main
from digest.config import Config, load_config
from digest.new import seed_name, seed_text
from digest.read.ingest import SeedContext, read_seed
from digest.read.names import name_problem
from digest.text import clear_language

from .conftest import BUILD_TIME, DATA, SEED, make_project
from .support import (
    MARKDOWN_ATTRIBUTES,
    MARKDOWN_TAGS,
    PROSE,
    TEMPLATE_ATTRIBUTES,
    TEMPLATE_TAGS,
    assert_untouched,
    check,
    commit_all,
    disk_state,
    git,
    live_html,
    page_html,
    paragraphs,
    settle,
    text_of,
)

HOSTILE = DATA / "hostile"
HOSTILE_TXT = (HOSTILE / "hostile.txt").read_bytes()
HOSTILE_MD = (HOSTILE / "hostile.md").read_bytes()


# ---------------------------------------------------------------------------- helpers


def read(config: Config, name: str, data: str | bytes) -> Any:
    raw = data.encode() if isinstance(data, str) else data
    return read_seed(f"seeds/{name}", raw, SeedContext(config, None, BUILD_TIME))


def feed_titles(data: bytes) -> list[str]:
    """Every title in an RSS or Atom document, as the XML holds it (feedparser would clean)."""
    return [t.text or "" for t in etree.fromstring(data).iter("{*}title", "title")]


def entry_for(config: Config, name: str, data: str | bytes) -> Any:
    result = read(config, name, data)
    assert result.article is not None, result.problems
    return make_entry(result.article, vocabulary_for(config))


# ---------------------------------------------------------------------------- the checks

MB = 1_000_000
CP1252 = "Grüße aus Köln\nDer Preis stieg um 5 € für die Bürger – „endlich“, sagte er.\n"
LATIN1 = "Café in Zürich\nDer Kaffee kostet in Zürich jetzt 5 Franken, sagte der Wirt.\n"

# (id, seed file name, its bytes, exact lines `digest check` prints, exit code)
CASES: list[tuple[str, str, str | bytes, list[str], int]] = [
    ("empty file", "a.txt", b"",
     ["seeds/a.txt: empty file: expected a title on line 1"], 1),
    ("whitespace only", "a.txt", " \n\t\r\n\u00a0\u3000\n",
     ["seeds/a.txt: empty file: expected a title on line 1"], 1),
    ("whitespace only .md", "a.md", "\n   \n",
     ["seeds/a.md: empty file: expected a title on line 1"], 1),
    ("BOM only", "a.md", b"\xef\xbb\xbf\r\n",
     ["seeds/a.md: empty file: expected a title on line 1"], 1),
    ("title only", "a.txt", "Title only\n",
     ["seeds/a.txt:1: title only: expected at least one paragraph after the title"], 1),
    ("title only after blank lines", "a.txt", "\n\nTitle only\n\n",
     ["seeds/a.txt:3: title only: expected at least one paragraph after the title"], 1),
    ("front matter only", "a.md", "---\ntitle: T\n---\n",
     ["seeds/a.md:4: body: expected at least one paragraph of text"], 1),
    ("body of only markup", "a.md", "---\ntitle: T\n---\n\n<script>alert(1)</script>\n\n"
     "<!-- a comment -->\n",
     ["seeds/a.md:5: body: expected at least one paragraph of text"], 1),
    ("title over 300 characters", "a.txt", "T" * 301 + "\nText.\n",
     ["seeds/a.txt:1: title: 301 characters; expected at most 300"], 1),
    ("title over 300 characters .md", "a.md", f"---\ntitle: {'T' * 301}\n---\n\nText.\n",
     ["seeds/a.md:2: title: 301 characters; expected at most 300"], 1),
    ("a single 1 MB line", "a.txt", "x" * MB,
     [f"seeds/a.txt:1: title: {MB} characters; expected at most 300; is the text missing its "
      "line breaks (one paragraph per line)?"], 1),
    ("over the size limit", "a.txt", "Title\n" + "x" * MB,
     [f"seeds/a.txt: file is {MB + 6} bytes; the limit is {MB} (extra.digest.max_seed_bytes)"],
     1),
    ("binary (NUL)", "a.txt", b"Title\nText\x00more\n",
     ["seeds/a.txt:2: binary file (NUL byte): expected UTF-8 text"], 1),
    ("Windows-1252", "a.txt", CP1252.encode("cp1252"),
     ["seeds/a.txt:1: warning: not UTF-8; read as cp1252, please save as UTF-8"], 0),
    ("Latin-1", "a.txt", LATIN1.encode("latin-1"),
     ["seeds/a.txt:1: warning: not UTF-8; read as cp1252, please save as UTF-8"], 0),
    ("UTF-8 with a stray byte", "a.txt",
     "Grüße aus Köln\nDer Preis stieg für die Bürger um 5 ".encode() + b"\x80.\n",
     ["seeds/a.txt:2: warning: not valid UTF-8: 1 byte(s) replaced by U+FFFD; please fix the "
      "encoding"], 0),
    ("UTF-16 with BOM", "a.txt", f"Title\n{PROSE}\n".encode("utf-16"),
     ["seeds/a.txt: warning: not UTF-8; read as UTF-16, please save as UTF-8"], 0),
    ("control characters", "a.txt", f"Title\n{PROSE}\x0b\x1b\nMore\x7f.\n",
     ["seeds/a.txt:2: warning: removed 3 control character(s) that pages and feeds cannot "
      "hold"], 0),
    ("invalid YAML", "a.md", "---\ntitle: T\ntags: [a, b\n---\n\nText.\n",
     ["seeds/a.md:4: front matter: invalid YAML: expected ',' or ']', but got '<stream end>'"],
     1),
    ("YAML that is not a mapping", "a.md", "---\n- a\n- b\n---\n\nText.\n",
     ["seeds/a.md:2: front matter: expected 'key: value' lines"], 1),
    ("front matter not on line 1", "a.md", "\n---\ntitle: T\n---\n\nText.\n",
     ["seeds/a.md:2: front matter: the opening '---' must be the very first line"], 1),
    ("front matter not closed", "a.md", "---\ntitle: T\n\nText.\n",
     ["seeds/a.md:1: front matter: expected a closing '---' line"], 1),
    ("title of the wrong type", "a.md", "---\ntitle: 42\n---\n\nText.\n",
     ["seeds/a.md:2: title: expected a non-empty string, got 42"], 1),
    ("tags not a list", "a.md", "---\ntitle: T\ntags: Economy\n---\n\nText.\n",
     ["seeds/a.md:3: tags: expected a list of strings, got 'Economy'"], 1),
    ("tags not strings", "a.md", "---\ntitle: T\ntags: [1, {a: b}]\n---\n\nText.\n",
     ["seeds/a.md:3: tags: expected a list of strings, got [1, {'a': 'b'}]"], 1),
    ("tags with HTML", "a.md", "---\ntitle: T\ntags: ['<img src=x onerror=alert(1)>']\n---\n\n"
     "Text.\n",
     ["seeds/a.md:3: tags: expected plain words without '<' or '>', got "
      "['<img src=x onerror=alert(1)>']"], 1),
    ("language not de or en", "a.md", "---\ntitle: T\nlang: fr\n---\n\nText.\n",
     ["seeds/a.md:3: warning: lang: no recognizer for 'fr' (expected 'de' or 'en'); the "
      "article is read in the language its words suggest"], 0),
    ("javascript: source", "a.md", "---\ntitle: T\nsource: javascript:alert(1)\n---\n\nText.\n",
     ["seeds/a.md:3: source: expected an http(s) URL, got 'javascript:alert(1)'"], 1),
    ("source that ends a Markdown link", "a.md",
     "---\ntitle: T\nsource: https://example.org/a>b\n---\n\nText.\n",
     ["seeds/a.md:3: source: expected an http(s) URL, got 'https://example.org/a>b'"], 1),
    ("unknown key", "a.md", f"---\ntitle: T\nsummry: Short.\n---\n\n{PROSE}\n",
     ["seeds/a.md:3: warning: unknown key 'summry'; did you mean 'summary'?"], 0),
    ("unknown key without a near match", "a.md", f"---\ntitle: T\nzzz: 1\n---\n\n{PROSE}\n",
     ["seeds/a.md:3: warning: unknown key 'zzz'; expected one of title, date, source, author, "
      "lang, tags, summary, slug, old_slugs, facts"], 0),
    ("key given twice", "a.md", "---\ntitle: A\ntitle: B\n---\n\nText.\n",
     ["seeds/a.md:3: title: given twice (first on line 2)"], 1),
    ("line separators inside a line", "a.md",
     "---\ntitle: A\n\u2028\u2028\ntitle: B\n---\n\nText.\n",
     ["seeds/a.md:4: title: given twice (first on line 2)"], 1),
    ("billion laughs (anchors)", "a.md",
     "---\na: &a [lol, lol, lol]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\ntitle: T\n---\n\nText.\n",
     ["seeds/a.md:2: front matter: invalid YAML: anchors (&name) are not allowed in front "
      "matter"], 1),
    ("alias", "a.md", "---\ntitle: *x\n---\n\nText.\n",
     ["seeds/a.md:2: front matter: invalid YAML: aliases (*name) are not allowed in front "
      "matter"], 1),
    ("python object tag", "a.md",
     "---\ntitle: !!python/object/apply:os.system ['true']\n---\n\nText.\n",
     ["seeds/a.md:2: front matter: invalid YAML: could not determine a constructor for the tag "
      "'tag:yaml.org,2002:python/object/apply:os.system'"], 1),
    ("nested too deeply", "a.md", "---\ntitle: " + "[" * 2000 + "\n---\n\nText.\n",
     ["seeds/a.md:2: front matter: invalid YAML: nested too deeply"], 1),
    ("date in words", "a.md", "---\ntitle: T\n\ndate: last Tuesday\n---\n\nText.\n",
     ["seeds/a.md:4: date: expected YYYY-MM-DD or an ISO date-time, got 'last Tuesday'"], 1),
    ("date in German order", "a.md", "---\ntitle: T\ndate: 30.01.2026\n---\n\nText.\n",
     ["seeds/a.md:3: date: expected YYYY-MM-DD or an ISO date-time, got '30.01.2026'"], 1),
    ("impossible date", "a.md", "---\ntitle: T\ndate: 2026-02-30\n---\n\nText.\n",
     ["seeds/a.md:3: date: '2026-02-30' is not a real date or time (day is out of range for "
      "month)"], 1),
    ("impossible time", "a.md", "---\ntitle: T\ndate: 2026-02-03T25:00\n---\n\nText.\n",
     ["seeds/a.md:3: date: '2026-02-03T25:00' is not a real date or time (hour must be in "
      "0..23)"], 1),
    ("date out of range", "a.md", "---\ntitle: T\ndate: 0001-01-01\n---\n\nText.\n",
     ["seeds/a.md:3: date: '0001-01-01' is out of range; expected a year from 1900 to 2200"], 1),
    ("date of the wrong type", "a.md", "---\ntitle: T\ndate: 20260130\n---\n\nText.\n",
     ["seeds/a.md:3: date: expected YYYY-MM-DD or an ISO date-time, got 20260130"], 1),
    ("slug with ../", "a.md", "---\ntitle: T\nslug: ../../etc/passwd\n---\n\nText.\n",
     ["seeds/a.md:3: slug: expected lowercase letters, digits and hyphens (like "
      "'ki-milliarden'), got '../../etc/passwd'"], 1),
    ("absolute slug", "a.md", "---\ntitle: T\nslug: /tmp/x\n---\n\nText.\n",
     ["seeds/a.md:3: slug: expected lowercase letters, digits and hyphens (like "
      "'ki-milliarden'), got '/tmp/x'"], 1),
    ("slug with NUL", "a.md", '---\ntitle: T\nslug: "a\\0b"\n---\n\nText.\n',
     ["seeds/a.md:3: slug: expected lowercase letters, digits and hyphens (like "
      "'ki-milliarden'), got 'a\\x00b'"], 1),
    ("slug index", "a.md", "---\ntitle: T\nslug: index\n---\n\nText.\n",
     ["seeds/a.md:3: slug: 'index' is a reserved name; choose another"], 1),
    ("slug con", "a.md", "---\ntitle: T\nslug: con\n---\n\nText.\n",
     ["seeds/a.md:3: slug: 'con' is a reserved name; choose another"], 1),
    ("slug _partials", "a.md", "---\ntitle: T\nslug: _partials\n---\n\nText.\n",
     ["seeds/a.md:3: slug: expected lowercase letters, digits and hyphens (like "
      "'ki-milliarden'), got '_partials'"], 1),
    ("old slug with ../", "a.md", "---\ntitle: T\nold_slugs: [../x]\n---\n\nText.\n",
     ["seeds/a.md:3: old_slugs: expected slugs of lowercase letters, digits and hyphens, got "
      "['../x']"], 1),
    ("old slug that is the slug", "a.md", "---\ntitle: T\nslug: t\nold_slugs: [t]\n---\n\n"
     "Text.\n",
     ["seeds/a.md:4: old_slugs: 't' is the current slug; list only earlier ones"], 1),
    ("file name CON", "CON.txt", f"Title\n{PROSE}\n",
     ["seeds/CON.txt: file name 'CON' is a reserved name; rename it"], 1),
    ("file name index", "index.md", f"# Title\n\n{PROSE}\n",
     ["seeds/index.md: file name 'index' is a reserved name; rename it"], 1),
    ("file name _partials", "_partials.md", f"# Title\n\n{PROSE}\n",
     ["seeds/_partials.md: file name starts with '_', which the site reserves for its own "
      "files (like _partials); rename it"], 1),
    ("file name Windows cannot store", "a:b.txt", f"Title\n{PROSE}\n",
     ["seeds/a:b.txt: file name contains :, which Windows cannot store in a file name; rename "
      "it"], 1),
    ("folder name _partials", "_partials/a.txt", f"Title\n{PROSE}\n",
     ["seeds/_partials/a.txt: folder name starts with '_', which the site reserves for its own "
      "files (like _partials); rename it"], 1),
]


@pytest.mark.parametrize(("name", "data", "expected", "code"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_check_names_each_broken_seed(
    tmp_path: Path, name: str, data: str | bytes, expected: list[str], code: int
) -> None:
    """`digest check` prints the exact compiler-style message and exits 1 on errors,
    0 on warnings only; the build that follows never crashes on the seed either."""
    project = make_project(tmp_path, {name: data})
    got, err, _ = check(project)
    for line in expected:
        assert line in err, "\n".join(err)
    assert got == code, "\n".join(err)
    assert not any("Traceback" in line for line in err)
    assert main(["-f", str(project / "mkdocs.yml"), "build", "--no-site"]) == code


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    """extra.digest.max_seed_bytes sets the limit the message names."""
    project = make_project(tmp_path, {"a.txt": f"Title\n{PROSE}\n"})
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("    seeds: seeds\n",
                                           "    seeds: seeds\n    max_seed_bytes: 100\n"))
    code, err, _ = check(project)
    size = len(f"Title\n{PROSE}\n".encode())
    assert code == 1
    assert (f"seeds/a.txt: file is {size} bytes; the limit is 100 "
            "(extra.digest.max_seed_bytes)") in err


def test_strict_check_fails_on_warnings(tmp_path: Path) -> None:
    """A seed with only warnings passes `digest check` and fails `digest check --strict`."""
    project = make_project(tmp_path, {"a.md": f"---\ntitle: T\nsummry: S\n---\n\n{PROSE}\n"})
    assert check(project)[0] == 0
    assert check(project, "--strict")[0] == 1


def test_uncommitted_seed_is_no_warning_for_check(tmp_path: Path) -> None:
    """Checking before committing is the normal case: its build-time date is not a warning."""
    project = make_project(tmp_path)
    _, err, _ = check(project)
    assert not any("not committed yet" in line for line in err)


@pytest.mark.parametrize(("data", "text"), [
    (CP1252.encode("cp1252"), "Der Preis stieg um 5 € für die Bürger – „endlich“, sagte er."),
    ("T\nDie Bürger in Köln zahlen 5 ".encode() + b"\x80.\n",
     "Die Bürger in Köln zahlen 5 \ufffd."),
    (LATIN1.encode("latin-1"), "Der Kaffee kostet in Zürich jetzt 5 Franken, sagte der Wirt."),
    (b"\xef\xbb\xbfTitle\r\nFirst line.\r\nSecond line.\r\n", "First line."),
    (b"Title\rFirst line.\rSecond line.\r", "First line."),
], ids=["cp1252", "mostly UTF-8", "latin-1", "BOM and CRLF", "old Mac CR"])
def test_encodings_and_line_ends_read_correctly(config: Config, data: bytes, text: str) -> None:
    """Legacy encodings are converted, BOM and CR/CRLF line ends just work."""
    result = read(config, "a.txt", data)
    assert result.article is not None
    assert result.article.lead == text
    assert "\ufeff" not in result.article.title and "\r" not in result.article.plain_text()
    assert not [p for p in result.problems if "BOM" in p.message or "line" in p.message]


def test_same_slug_names_both_seeds(tmp_path: Path) -> None:
    """Two seeds that want one URL: the second is refused, naming the first."""
    project = make_project(tmp_path, {"a.txt": f"Same title\n{PROSE}\n",
                                      "b.md": "---\ntitle: Other\nslug: same-title\n---\n\nX.\n"})
    code, err, _ = check(project)
    assert code == 1
    assert ("seeds/b.md: slug 'same-title' is already used by seeds/a.txt; set a different "
            "'slug:' or title") in err


def test_near_duplicates_name_both_seeds(tmp_path: Path) -> None:
    """The same article under two names (a figure and the title changed) is a warning on
    both files, each naming both paths."""
    text = SEED.read_text(encoding="utf-8")
    copy = text.replace("160 Milliarden", "170 Milliarden").replace("KI-Milliarden", "KI-Geld")
    project = make_project(tmp_path, {"a.txt": text, "b.txt": copy})
    code, err, _ = check(project)
    message = "likely duplicate: seeds/a.txt and seeds/b.txt share 96% of their text"
    assert f"seeds/a.txt: warning: {message}" in err
    assert f"seeds/b.txt: warning: {message}" in err
    assert code == 0


def test_text_copied_into_a_longer_seed_is_a_duplicate(tmp_path: Path) -> None:
    """Half an article pasted into another counts too: most of the shorter text is shared."""
    text = SEED.read_text(encoding="utf-8")
    half = "\n".join(text.splitlines()[:4])
    project = make_project(tmp_path, {"long.txt": text, "short.txt": half})
    _, err, _ = check(project)
    assert ("seeds/short.txt: warning: likely duplicate: seeds/long.txt and seeds/short.txt "
            "share 100% of the shorter one's text") in err


def test_different_articles_are_no_duplicates(tmp_path: Path) -> None:
    """Two articles on one subject with their own wording are not reported."""
    project = make_project(tmp_path, {
        "a.txt": f"Title A\n{PROSE}\nDer Vorstand rechnet mit weiteren Investitionen.\n",
        "b.txt": "Title B\nDie Regierung in Berlin hat am Dienstag ein neues Gesetz für "
                 "Rechenzentren beschlossen, das ab dem kommenden Jahr gilt.\n",
    })
    _, err, _ = check(project)
    assert not any("duplicate" in line for line in err)


def test_one_file_name_twice_shares_a_feed_id(tmp_path: Path) -> None:
    """a.txt and a.md would get one feed id: an error on the second, naming the first."""
    project = make_project(tmp_path, {"a.txt": f"Title A\n{PROSE}\n",
                                      "a.md": "---\ntitle: Title B\n---\n\nOther text.\n"})
    code, err, _ = check(project)
    assert code == 1
    assert ("seeds/a.txt: file name 'a' is also used by seeds/a.md: both would get the feed id "
            "'a'; rename one") in err


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("fr.txt", "Le plan\nLe gouvernement français a annoncé mardi un plan de relance de dix "
     "milliards d'euros pour soutenir l'industrie automobile.\n",
     "seeds/fr.txt: warning: language unclear: neither clearly German nor English (0 German "
     "and 1 English function words in 22 words); read as 'en'; a .md seed can set 'lang:'"),
    ("few.md", "---\ntitle: Zahlen\n---\n\n2026: 5 %, 3 Mio. EUR, 7 Stück.\n",
     "seeds/few.md: warning: language unclear: neither clearly German nor English (0 German "
     "and 0 English function words in 4 words); read as 'de'; set 'lang: de' or 'lang: en' in "
     "the front matter"),
])
def test_unclear_language_is_a_warning(tmp_path: Path, name: str, data: str,
                                       expected: str) -> None:
    """Text that is neither clearly German nor English gets a warning saying how to fix it."""
    project = make_project(tmp_path, {name: data})
    code, err, _ = check(project)
    assert expected in err
    assert code == 0


@pytest.mark.parametrize(("text", "lang"), [
    ("Der Konzern plant, die Investitionen in diesem Jahr zu erhöhen, sagte er.", "de"),
    ("Die Bank will in Wien an der Börse mit dem Geld aus dem Verkauf wachsen.", "de"),
    ("The company said it would raise its investment this year.", "en"),
    ("Le gouvernement a annoncé un plan de relance pour l'industrie.", None),
    ("2026: 5 %, 3 Mio. EUR", None),
])
def test_clear_language(text: str, lang: str | None) -> None:
    """Words both languages use ("in", "an", "will") decide nothing; too few words, or
    function words of both, leave the language unclear."""
    assert clear_language(text) == lang


def test_language_set_in_front_matter_is_no_warning(tmp_path: Path) -> None:
    """A seed that says its language is taken at its word."""
    project = make_project(tmp_path, {"few.md": "---\ntitle: Zahlen\nlang: de\n---\n\n5 %.\n"})
    _, err, _ = check(project)
    assert not any("language unclear" in line for line in err)


def test_no_facts_is_a_warning(tmp_path: Path) -> None:
    """A seed without a single key fact is reported, but passes."""
    project = make_project(tmp_path, {"a.txt": "Title\nNothing to count here at all.\n"})
    code, err, _ = check(project)
    assert "seeds/a.txt: warning: no key facts found" in err
    assert code == 0


def test_symlink_out_of_the_seeds_folder_is_refused(tmp_path: Path) -> None:
    """A seed that links to a file elsewhere (a secret, say) is never read."""
    project = make_project(tmp_path, {})
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret\nThe password is hunter2.\n")
    (project / "seeds" / "link.txt").symlink_to(secret)
    code, err, _ = check(project)
    assert code == 1
    assert ("seeds/link.txt: symbolic link: expected a regular file in seeds/; nothing was "
            "read") in err
    main(["-f", str(project / "mkdocs.yml"), "build", "--no-site"])
    assert not any("hunter2" in p.read_text() for p in (project / "content").rglob("*.*")
                   if p.is_file())


def test_symlinked_folder_is_not_followed(tmp_path: Path) -> None:
    """A folder in seeds/ that links elsewhere is not searched for seeds; the check says so."""
    project = make_project(tmp_path, {"a.txt": f"Title\n{PROSE}\n"})
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.txt").write_text("Secret\nThe password is hunter2.\n")
    (project / "seeds" / "linked").symlink_to(outside, target_is_directory=True)
    code, err, _ = check(project)
    assert code == 0 and not any("hunter2" in line or "b.txt" in line for line in err)
    assert ("seeds/linked: warning: ignored: a symbolic link, not followed; seeds are regular "
            "files in seeds/") in err
    assert err[-1].startswith("1 seed(s) checked: 0 error(s)")


def test_readme_in_seeds_is_no_seed(tmp_path: Path) -> None:
    """Notes for contributors in seeds/README.md are neither an article nor a warning."""
    project = make_project(tmp_path, {"README.md": "# How to add seeds\n\nPut files here.\n",
                                      "a.txt": f"Title\n{PROSE}\n"})
    code, err, _ = check(project)
    assert code == 0 and not any("README" in line for line in err)
    digest_stage(load_config(project / "mkdocs.yml"), build_time=BUILD_TIME)
    assert not (project / "content" / "articles" / "how-to-add-seeds.md").exists()


def test_control_characters_in_file_names_are_printed_escaped(tmp_path: Path) -> None:
    """A file name with a terminal escape sequence is refused, and shown escaped."""
    project = make_project(tmp_path, {"\x1b[31mred.txt": f"Title\n{PROSE}\n"})
    code, err, out = check(project)
    assert code == 1
    assert "seeds/\\x1b[31mred.txt: file name contains control characters; rename it" in err
    _, _, out = check(project, "--format", "github")
    assert "\x1b" not in out and "\\x1b" in out


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A committed file name with a Latin-1 byte is refused and printed escaped, no crash."""
    project = make_project(tmp_path, {"a.txt": f"Title\n{PROSE}\n"})
    os.rename(project / "seeds" / "a.txt", os.fsencode(project / "seeds") + b"/caf\xe9.txt")
    commit_all(project)
    code, err, _ = check(project)
    assert code == 1
    assert "seeds/caf\\xe9.txt: file name is not valid UTF-8; rename it" in err


@pytest.mark.parametrize(("name", "reason"), [
    ("", "is empty"),
    ("../x", "must not contain '/', '\\' or start with '.'"),
    ("/abs", "must not contain '/', '\\' or start with '.'"),
    ("a\x00b", "contains control characters"),
    ("CON", "'CON' is a reserved name"),
    ("lpt1.txt", "'lpt1' is a reserved name"),
    ("index", "'index' is a reserved name"),
    ("_partials", "starts with '_', which the site reserves for its own files (like _partials)"),
    ("a?b", "contains ?, which Windows cannot store in a file name"),
    ("trailing.", "ends with a space or a dot"),
    ("ki-milliarden", None),
])
def test_name_rules(name: str, reason: str | None) -> None:
    """File names and slugs that would escape a folder, shadow a page or break a Windows
    checkout are refused with the reason."""
    assert name_problem(name) == reason


def test_check_given_paths_only(tmp_path: Path) -> None:
    """`digest check PATH` reports on that seed only, and on a file outside seeds/ on its own."""
    project = make_project(tmp_path, {"a.txt": "", "b.txt": "Title only\n"})
    outside = tmp_path / "draft.md"
    outside.write_text("---\ntitle: T\ndate: 2026-02-30\n---\n\nText.\n")
    code, err, _ = check(project, str(project / "seeds" / "b.txt"), str(outside),
                         str(tmp_path / "missing.txt"))
    assert code == 1
    assert "seeds/b.txt:1: title only: expected at least one paragraph after the title" in err
    assert not any(line.startswith("seeds/a.txt") for line in err)
    assert ("draft.md:3: date: '2026-02-30' is not a real date or time (day is out of range "
            "for month)") in err
    assert "draft.md: warning: not in seeds/: checked on its own, not part of the site" in err
    assert "missing.txt: no such file" in err


def test_github_format_annotations(tmp_path: Path) -> None:
    """--format github prints one annotation per problem, with file and line, escaped."""
    project = make_project(tmp_path, {
        "x.md": "---\ntitle: T\ndate: last Tuesday\n---\n\nText 100% sure.\n",
        "a,b.txt": "Title only\n",
    })
    code, _, out = check(project, "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert ("::error file=seeds/x.md,line=3,title=bad-date::date: expected YYYY-MM-DD or an "
            "ISO date-time, got 'last Tuesday'") in lines
    assert ("::error file=seeds/a%2Cb.txt,line=1,title=title-only::title only: expected at "
            "least one paragraph after the title") in lines
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)


# ---------------------------------------------------------------------------- moved URLs


def test_changed_slug_asks_for_old_slugs(tmp_path: Path) -> None:
    """A committed seed whose slug changes gets a warning naming the old slug; once the old
    slug is in old_slugs the warning is gone and a redirect page is written."""
    project = make_project(tmp_path, {
        "a.md": f"---\ntitle: Old title\ndate: 2026-03-01\n---\n\n{PROSE}\n",
        "b.txt": f"Plain old title\n{PROSE} Noch ein Satz für den Unterschied.\n",
    })
    commit_all(project)
    md = project / "seeds" / "a.md"
    md.write_text(md.read_text().replace("Old title", "New title"))
    txt = project / "seeds" / "b.txt"
    txt.write_text(txt.read_text().replace("Plain old title", "Plain new title"))
    code, err, _ = check(project)
    assert ("seeds/a.md:2: warning: slug changed from 'old-title' (HEAD) to 'new-title': the "
            "old URL would break; add 'old_slugs: [old-title]' to the front matter so it "
            "redirects") in err
    assert ("seeds/b.txt: warning: slug changed from 'plain-old-title' (HEAD) to "
            "'plain-new-title': the old URL would break; save it as a .md seed with "
            "'old_slugs: [plain-old-title]' so it redirects") in err
    assert code == 0
    assert check(project, "--strict")[0] == 1
    md.write_text(md.read_text().replace("date:", "old_slugs: [old-title]\ndate:"))
    _, err, _ = check(project)
    assert not any(line.startswith("seeds/a.md") and "slug changed" in line for line in err)
    digest_stage(load_config(project / "mkdocs.yml"), build_time=BUILD_TIME)
    assert (project / "content" / "articles" / "old-title" / "index.html").exists()


def test_renamed_seed_keeps_its_history(tmp_path: Path) -> None:
    """A seed moved with git mv is compared with its old path."""
    project = make_project(tmp_path, {"a.md": f"---\ntitle: First\n---\n\n{PROSE}\n"})
    commit_all(project)
    git(project, "mv", "seeds/a.md", "seeds/b.md")
    b = project / "seeds" / "b.md"
    b.write_text(b.read_text().replace("First", "Second"))
    _, err, _ = check(project)
    assert any(line.startswith("seeds/b.md:2: warning: slug changed from 'first' (HEAD) to "
                               "'second'") for line in err)


def test_removed_old_slug_is_a_warning(tmp_path: Path) -> None:
    """Dropping an old slug would take its redirect away."""
    project = make_project(tmp_path, {
        "a.md": f"---\ntitle: T\nslug: now\nold_slugs: [before]\n---\n\n{PROSE}\n"})
    commit_all(project)
    md = project / "seeds" / "a.md"
    md.write_text(md.read_text().replace("old_slugs: [before]\n", ""))
    _, err, _ = check(project)
    assert ("seeds/a.md:3: warning: old_slugs: 'before' was removed since HEAD: its redirect "
            "would go; keep it in 'old_slugs:'") in err


def test_base_can_be_given_or_skipped(tmp_path: Path) -> None:
    """--base compares with another commit; --base '' turns the comparison off."""
    project = make_project(tmp_path, {"a.md": f"---\ntitle: First\n---\n\n{PROSE}\n"})
    commit_all(project, "first")
    md = project / "seeds" / "a.md"
    md.write_text(md.read_text().replace("First", "Second"))
    commit_all(project, "second")
    assert not any("slug changed" in line for line in check(project)[1])
    assert any("slug changed from 'first' (HEAD~1)" in line
               for line in check(project, "--base", "HEAD~1")[1])
    assert not any("slug changed" in line for line in check(project, "--base", "")[1])


# ---------------------------------------------------------------------------- inert output


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "[click](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "---",
    "***",
    "===",
    '!!! danger "Injected"',
    "??? note",
    "# heading",
    "## heading",
    '<div markdown="1">raw *block*</div>',
    "{{ config.site_name }}",
    "{% include 'x' %}",
    '{: onclick="alert(1)" }',
    '--8<-- "index.md"',
    "[TOC]",
    "1. list",
    "- item",
    "> quote",
    "    indented code",
    "| a | b |",
    "<!-- comment",
    "&lt;script&gt; &amp; &#60;",
    "*emphasis* _under_ `code` **bold** \\ backslash",
    "[^1] [x]: http://example.org",
    "<https://example.org>",
])
def test_plain_text_shows_literally(config: Config, text: str) -> None:
    """In a .txt seed, HTML, Markdown and template syntax are text: the page shows them as
    written, in the tags the template writes, and the feeds stay well-formed."""
    from digest.pages.feeds import build_feeds
    from digest.pages.render import render_article

    entry = entry_for(config, "a.txt", f"{text} title\n{text}\nBetween {text} words.\n{text}\n")
    rendered = page_html(render_article(entry, config).content)
    assert live_html(rendered, tags=TEMPLATE_TAGS, attributes=TEMPLATE_ATTRIBUTES) == []
    shown = text_of(rendered)
    for paragraph in paragraphs(entry.article):
        assert " ".join(paragraph.split()) in shown
    for f in build_feeds([entry], config):
        if f.dest.endswith(".xml"):
            assert entry.article.title in feed_titles(f.content)
            parsed = feedparser.parse(f.content)
            assert not parsed.bozo, parsed.bozo_exception
            item = parsed.entries[0]
            # Site feeds carry the article in full, tag feeds its summary only.
            shown_html = item.content[0].value if "content" in item else item.summary
            assert live_html(shown_html) == []
            assert " ".join(entry.article.lead.split()) in text_of(shown_html)


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script> text",
    "<img src=x onerror=alert(1)> text",
    '<iframe src="https://example.org"></iframe> text',
    "<a href='javascript:alert(1)' onclick='alert(2)'>x</a>",
    "<a href='java&#115;cript:alert(1)'>x</a>",
    "[x](javascript:alert(1))",
    "[x]( JaVaScRiPt:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x][r]\n\n[r]:\n  javascript:alert(1)",
    "> [x][r]\n>\n> [r]: javascript:alert(1)",
    "![x](https://example.org/track.png)",
    "![x](javascript:alert(1))",
    '<div markdown="1" onmouseover="alert(1)">*x*</div>',
    '!!! danger "Injected"\n    body',
    "> !!! note",
    "- !!! note",
    "??? note",
    "text\n===",
    "text\n---",
    "# heading",
    "> # heading",
    "[TOC]",
    '{: onclick="alert(1)" }',
    "para\n{: onclick=alert(1) }",
    "{{ config.site_name }} {% include 'x' %}",
    '--8<-- "index.md"',
    '--8<--\nindex.md\n--8<--',
    "<style>body{display:none}</style> text",
    "<svg onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<form action='javascript:alert(1)'><button>x</button></form>",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "<table><tr><td onclick='alert(1)'>x</td></tr></table>",
])
def test_markdown_seed_raw_html_is_sanitised(config: Config, text: str) -> None:
    """In a .md seed, raw HTML passes the allow-list and Markdown cannot add boxes, headings,
    a table of contents, included files, attribute lists or unsafe links."""
    from digest.pages.feeds import build_feeds
    from digest.pages.render import render_article

    data = f"---\ntitle: T\nlang: en\n---\n\nThe lead.\n\n{text}\n\nThe end.\n"
    entry = entry_for(config, "a.md", data)
    rendered = page_html(render_article(entry, config).content)
    assert live_html(rendered, tags=MARKDOWN_TAGS, attributes=MARKDOWN_ATTRIBUTES) == []
    root = lxml_html.fragment_fromstring(rendered, create_parent="div")
    assert len(root.findall(".//h1")) == 1
    assert not root.xpath(".//div[contains(@class, 'admonition')]")
    assert "alert(1)" not in " ".join(root.xpath("//@*"))
    for f in build_feeds([entry], config):
        if f.dest.endswith(".xml"):
            etree.fromstring(f.content)
            parsed = feedparser.parse(f.content)
            assert not parsed.bozo
            assert live_html(parsed.entries[0].content[0].value) == []


def test_front_matter_control_characters_never_reach_the_feeds(config: Config) -> None:
    """YAML can spell characters XML forbids ("\\x07", "\\ud800"): they are dropped."""
    data = ('---\ntitle: "Bell\\x07 and \\ud800 surrogate"\nauthor: "A\\x1bB"\n'
            'summary: "S\\x0c"\ntags: ["T\\x00ag"]\n---\n\nText.\n')
    from digest.pages.feeds import build_feeds

    entry = entry_for(config, "a.md", data)
    assert entry.article.title == "Bell and surrogate"
    for f in build_feeds([entry], config):
        if f.dest.endswith(".xml"):
            etree.fromstring(f.content)


# ---------------------------------------------------------------------------- the real site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article, the hostile plain-text seed and the hostile Markdown seed, built."""
    project = make_project(tmp_path_factory.mktemp("hostile"), {
        SEED.name: SEED.read_bytes(), "hostile.txt": HOSTILE_TXT,
        "hostile-markdown.md": HOSTILE_MD}, search="lunr")
    commit_all(project)
    assert main(["-f", str(project / "mkdocs.yml"), "build"]) == 0
    return project


def hostile_page(project: Path, title_start: str) -> str:
    for page in (project / "site" / "articles").glob("*/index.html"):
        text = page.read_text(encoding="utf-8")
        if "<h1 id=" in text and title_start in text:
            return text
    raise AssertionError(f"no page for {title_start!r}")


def seed_scripts(page: str) -> list[str]:
    """Script elements that are not the theme's own."""
    root = lxml_html.document_fromstring(page)
    found = []
    for script in root.iter("script"):
        src, body = script.get("src", ""), script.text or ""
        if "assets/javascripts/" in src or script.get("type") in ("application/json",
                                                                  "application/ld+json"):
            continue
        if body.startswith(("__md_scope", "var palette", "var target", "document$")):
            continue
        found.append(src or body[:80])
    return found


@pytest.mark.slow
def test_hostile_text_shows_literally_on_the_page(hostile_site: Path) -> None:
    """The plain-text seed's HTML is text on its page: escaped, no script, handler or
    javascript: link of its own, and the page keeps its one title and no injected box."""
    page = hostile_page(hostile_site, "Hostile seed")
    # In the text of the lead, quotes stay as they are; in the head's attributes, &quot;.
    assert ('<p class="digest-lead">The lead says &lt;script&gt;alert("lead")&lt;/script&gt; '
            'and &lt;img src=x onerror=alert("img")&gt; and ') in page
    assert ('<meta name="description" content="The lead says &lt;script&gt;alert(&quot;lead'
            '&quot;)&lt;/script&gt; and &lt;img src=x onerror=alert(&quot;img&quot;)&gt; '
            'and ') in page
    assert seed_scripts(page) == []
    root = lxml_html.document_fromstring(page)
    assert not [el for el in root.iter() if isinstance(el.tag, str)
                and any(a.startswith("on") for a in el.attrib)]
    assert not [h for h in root.xpath("//@href | //@src") if h.strip().lower().startswith(
        "javascript:")]
    assert not root.xpath("//iframe") and not root.xpath("//img")
    article = root.xpath("//div[contains(@class, 'digest-article')]")[0]
    assert not article.xpath(".//div[contains(@class, 'admonition')]")
    assert len(root.xpath("//article//h1")) == 1
    shown = " ".join(article.text_content().split())
    for text in ("!!! danger \"Injected box\"", "# Not a heading", "--8<-- \"index.md\"",
                 "[TOC]", "{: onclick=\"alert('attr')\" }", "{{ 7*7 }}", "&lt;script&gt;",
                 "1. not a list", "> not a quote", "| not | a table |"):
        assert text in shown
    assert "\u202e" not in page and "\x1b" not in page
    title = root.xpath("//title")[0].text_content()
    assert title.startswith('<script>alert("title")</script> Hostile seed {{ config.site_name }}')


@pytest.mark.slow
def test_hostile_markdown_is_sanitised_on_the_page(hostile_site: Path) -> None:
    """The Markdown seed's raw HTML is cleaned: no script, frame, image, handler or
    javascript: link; its summary and title are escaped in the head."""
    page = hostile_page(hostile_site, "Hostile Markdown")
    assert seed_scripts(page) == []
    root = lxml_html.document_fromstring(page)
    assert not [el for el in root.iter() if isinstance(el.tag, str)
                and any(a.startswith("on") for a in el.attrib)]
    assert not [h for h in root.xpath("//@href | //@src")
                if h.strip().lower().startswith("javascript:")]
    assert not root.xpath("//iframe") and not root.xpath("//img")
    article = root.xpath("//div[contains(@class, 'digest-article')]")[0]
    assert not article.xpath(".//div[contains(@class, 'admonition')]")
    assert "md-" not in " ".join(article.xpath(".//@*"))
    description = root.xpath("//meta[@name='description']/@content")[0]
    assert "\"><script>alert('summary')</script>" in description


@pytest.mark.slow
def test_hostile_text_in_search_index_and_feeds(hostile_site: Path) -> None:
    """The search index and both feeds hold the hostile text as text, never as markup."""
    site = hostile_site / "site"
    index = json.loads((site / "search" / "search_index.json").read_text())
    docs = [d for d in index["docs"] if "Hostile" in d["title"] or "Hostile" in d["text"]]
    assert docs
    for doc in docs:
        assert live_html(doc["title"]) == [] and live_html(doc["text"]) == []
    assert any("&lt;script&gt;alert" in d["text"] for d in docs)
    for name in ("rss.xml", "atom.xml"):
        raw = (site / "feeds" / name).read_bytes()
        etree.fromstring(raw)
        parsed = feedparser.parse(raw)
        assert not parsed.bozo, parsed.bozo_exception
        titles = feed_titles(raw)
        assert ('<script>alert("title")</script> Hostile seed {{ config.site_name }} '
                '{% include "x" %}') in titles
        assert "Hostile Markdown <script>alert('md-title')</script>" in titles
        contents = [e.content[0].value for e in parsed.entries]
        assert all(live_html(c) == [] for c in contents)
        assert any('<script>alert("lead")</script>' in text_of(c) for c in contents)


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """The seed article, the hostile seeds and a .md seed give the same bytes in two
    projects built apart, and a rebuild writes nothing."""
    seeds: dict[str, str | bytes] = {
        SEED.name: SEED.read_bytes(), "hostile.txt": HOSTILE_TXT, "hostile-markdown.md": HOSTILE_MD,
        "budget.md": "---\ntitle: Budget talks\ndate: 2026-03-04\nsource: https://example.org/a\n"
                     "tags: [Budget, EU]\n---\n\nThe lead with 5 percent and 2 billion euros.\n\n"
                     "## A heading\n\nBody with **bold** and a [link](https://example.org).\n",
    }
    trees = []
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        project = make_project(tmp_path / name, seeds)
        config = load_config(project / "mkdocs.yml")
        first = digest_stage(config, build_time=BUILD_TIME)
        assert first.report and first.report.written
        before = settle(project)
        digest_stage(config, build_time=BUILD_TIME)
        assert_untouched(before, disk_state(project))
        content = project / "content"
        trees.append({p.relative_to(content).as_posix(): p.read_bytes()
                      for p in content.rglob("*") if p.is_file()})
    assert trees[0] == trees[1]
    assert {"articles/script-alert-title-script-hostile-seed-config-site-name-include-x.md",
            "articles/hostile-markdown-script-alert-md-title-script.md",
            "articles/budget-talks.md"} <= trees[0].keys()


# ---------------------------------------------------------------------------- digest new


def test_new_writes_a_seed_that_check_reads(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """`digest new` prints the path of a .md seed with front matter; its only error until
    written is the missing body, and once written it passes."""
    project = make_project(tmp_path, {})
    assert main(["-f", str(project / "mkdocs.yml"), "new", 'KI: "Milliarden" für # TikTok',
                 "--lang", "de", "--source", "https://example.org/a"]) == 0
    printed = capsys.readouterr().out.strip()
    path = project / "seeds" / "ki-milliarden-fuer-tiktok.md"
    assert Path(printed).resolve() == path.resolve()
    text = path.read_text()
    assert text.startswith('---\ntitle: "KI: \\"Milliarden\\" für # TikTok"\n')
    assert f"date: {dt.datetime.now(load_config(project / 'mkdocs.yml').zone).date()}" in text
    assert "lang: de\nsource: https://example.org/a\ntags: []\n# summary:" in text
    code, err, _ = check(project)
    assert code == 1
    assert "seeds/ki-milliarden-fuer-tiktok.md:10: body: expected at least one paragraph of " \
           "text" in err
    path.write_text(text + f"\n{PROSE}\n")
    code, err, _ = check(project)
    assert code == 0, err
    result = read(load_config(project / "mkdocs.yml"), path.name, path.read_bytes())
    assert result.article.title == 'KI: "Milliarden" für # TikTok'
    assert result.article.source_url == "https://example.org/a"


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A second seed with the same title gets the next free name; any seed's stem counts."""
    project = make_project(tmp_path, {"budget.txt": "Budget\nText.\n"})
    yml = str(project / "mkdocs.yml")
    assert main(["-f", yml, "new", "Budget"]) == 0
    assert main(["-f", yml, "new", "Budget"]) == 0
    names = sorted(p.name for p in (project / "seeds").iterdir())
    assert names == ["budget-2.md", "budget-3.md", "budget.txt"]
    assert "lang: de" in (project / "seeds" / "budget-2.md").read_text()


@pytest.mark.parametrize(("args", "message"), [
    (["  "], "error: title: expected a non-empty title"),
    (["T" * 301], "error: title: 301 characters; expected at most 300"),
    (["T", "--source", "javascript:alert(1)"],
     "error: source: expected an http(s) URL, got 'javascript:alert(1)'"),
])
def test_new_refuses_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               args: list[str], message: str) -> None:
    """Bad titles and sources are refused with the reason; nothing is written."""
    project = make_project(tmp_path, {})
    assert main(["-f", str(project / "mkdocs.yml"), "new", *args]) == 1
    assert message in capsys.readouterr().err
    assert list((project / "seeds").iterdir()) == []


@pytest.mark.parametrize(("title", "taken", "name"), [
    ("Index", [], "index-article.md"),
    ("CON", [], "con-article.md"),
    ("???", [], "article.md"),
    ("Budget", ["budget.md", "budget-2.txt"], "budget-3.md"),
    ("Straße in Österreich", [], "strasse-in-oesterreich.md"),
])
def test_new_file_names(title: str, taken: list[str], name: str) -> None:
    """Slug-based names that avoid reserved names and every existing seed's stem."""
    assert seed_name(title, taken) == name


def test_new_text_is_valid_front_matter(config: Config) -> None:
    """The template reads back with the given title, date, language and an empty tag list."""
    text = seed_text("A: b", lang="en", source=None, today=dt.date(2026, 1, 2))
    result = read(config, "a.md", text + "\nSome text.\n")
    assert result.article is not None
    assert (result.article.title, result.article.lang, result.article.tags) == ("A: b", "en", ())
    assert result.article.date.date() == dt.date(2026, 1, 2)
    assert not [p for p in result.problems if "unknown key" in p.message]
