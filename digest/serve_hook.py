"""MkDocs hook for ``digest serve``: refresh content/ from the seeds before each rebuild."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def on_pre_build(config: Any) -> None:
    from digest.build import digest_stage
    from digest.config import load_config
    from digest.escape import log_line
    from digest.read.ingest import build_time_now
    from digest.site import build_lock

    digest_config = load_config(Path(config.config_file_path))
    with build_lock(digest_config):
        result = digest_stage(digest_config, build_time=build_time_now())
    for p in result.problems:
        print(log_line(str(p)), file=sys.stderr)
