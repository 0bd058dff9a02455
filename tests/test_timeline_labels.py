"""What a figure in a topic's timeline is: the noun phrase of its sentence, in German and
English, or a short piece of the sentence; never the article's headline."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.link.labels import LABEL_MAX, figure_label
from digest.link.links import timeline, topics

from .factories import entry, money


@pytest.mark.parametrize(("sentence", "figure", "lang", "label"), [
    # the subject of the clause
    ("Die Kredite der Banken stiegen auf 200 Milliarden Euro.", "200 Milliarden Euro", "de",
     "Kredite der Banken"),
    ("Die Kredite der Banken in Italien stiegen im Oktober auf 200 Milliarden Euro.",
     "200 Milliarden Euro", "de", "Kredite der Banken"),
    ("Im Jahr 2025 stieg der Umsatz um 5 Prozent.", "5 Prozent", "de", "Umsatz"),
    ("Revenue rose 5% to $7bn.", "$7bn", "en", "Revenue"),
    ("Revenue rose 5% to $7bn.", "5%", "en", "Revenue"),
    ("Unemployment in the euro zone fell to 6.5%.", "6.5%", "en", "Unemployment"),
    ("Ask Jeeves said its net income jumped to $86m.", "$86m", "en", "net income"),
    # the noun the figure is attached to
    ("Der Konzern meldete einen Umsatz von rund 5 Mrd. Euro.", "5 Mrd. Euro", "de", "Umsatz"),
    ("Die EZB senkte den Leitzins um 0,25 Prozentpunkte.", "0,25 Prozentpunkte", "de",
     "Leitzins"),
    ("Die Kosten: 12 Millionen Euro.", "12 Millionen Euro", "de", "Kosten"),
    ("The company reported revenue of $5bn in 2025.", "$5bn", "en", "revenue"),
    ("The deal, worth $3bn, was signed on Monday.", "$3bn", "en", "deal"),
    # the noun the figure measures
    ("Die Banken vergaben 200 Mrd. Euro an Krediten.", "200 Mrd. Euro", "de", "Krediten"),
    ("ByteDance plant 160 Milliarden Yuan für Rechenleistung.", "160 Milliarden Yuan", "de",
     "Rechenleistung"),
    ("Nach Medienberichten plant ByteDance, im Jahr 2026 rund 160 Milliarden Yuan in "
     "KI-Infrastruktur zu investieren.", "160 Milliarden Yuan", "de", "KI-Infrastruktur"),
    ("The group made $2bn in profit last year.", "$2bn", "en", "profit"),
    ("Italy will spend €12bn on the programme, the minister said.", "€12bn", "en",
     "programme"),
    # a place or a time after the figure is not what it is
    ("The firm invests $5bn in China.", "$5bn", "en", "firm"),
    ("Die Firma investiert 5 Mrd. Euro in Deutschland.", "5 Mrd. Euro", "de", "Firma"),
    # no noun phrase: a short piece of the sentence before the figure
    ("Und dann 7 Prozent.", "7 Prozent", "de", "Und dann"),
    ("Wie erwartet, und doch überraschend für viele Beobachter an der Börse, gab es am Ende "
     "nur noch 7 Prozent.", "7 Prozent", "de", "gab es am Ende nur noch"),
])
def test_a_figure_is_labelled_by_its_noun_phrase(
        sentence: str, figure: str, lang: str, label: str) -> None:
    assert figure_label(sentence, figure, lang) == label


def test_labels_are_short() -> None:
    """A long phrase is cut at a word: a row fits a phone."""
    sentence = ("Die " + " ".join(["Milliardenschwere"] * 3) + "nachbesserungsvereinbarungen "
                "der Europäischen Investitionsbankengruppe stiegen auf 5 Mrd. Euro.")
    assert len(figure_label(sentence, "5 Mrd. Euro", "de")) <= LABEL_MAX


def test_the_timeline_labels_each_figure_never_with_the_headline() -> None:
    """Rows of a topic's timeline carry the figure's label from its sentence."""
    text = ("Die Kredite der Banken in Italien stiegen auf 200 Milliarden Euro. "
            "Italien plant Ausgaben von 12 Milliarden Euro.")
    e = entry("italien und die kredite der banken im oktober", places=("Italien",), text=text,
              money=(money("200 Milliarden Euro", "200000000000", "EUR"),
                     money("12 Milliarden Euro", "12000000000", "EUR")))
    (topic,) = topics([e])
    assert [label for _, label in timeline(topic, e)] == ["Kredite der Banken", "Ausgaben"]


def test_a_timeline_row_is_one_article_with_all_its_figures(tmp_path: Path) -> None:
    """An article's figures share one row, linked once (its URL and headline are not
    repeated on every figure); each other article has a row of its own."""
    import re

    from digest.config import load_config
    from digest.pages.topics import render_topic

    from .conftest import make_project

    config = load_config(make_project(tmp_path) / "mkdocs.yml")
    first = entry("italien und die kredite der banken", places=("Italien",), day=2,
                  text="Die Kredite der Banken in Italien stiegen auf 200 Milliarden Euro. "
                       "Italien plant Ausgaben von 12 Milliarden Euro.",
                  money=(money("200 Milliarden Euro", "200000000000", "EUR"),
                         money("12 Milliarden Euro", "12000000000", "EUR")))
    second = entry("italien spart", places=("Italien",), day=1,
                   text="Italien spart 5 Milliarden Euro.",
                   money=(money("5 Milliarden Euro", "5000000000", "EUR"),))
    (topic,) = topics([first, second])
    page = next(f for f in render_topic(topic, config) if f.dest.endswith("index.md"))
    rows = re.findall(r"<tr><td>.*?</tr>", page.content.decode())
    assert len(rows) == 2
    assert rows[0].count("<a ") == 1 and rows[0].count(first.article.title) == 1
    assert re.sub(r"<[^>]+>", "", rows[0]).endswith(
        "Kredite der Banken: 200\xa0Mrd. EUR (200 Milliarden Euro) · Ausgaben: 12\xa0Mrd. EUR "
        "(12 Milliarden Euro)")
    assert second.article.title in rows[1]
