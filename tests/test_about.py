"""The about page credits every data source the site is made with: one table in the code
(``digest.pages.about.CREDITS``), checked against the data the project ships and against the
README's credits, and rendered into the page in the site's language."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from digest.config import Config
from digest.pages.about import CREDITS, Credit, about_doc, render_about

from .conftest import ROOT

DATA = ROOT / "digest" / "data"
DATA_FILES = {
    "places.tsv": ("GeoNames", "pycountry"),
    "countries.tsv": ("CLDR", "pycountry"),
    "first_names.txt": ("US Census",),
    "vocabulary.yml": (),  # written by the project
}
"""Each file shipped in digest/data and the sources its header names."""
PACKAGES = {
    "digest/facts/compounds.py": ("german_nouns", "german-nouns"),
    "digest/facts/fx.py": ("currency_converter", "Euro foreign exchange reference rates"),
    "digest/facts/entities/ner.py": ("en_core_web_sm", "spaCy en_core_web_sm"),
}
"""Data that comes in a package: the module that loads it, its import, the credit."""


def _credit(fragment: str) -> Credit:
    found = [c for c in CREDITS if fragment in c.name or fragment in c.by]
    assert len(found) == 1, f"no single credit for {fragment!r}"
    return found[0]


def test_every_shipped_data_file_names_its_sources_and_each_is_credited() -> None:
    shipped = {p.name for p in DATA.iterdir() if p.is_file()}
    assert sorted(shipped) == sorted(DATA_FILES), "a data file without its sources listed here"
    for name, sources in DATA_FILES.items():
        header = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
        for source in sources:
            assert source in header, f"{name}: its header does not name {source}"
            assert name in _credit(source).shipped


def test_the_recognizers_training_data_is_credited_as_its_model_says() -> None:
    for folder in sorted((DATA / "ner").iterdir()):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        for source in meta["sources"]:
            credit = next((c for c in CREDITS if source["name"].startswith(c.name)), None)
            assert credit is not None, f"{folder.name}: {source['name']} is not credited"
            assert credit.licence == source["license"]
            assert credit.by.split(":")[0] in source["author"]  # the authors


def test_packaged_data_is_credited() -> None:
    for module, (marker, name) in PACKAGES.items():
        assert marker in (ROOT / module).read_text(encoding="utf-8"), module
        assert module in _credit(name).shipped


def _readme_credits() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"(?ms)^## Credits and licences\n(.*?)^## ", text)
    assert section is not None, "README: no section 'Credits and licences'"
    bullets = re.split(r"(?m)^- ", section.group(1))[1:]
    return {re.match(r"\*\*\[([^\]]+)\]", b).group(1): " ".join(b.split())  # type: ignore[union-attr]
            for b in bullets}


def test_the_readme_credits_what_the_table_credits_and_nothing_else() -> None:
    readme = _readme_credits()
    assert sorted(readme) == sorted(c.name for c in CREDITS)
    for c in CREDITS:
        bullet = readme[c.name]
        for part in (c.url, c.by, c.licence, c.licence_url):
            assert part in bullet, f"README's credit of {c.name} lacks {part!r}"


@pytest.mark.parametrize("lang, headings", [
    ("de", ("Wie die Fakten entstehen", "Fakten korrigieren", "Daten und Lizenzen")),
    ("en", ("How the facts are found", "Correcting facts", "Data and licences")),
])
def test_the_generated_part_says_how_facts_are_found_and_corrected_and_credits_every_source(
        config: Config, lang: str, headings: tuple[str, ...]) -> None:
    text = render_about(replace(config, language=lang)).content.decode()
    for heading in headings:
        assert f"## {heading}\n" in text
    assert "facts:\n  add:" in text and "remove:" in text and "rename:" in text
    plain = text.replace("\\", "")
    for c in CREDITS:
        for part in (c.name, c.by, c.licence, c.used[lang]):
            assert part in plain, f"{lang}: {part!r} missing"


def test_the_about_page_includes_the_generated_part(config: Config) -> None:
    about = (ROOT / "content" / "about.md").read_text(encoding="utf-8")
    assert f'--8<-- "{about_doc(config)}"' in about
    assert render_about(config).dest == f"{config.docs_dir}/{about_doc(config)}"


def test_the_footer_words_exist_in_every_page_language() -> None:
    words = (ROOT / "overrides" / "partials" / "digest-words.html").read_text(encoding="utf-8")
    assert words.count('"digest.about"') == 2
    assert '"Über diese Seite"' in words and '"About this site"' in words
