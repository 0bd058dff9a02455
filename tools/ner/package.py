"""Install a trained pipeline where the digest loads it, with the attribution its data asks for.

    python -m tools.ner.package TRAINED_DIR TARGET_DIR
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

SOURCES = [
    {"name": "GermEval 2014 NER (train split)", "license": "CC BY 4.0",
     "url": "https://sites.google.com/site/germeval2014ner/",
     "author": "D. Benikova, C. Biemann, M. Reznicek. NoSta-D Named Entity Annotation for "
               "German: Guidelines and Dataset. LREC 2014."},
    {"name": "DFKI SmartData Corpus v1", "license": "CC BY 4.0",
     "url": "https://github.com/DFKI-NLP/smartdata-corpus",
     "author": "M. Schiersch, V. Mironova, M. Schmitt, P. Thomas, A. Gabryszak, L. Hennig. "
               "A German Corpus for Fine-Grained Named Entity Recognition and Relation "
               "Extraction of Traffic and Industry Events. LREC 2018."},
]


def main(argv: list[str]) -> int:
    source, target = Path(argv[0]), Path(argv[1])
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update({
        "name": "digest_de_ner",
        "version": "1.0.0",
        "description": "German recognizer of persons, places and organisations for digest's "
                       "key-facts box (tokenizer, tok2vec, ner), trained by `make train-ner`.",
        "license": "CC BY 4.0 (as its training data)",
        "sources": SOURCES,
    })
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"{target}: {size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
