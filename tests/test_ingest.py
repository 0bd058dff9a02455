"""Reading seeds: formats, boilerplate, subheadings, dates, language and slugs."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from digest.build import make_entry, vocabulary_for
from digest.config import Config
from digest.model import Severity
from digest.read.history import git_add_dates
from digest.read.ingest import SeedContext, read_seed
from digest.text import detect_language, slugify

from .conftest import BUILD_TIME, DATA, SEED


def read(config: Config, name: str, text: str | bytes, git_date: dt.datetime | None = None):
    data = text.encode() if isinstance(text, str) else text
    return read_seed(f"seeds/{name}", data, SeedContext(config, git_date, BUILD_TIME))


def test_seed_article_reads_with_subheadings_and_without_boilerplate(config: Config) -> None:
    """The first real article: two run-in subheadings found, 'Kommentare' dropped."""
    result = read(config, SEED.name, SEED.read_bytes())
    article = result.article
    assert article is not None
    assert article.title.startswith("KI-Milliarden für TikTok")
    headings = [b.text for b in article.blocks if b.kind == "h"]
    assert headings == ["Unabhängigkeit als strategisches Ziel",
                        "Parallelfront: TikTok und der US-Markt"]
    assert "Kommentare" not in article.plain_text()
    assert article.lang == "de" and article.locale == "de_AT"
    assert article.slug == (
        "ki-milliarden-fuer-tiktok-bytedance-treibt-ausbau-von-rechenleistung-voran")


@pytest.mark.parametrize("trailer", ["Kommentare", "Kommentar schreiben", "Teilen (12)",
                                     "Comments", "Share"])
def test_trailing_boilerplate_is_dropped(config: Config, trailer: str) -> None:
    """Every configured page-furniture line at the end disappears."""
    result = read(config, "a.txt", f"Title\nFirst paragraph here.\nSecond one.\n{trailer}\n")
    assert result.article is not None
    assert trailer not in result.article.plain_text()


def test_boilerplate_word_inside_the_text_stays(config: Config) -> None:
    """Only trailing lines are furniture; the same word mid-article is content."""
    result = read(config, "a.txt", "Title\nTeilen\nSecond paragraph.\n")
    assert result.article is not None
    assert result.article.lead == "Teilen"


def test_short_line_with_full_stop_is_a_paragraph(config: Config) -> None:
    """Closing punctuation marks a sentence, not a heading."""
    result = read(config, "a.txt", "T\nLead paragraph.\nShort sentence.\nMore text here.\n")
    assert result.article is not None
    assert [b.kind for b in result.article.blocks] == ["p", "p"]


def test_markdown_seed_front_matter(config: Config) -> None:
    """Front matter date, source, author, tags and lang are taken as given."""
    text = (
        "---\ntitle: Budget talks\ndate: 2026-03-04\nsource: https://example.org/a\n"
        "author: Jane Roe\nlang: en\ntags: [Budget, EU]\nsummary: Short.\n---\n\n"
        "The lead paragraph.\n\n## A heading\n\nBody with **bold**.\n"
    )
    result = read(config, "b.md", text)
    a = result.article
    assert a is not None and not result.problems
    assert a.date == dt.datetime(2026, 3, 4, tzinfo=config.zone)
    assert a.date_origin == "front matter"
    assert (a.source_url, a.author, a.tags, a.lang, a.summary) == (
        "https://example.org/a", "Jane Roe", ("Budget", "EU"), "en", "Short.")
    assert a.lead == "The lead paragraph."
    assert [b.kind for b in a.blocks] == ["h", "md"]


def test_markdown_syntax_in_the_body_never_reaches_the_facts(config: Config) -> None:
    """A link in a Markdown seed's body is its text to the extractor, as on the page: no
    fact or tag holds link syntax or the address."""
    seed = DATA / "golden_seeds" / "alpenstrom-zillertal.md"
    result = read(config, seed.name, seed.read_bytes())
    assert result.article is not None
    entry = make_entry(result.article, vocabulary_for(config))
    facts = entry.facts
    names = [*facts.orgs, *facts.places, *facts.persons, *(t.name for t in entry.tags)]
    assert not [n for n in names if "](" in n or "example.org" in n], names
    assert "Mitteilung des Unternehmens." in entry.article.plain_text()
    assert "](" not in entry.article.plain_text()


def test_git_date_is_used_when_front_matter_has_none(config: Config) -> None:
    """A committed seed is dated by the commit that added it, in the configured zone."""
    when = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    result = read(config, "a.txt", "Title\nLead.\n", git_date=when)
    assert result.article is not None
    assert result.article.date == when
    assert result.article.date.tzinfo is not None
    assert result.article.date_origin == "git"
    assert not result.problems


def test_uncommitted_seed_gets_build_time_with_warning(config: Config) -> None:
    """Local previews work but say that their date is the build time."""
    result = read(config, "a.txt", "Title\nLead.\n")
    assert result.article is not None and result.article.date == BUILD_TIME
    assert [str(p) for p in result.problems] == [
        "seeds/a.txt: warning: not committed yet: dated with the build time (a local preview)"]


def test_git_add_dates_follow_renames(project: Path, config: Config) -> None:
    """One git call dates every seed by its first commit, across a rename."""
    def git(*args: str, date: str | None = None) -> None:
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(project),
                            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                            **env})

    git("init", "-q")
    git("add", "seeds")
    git("commit", "-qm", "add", date="2026-05-01T10:00:00+02:00")
    git("mv", f"seeds/{SEED.name}", "seeds/renamed.txt")
    git("commit", "-qm", "rename", date="2026-06-01T10:00:00+02:00")
    dates = git_add_dates(config)
    assert dates["seeds/renamed.txt"] == dt.datetime.fromisoformat("2026-05-01T10:00:00+02:00")


@pytest.mark.parametrize(("text", "lang"), [
    ("Der Konzern plant, die Investitionen in diesem Jahr zu erhöhen, sagte er.", "de"),
    ("The company said it would raise its investment this year.", "en"),
])
def test_language_detection(text: str, lang: str) -> None:
    """Function words decide between German and English."""
    assert detect_language(text, default="de")[0] == lang


@pytest.mark.parametrize(("title", "slug"), [
    ("KI-Milliarden für TikTok", "ki-milliarden-fuer-tiktok"),
    ("Straße in Österreich", "strasse-in-oesterreich"),
    ("Crème brûlée: 5 % more!", "creme-brulee-5-more"),
])
def test_slugify_transliterates(title: str, slug: str) -> None:
    """Umlauts become ae/oe/ue, other accents are dropped."""
    assert slugify(title) == slug


def test_problem_severity_text() -> None:
    """Warnings and errors read like compiler messages."""
    from digest.model import Problem

    assert str(Problem("seeds/x.md", 4, "date: bad")) == "seeds/x.md:4: date: bad"
    assert str(Problem("seeds/x.md", None, "w", Severity.WARNING)) == "seeds/x.md: warning: w"


@pytest.mark.parametrize("raw", [
    'title: "Ein Titel"\ndate: 2026-03-02\ntags: [a, b]\nsummary: >\n  Zwei\n  Zeilen\n',
    "title: x\ntitel: y\n",
    "title: [unclosed\n",
    "- a\n- b\n",
    "title: !!python/object/apply:os.system [ls]\n",
    "date: 2026-02-30\n",
    "title: x\ntitle: y\n",
    "",
])
def test_front_matter_same_with_libyaml(raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml's fast parser gives the values, lines and messages of the careful one."""
    import digest.read.frontmatter as frontmatter

    fast = frontmatter.parse_front_matter("seeds/a.md", raw)
    monkeypatch.setattr(frontmatter, "_FastLoader", None)
    assert fast == frontmatter.parse_front_matter("seeds/a.md", raw)
