"""An article's own date: the front matter's ``date:`` first, then a date the text states as
its own (an agency byline at its end, a dateline or stand-first at its start), then the git
date; ``digest check`` says which it took when they disagree by more than a day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digest.build import make_entry, vocabulary_for
from digest.config import Config
from digest.facts import fx
from digest.read.datelines import own_date
from digest.read.ingest import ReadResult, SeedContext, read_seed

from .conftest import BUILD_TIME, make_project
from .support import check, commit_all

VIENNA = ZoneInfo("Europe/Vienna")
COMMITTED = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
"""A git date far from every date the texts below state."""
DE_BODY = ("Die Gemeinde erhöht die Gebühren für Müll und Wasser um drei Prozent, sagte der "
           "Bürgermeister am Montag.")
EN_BODY = "The council said on Monday that it would raise water charges by three percent."


def read(config: Config, name: str, text: str,
         git_date: dt.datetime | None = COMMITTED) -> ReadResult:
    return read_seed(f"seeds/{name}", text.encode(), SeedContext(config, git_date, BUILD_TIME))


def day(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=VIENNA)


@pytest.mark.parametrize(("paragraphs", "when", "kind"), [
    # agency and author bylines where the text ends
    ([DE_BODY, "Die Entscheidung fiel einstimmig. (APA, 20.1.2016)"], day(2016, 1, 20), "byline"),
    ([DE_BODY, "Die Entscheidung fiel einstimmig. (dpa, 3. März 2025)"], day(2025, 3, 3),
     "byline"),
    ([DE_BODY, "Die Entscheidung fiel einstimmig. (APA, red, 7. Jänner 2016)"],
     day(2016, 1, 7), "byline"),
    ([DE_BODY, "Die Entscheidung fiel einstimmig. (Anna Berger, 26.2. 2016)"],
     day(2016, 2, 26), "byline"),
    ([DE_BODY, "Die Entscheidung fiel einstimmig. (APA, 20.01.2016, 14:30)"],
     day(2016, 1, 20, 14, 30), "byline"),
    ([EN_BODY, "The vote was unanimous. (Reuters, March 3, 2026)"], day(2026, 3, 3), "byline"),
    ([EN_BODY, "The vote was unanimous. (AP, 3 March 2026)", "Source: AP"], day(2026, 3, 3),
     "byline"),
    # datelines where the text starts
    (["Berlin, 12. März 2026 – " + DE_BODY], day(2026, 3, 12), "dateline"),
    (["Frankfurt am Main, 12.03.2026 - " + DE_BODY], day(2026, 3, 12), "dateline"),
    (["Wien (APA), 20.1.2016 – " + DE_BODY], day(2016, 1, 20), "dateline"),
    (["WASHINGTON, March 3, 2026 (Reuters) - " + EN_BODY], day(2026, 3, 3), "dateline"),
    (["LONDON, Tuesday, 3 March 2026 - " + EN_BODY], day(2026, 3, 3), "dateline"),
    # stand-firsts: a line of their own where the text starts (or ends)
    (["Stand: 12.03.2026 14:05 Uhr", DE_BODY], day(2026, 3, 12, 14, 5), "stand-first"),
    (["Veröffentlicht am 12. März 2026", DE_BODY], day(2026, 3, 12), "stand-first"),
    (["Published 3 March 2026", EN_BODY], day(2026, 3, 3), "stand-first"),
    ([EN_BODY, "Published 3 March 2026"], day(2026, 3, 3), "stand-first"),
    (["Published 3 March 2026, updated 4 March 2026 | 3 min read", EN_BODY], day(2026, 3, 3),
     "stand-first"),
    (["Published: March 3, 2026 at 2:05 p.m. EST", EN_BODY],
     dt.datetime(2026, 3, 3, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5))), "stand-first"),
])
def test_own_date_classes(paragraphs: list[str], when: dt.datetime, kind: str) -> None:
    """Bylines, datelines and stand-firsts in German and English, with the time when given."""
    found = own_date(paragraphs, VIENNA)
    assert found is not None
    assert (found.when, found.kind) == (when, kind)
    assert found.when.utcoffset() == when.utcoffset()


@pytest.mark.parametrize("paragraphs", [
    ["Die Messe beginnt am 12. März 2026 in Wien.", "Der Eintritt ist frei."],
    [DE_BODY, "Wie die Zeitung (Kurier, 3.3.2016) berichtete, war das so. Dann kam mehr."],
    [DE_BODY, "Am 20.1.2016 hatte die Gemeinde noch anders entschieden."],
    [DE_BODY, "(APA, 20.1.2016) Die Gemeinde hatte anders entschieden.", "Mehr folgt."],
    ["Wien – " + DE_BODY, "Die Entscheidung fiel einstimmig."],
    ["WASHINGTON, March 3 (Reuters) - " + EN_BODY, "The vote was unanimous."],
    [EN_BODY, "The vote was unanimous. (Reuters, March 3)"],
    [DE_BODY, "Die Entscheidung fiel einstimmig. (APA, 30.2.2016)"],
    [EN_BODY, "It was published 3 March 2026 in the journal.", "The vote was unanimous."],
    [DE_BODY, "Stand: 12.03.2026 war die Lage ruhig, sagte er."],
    ["Published 3 March 2026 in a journal, the study found that water is scarce.", EN_BODY],
], ids=["date in a sentence", "citation inside the last paragraph", "date in last paragraph",
        "byline not at the end", "dateline without a date", "dateline without a year",
        "byline without a year", "impossible day", "date in a sentence (en)",
        "stand-first words inside the last paragraph", "a study's publication"])
def test_dates_in_the_text_are_not_its_own(paragraphs: list[str]) -> None:
    """Only a byline, dateline or stand-first at the text's edges dates the article."""
    assert own_date(paragraphs, VIENNA) is None


def test_byline_dates_a_plain_text_article(config: Config) -> None:
    """A byline wins over the git date: the day the seed was committed is not the day the
    article appeared. A day without a time is midnight in the site's zone, as in front matter."""
    result = read(config, "a.txt", f"Gebühren steigen\n{DE_BODY}\nDas war einstimmig. "
                  "(APA, 20.1.2016)\n")
    article = result.article
    assert article is not None
    assert article.date == dt.datetime(2016, 1, 20, tzinfo=config.zone)
    assert article.date_origin == "text"
    assert "(APA, 20.1.2016)" in article.plain_text()  # the agency's credit stays
    assert result.own_date is not None and result.own_date.line == 3


def test_front_matter_wins_over_the_text(config: Config) -> None:
    """An editor's ``date:`` is the article's date whatever the text says."""
    seed = f"---\ndate: 2026-03-04\n---\n\n# Gebühren\n\n{DE_BODY} (APA, 20.1.2016)\n"
    article = read(config, "a.md", seed).article
    assert article is not None
    assert article.date == dt.datetime(2026, 3, 4, tzinfo=config.zone)
    assert article.date_origin == "front matter"


def test_dateline_dates_a_markdown_article(config: Config) -> None:
    """A Markdown seed without ``date:`` takes the dateline of its first paragraph."""
    seed = f"# Water charges\n\nLONDON, 3 March 2026 - {EN_BODY}\n\nThe vote was unanimous.\n"
    article = read(config, "a.md", seed).article
    assert article is not None
    assert (article.date, article.date_origin) == (day(2026, 3, 3), "text")
    assert article.lead.startswith("LONDON, 3 March 2026 - ")


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_stand_first_line_is_the_date_not_the_lead(config: Config, name: str) -> None:
    """A stand-first on a line of its own is furniture: it dates the article, and the lead is
    the first paragraph of text."""
    title = "# Gebühren\n\n" if name.endswith(".md") else "Gebühren\n"
    gap = "\n\n" if name.endswith(".md") else "\n"
    seed = f"{title}Stand: 12.03.2026 14:05 Uhr{gap}{DE_BODY}{gap}Das war einstimmig.\n"
    article = read(config, name, seed).article
    assert article is not None
    assert article.date == day(2026, 3, 12, 14, 5)
    assert article.lead == DE_BODY
    assert "Stand:" not in article.plain_text()


def test_uncommitted_seed_with_a_byline_is_no_local_preview(config: Config) -> None:
    """The build time dates only a seed that has neither git date nor a date of its own."""
    result = read(config, "a.txt", f"Gebühren\n{DE_BODY} (dpa, 3. März 2025)\n", git_date=None)
    assert result.article is not None and result.article.date == day(2025, 3, 3)
    assert not [p for p in result.problems if p.code == "uncommitted"]


def test_relative_dates_and_euro_values_follow_the_byline(config: Config) -> None:
    """The article's own date is what a month without a year and the ECB rate are read
    against: "Jänner" in a text of November 2015 is January 2016, not the January after the
    commit, and dollars take the rate of the byline's day."""
    text = ("Budget beschlossen\nDie Stadt will im Jänner neue Kredite über 100 Millionen Dollar "
            "aufnehmen, sagte der Stadtrat in Wien.\nDie Opposition stimmte dagegen. "
            "(APA, 24.11.2015)\n")
    article = read(config, "a.txt", text).article
    assert article is not None
    facts = make_entry(article, vocabulary_for(config)).facts
    jan = next(d for d in facts.dates if d.text == "Jänner")
    assert (jan.year, jan.month, jan.inferred) == (2016, 1, ("year",))
    dollars = next(m for m in facts.money if m.currency == "USD")
    expected, _ = fx.to_eur(Decimal(100_000_000), "USD", dt.date(2015, 11, 24))
    assert dollars.eur == expected and dollars.eur_note is None


def test_check_notes_which_date_it_took(tmp_path: Path) -> None:
    """``digest check`` says which date an article took when its own and the git date lie
    more than a day apart, as a note (no failure, also not with ``--strict``)."""
    project = make_project(tmp_path, {
        "apa.txt": f"Gebühren steigen\n{DE_BODY}\nDas war einstimmig. (APA, 20.1.2016)\n",
        "fm.md": ("---\ndate: 2026-03-04\n---\n\n# Schulen\n\nDas Land baut bis 2030 zwölf neue "
                  "Schulen in Graz und Linz, kündigte die Landesrätin an.\n\nDie Kosten trägt "
                  "der Bund. (dpa, 3. März 2025)\n"),
        "same.txt": (f"Water charges\n{EN_BODY}\nThe vote in Leeds was close, a spokesman "
                     "said. (PA, 19 November 2026)\n"),
    })
    commit_all(project)  # dated 2026-11-20 10:00 +01:00
    code, err, _ = check(project, "--strict")
    assert code == 0, err
    notes = [line for line in err if "dates-disagree" in line or ": note: dated" in line]
    assert notes == [
        "seeds/apa.txt:3: note: dated 2016-01-20 by the byline '(APA, 20.1.2016)'; the git "
        "date (when the seed was added) says 2026-11-20; a .md seed's 'date:' would win",
        "seeds/fm.md:2: note: dated 2026-03-04 by the front matter's 'date:'; the byline "
        "'(dpa, 3. März 2025)' says 2025-03-03; the git date (when the seed was added) says "
        "2026-11-20",
    ]
    _, _, out = check(project, "--format", "github")
    assert ("::notice file=seeds/apa.txt,line=3,title=dates-disagree::dated 2016-01-20 by "
            "the byline") in out
