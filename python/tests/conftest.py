"""Shared fixtures: the repository, the shared corpus beside it, and the `wpclean` command."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "fixtures"


def needs_corpus():
    """Skips (visibly, with the reason) when ../shared/corpus is not beside the checkout."""
    return pytest.mark.skipif(
        not CORPUS.is_dir(), reason=f"needs the shared corpus at {CORPUS} (absent)"
    )


def _target_dir():
    return pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


@pytest.fixture(scope="session")
def cli():
    """The `wpclean` command built from this checkout: $WPCLEAN_BIN, else the newest of the
    release and debug builds, else built now with cargo."""
    if os.environ.get("WPCLEAN_BIN"):
        return os.environ["WPCLEAN_BIN"]
    built = [p for p in (_target_dir() / "release" / "wpclean", _target_dir() / "debug" / "wpclean") if p.is_file()]
    if not built:
        cargo = shutil.which("cargo")
        assert cargo, "no wpclean binary and no cargo to build one"
        subprocess.run([cargo, "build", "--quiet", "--bin", "wpclean"], cwd=ROOT, check=True)
        built = [_target_dir() / "debug" / "wpclean"]
    return str(max(built, key=lambda p: p.stat().st_mtime))


def cli_articles(cli, path, *args):
    """The NDJSON articles the command writes for one export (failed posts are left out).

    Every copy of a post is cleaned (`--keep-duplicates`): the Python calls clean each post
    they are given, and leave de-duplication across a run to the caller."""
    run = subprocess.run(
        [cli, "--quiet", "--jobs", "1", "--keep-duplicates", *args, str(path)],
        capture_output=True,
        text=True,
    )
    assert run.returncode in (0, 1), f"{path}: exit {run.returncode}: {run.stderr}"
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


def corpus_exports():
    """Every REST JSON and WXR export of the shared corpus, sorted."""
    files = sorted(CORPUS.glob("wp-rest/**/*.json")) + sorted(CORPUS.glob("wxr/**/*.xml"))
    assert files, f"no exports under {CORPUS}"
    return files


def fixture_exports():
    """The repository's own post fixtures."""
    return [FIXTURES / "seed-post.json", *sorted((FIXTURES / "wxr").glob("*.xml"))]
