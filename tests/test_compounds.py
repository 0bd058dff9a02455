"""German compound splitting for search: parts, lemmas, what is left out, speed, determinism."""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

import pytest
import yaml

from digest.facts import compounds
from digest.facts.compounds import search_terms, word_terms

from .conftest import DATA, SEED

# word -> terms it must give (parts, their lemmas, the word's lemma)
EXPECTED = [
    ("Milliardeninvestitionen", {"Investition", "Milliarde", "Milliardeninvestition"}),
    ("Rechenzentren", {"Rechenzentrum", "Zentrum", "Zentren"}),
    ("Rechenleistung", {"Leistung"}),
    ("Investitionsschub", {"Investition", "Schub"}),  # linking -s
    ("Gesetzesvorschlag", {"Gesetz", "Vorschlag"}),  # linking -es
    ("Maßnahmenpakets", {"Maßnahme", "Paket"}),  # linking -n, genitive head
    ("Blendenöffnung", {"Blende", "Öffnung"}),  # linking -n
    ("Bankenbranchenindex", {"Bank", "Branche", "Index"}),  # recursive, linking -en
    ("Kräfteverhältnis", {"Kraft", "Verhältnis"}),  # plural modifier
    ("Internetforen", {"Forum", "Internetforum"}),  # irregular plural
    ("Geldhäuser", {"Haus", "Geldhaus"}),  # umlaut plural
    ("Bronzestühlen", {"Stuhl"}),
    ("Suchmaschinen", {"Maschine", "Suchmaschine"}),  # verb stem modifier
    ("Mindestpensionen", {"Pension"}),  # modifier that is no noun
    ("Zentralbank", {"Bank"}),
    ("Flughäfen", {"Hafen", "Flughafen"}),  # short compound, two nouns
    ("Museen", {"Museum"}),  # lemma only
    ("Kameras", {"Kamera"}),
]

# word -> terms it must never give (simplex words, derivations, names, inflection endings)
NEVER = [
    ("Entscheidung", {"Ente", "Scheidung"}),
    ("Verbraucher", {"Verb", "Raucher"}),
    ("Kommission", {"Mission"}),
    ("Gesellschaft", {"Schaft", "Haft"}),
    ("Wirtschaft", {"Wirt", "Schaft"}),
    ("Deutschland", {"Deut", "Land"}),
    ("Österreich", {"Reich"}),
    ("Suchergebnissen", {"Sen"}),
    ("Basismodelle", {"Mod", "Elle"}),
    ("Halbleiter", {"Halbe"}),
    ("Parallel", {"Par", "Allel"}),
    ("Unternehmen", {"Unter", "Nehmen"}),
]


@pytest.mark.parametrize(("word", "expected"), EXPECTED, ids=[w for w, _ in EXPECTED])
def test_word_gives_parts_and_lemmas(word: str, expected: set[str]) -> None:
    """A compound gives its head, its modifier and their lemmas; a plural gives its lemma."""
    assert expected <= set(word_terms(word))


@pytest.mark.parametrize(("word", "wrong"), NEVER, ids=[w for w, _ in NEVER])
def test_word_is_not_cut_into_false_parts(word: str, wrong: set[str]) -> None:
    """Derivations, names and inflected simplex words are not cut into unrelated nouns."""
    assert not wrong & set(word_terms(word))


def test_text_gives_terms_of_its_compounds() -> None:
    """search_terms collects the terms of every capitalised word of a German text."""
    text = "Der Konzern plant Milliardeninvestitionen in Rechenzentren."
    terms = search_terms(text, "de")
    assert {"Investition", "Rechenzentrum", "Zentrum"} <= set(terms)


def test_regional_german_is_german() -> None:
    """A regional tag (de-AT, de_CH) is German too."""
    text = "Die Rechenzentren wachsen."
    assert search_terms(text, "de-AT") == search_terms(text, "de_CH") == search_terms(text, "de")
    assert search_terms(text, "de")


@pytest.mark.parametrize("lang", ["en", "en-GB", "fr", ""])
def test_other_languages_give_nothing(lang: str) -> None:
    """English (or any language but German) gives no terms, even for German words."""
    assert search_terms("The Rechenzentren of Milliardeninvestitionen in Data Centers.", lang) == ()


def test_terms_never_repeat_words_of_the_text() -> None:
    """No term is a word the text already has, in any capitalisation."""
    text = SEED.read_text(encoding="utf-8")
    present = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    terms = search_terms(text, "de")
    assert terms
    assert not {t.lower() for t in terms} & present
    # a part that is in the text is left out: "Investition" is a part, "Zentrum" is not there
    assert "Investition" not in search_terms("Milliardeninvestitionen und eine investition", "de")
    assert "Zentrum" in search_terms("Rechenzentren", "de")


def test_terms_are_sorted_unique_words() -> None:
    """The terms are sorted, unique (case-insensitively), single alphabetic words."""
    terms = search_terms(SEED.read_text(encoding="utf-8"), "de")
    assert list(terms) == sorted(terms)
    assert len({t.lower() for t in terms}) == len(terms)
    assert all(t.isalpha() and t[0].isupper() for t in terms)


def test_terms_are_deterministic() -> None:
    """The same text gives the same terms, also with a cold cache and a fresh noun list."""
    text = SEED.read_text(encoding="utf-8")
    first = search_terms(text, "de")
    word_terms.cache_clear()
    compounds._split.cache_clear()
    assert search_terms(text, "de") == first
    fresh = compounds.load_lexicon()
    assert fresh == compounds.lexicon()


def test_noun_list_is_read_once() -> None:
    """lexicon() reads the noun list once and hands out the same object afterwards."""
    assert compounds.lexicon() is compounds.lexicon()


FOUND_AS_PREFIX = {("Recht", "Verbraucherrechte"): "Rechte"}
"""Pairs whose query is not a term of the word but the start of one (Pagefind matches a
query as a prefix); every other query is one of its word's terms."""


def test_fixture_pairs_are_consistent() -> None:
    """Every pair's word is in its example article, its query is not, and the terms find it."""
    pairs = yaml.safe_load((DATA / "compound_pairs.yml").read_text(encoding="utf-8"))["pairs"]
    assert len(pairs) >= 30
    articles: dict[str, str] = {}
    for pair in pairs:
        path = DATA / "compounds" / f"{pair['article']}.md"
        text = articles.setdefault(pair["article"], path.read_text(encoding="utf-8"))
        assert re.search(rf"\b{pair['word']}\b", text), pair
        assert not re.search(rf"\b{pair['query']}\b", text, re.IGNORECASE), pair
        terms = word_terms(pair["word"])
        prefix_of = FOUND_AS_PREFIX.get((pair["query"], pair["word"]))
        if prefix_of is None:
            assert pair["query"] in terms, pair
        else:
            assert pair["query"] not in terms and prefix_of in terms, (pair, terms)
            assert prefix_of.startswith(pair["query"])


def test_nine_hundred_words_take_well_under_two_milliseconds() -> None:
    """After warm-up a 900-word article takes well under 2 ms on average."""
    sources = [SEED, *sorted((DATA / "compounds").glob("*.md"))]
    words = " ".join(p.read_text(encoding="utf-8") for p in sources).split()
    text = " ".join((words * 2)[:900])
    search_terms(text, "de")
    runs = []
    for _ in range(50):
        started = time.perf_counter()
        search_terms(text, "de")
        runs.append(time.perf_counter() - started)
    assert statistics.median(runs) < 0.002


def test_noun_list_comes_from_the_installed_package() -> None:
    """The noun list is german-nouns' CSV file, read from the installed package."""
    path = compounds._noun_list()
    assert path.name == "nouns.csv"
    assert path.is_file()
    assert isinstance(path, Path)


def test_a_different_table_is_refused(tmp_path: Path) -> None:
    """A noun list in another layout is refused with its path instead of being misread."""
    table = tmp_path / "nouns.csv"
    table.write_text("lemma,genus,plural\nHaus,n,Häuser\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"nouns\.csv"):
        compounds.load_lexicon(table)


def test_a_small_table_is_read_with_forms_genders_and_names(tmp_path: Path) -> None:
    """Rows give every form its lemmas and every lemma its genders; names are kept apart."""
    header = "lemma,pos,genus,genus 1,genus 2,genus 3,genus 4,nominativ singular,nominativ plural"
    table = tmp_path / "nouns.csv"
    table.write_text("\n".join([
        header,
        "Zentrum,Substantiv,n,,,,,Zentrum,Zentren",
        'Wien,"Substantiv,Toponym",n,,,,,Wien,',
        "E-Mail,Substantiv,f,,,,,E-Mail,E-Mails",
    ]) + "\n", encoding="utf-8")
    lex = compounds.load_lexicon(table)
    assert lex.lemmas == {"zentrum": ("Zentrum",), "zentren": ("Zentrum",)}
    assert lex.genders == {"Zentrum": frozenset({"n"})}
    assert lex.names == frozenset({"wien"})


def test_the_noun_list_is_read_from_its_copy_in_the_build_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first read copies the noun list into the cache; later reads take the copy (the
    CSV is not read again), and a damaged copy is read from the CSV and written anew."""
    from digest.cache import NounListCopies

    real = compounds.load_lexicon()
    copies = NounListCopies(tmp_path)
    first = compounds._read_or_copy(copies)
    made = list(tmp_path.glob("lexicon-*.bin"))
    assert first == real and len(made) == 1

    def refused(path: Path | None = None) -> compounds.Lexicon:
        raise AssertionError("the CSV file was read")

    monkeypatch.setattr(compounds, "load_lexicon", refused)
    assert compounds._read_or_copy(copies) == real
    monkeypatch.undo()
    made[0].write_bytes(made[0].read_bytes()[:1000])  # cut short: read from the CSV again
    assert compounds._read_or_copy(copies) == real
    assert made[0].stat().st_size > 1000
    assert compounds._read_or_copy(None) == real
    assert compounds.decode_copy(compounds.encode_copy(real)) == real


@pytest.mark.parametrize("data", [
    b"",
    b"digest noun list 0\nhaus\tHaus\f\f",  # another format
    b"digest noun list 1\nhaus\tHaus\f",  # a section missing
    b"digest noun list 1\n\tHaus\f\f",  # a form without its word
    b"\xff\xfe",
])
def test_a_copy_of_anything_else_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        compounds.decode_copy(data)


def test_a_word_that_would_break_the_copy_is_refused() -> None:
    lexicon = compounds.Lexicon(lemmas={"a\tb": ("A",)}, genders={}, names=frozenset())
    with pytest.raises(ValueError):
        compounds.encode_copy(lexicon)
