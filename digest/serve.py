"""Live preview: MkDocs' dev server, with the digest stage re-run when a seed changes."""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

from digest.config import Config
from digest.escape import log_line

HOOK = Path(__file__).with_name("serve_hook.py")


def serve(config: Config, *, dev_addr: str) -> None:
    """Serve the site; seeds and the vocabulary are watched next to the docs folder."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)

    from digest.build import digest_stage
    from digest.read.ingest import build_time_now
    from digest.site import build_lock

    with build_lock(config):
        result = digest_stage(config, build_time=build_time_now())
    for p in result.problems:
        print(log_line(str(p)), file=sys.stderr)
    watch = [str(config.root / config.seeds_dir)]
    if config.vocabulary:
        watch.append(str(config.root / config.vocabulary))
    with contextlib.chdir(config.root):
        mkdocs_serve(config_file=str(config.root / "mkdocs.yml"), dev_addr=dev_addr,
                     watch=watch, hooks=[str(HOOK)])
