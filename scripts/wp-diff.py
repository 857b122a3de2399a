#!/usr/bin/env python3
"""Differential test of wpclean's raw renderer against WordPress itself.

    scripts/wp-diff.py           run WordPress (php-cli + Debian's `wordpress` package) on
                                 every input, then compare with wpclean block by block and
                                 print the agreement and the remaining differences
    scripts/wp-diff.py record    run WordPress and write its renderings into tests/wpautop/
                                 (wp-phpunit.json, wp-gaps.json, wp-corpus.json): the outputs that
                                 `cargo test --test it wpautop::` checks wpclean against without PHP

Inputs: the cases of WordPress's PHPUnit tests (tests/wpautop/phpunit-cases.json), cases
written for the gaps of issue 11 (tests/wpautop/gap-cases.json) and every post of the WXR
exports in ../shared/corpus/wxr/. WordPress's side is scripts/wp-render.php;
wpclean's side and the comparison are tests/it/wpautop.rs (one normaliser for the live and the
recorded runs), which reads the renderings from $WPCLEAN_WP_RECORDED when it is set.

Needs: php-cli, the `wordpress` package (or WP_PATH=/path/to/wordpress), cargo.
"""

import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "tests", "wpautop")
# Inputs with their cases, and the file that records WordPress's renderings of them.
SUITES = [("phpunit-cases.json", "wp-phpunit.json"), ("gap-cases.json", "wp-gaps.json")]
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "wxr")
LICENCE = ("GPL-2.0-or-later: WordPress's output for WordPress's own test data (its PHPUnit "
           "cases, its theme test data and importer fixtures; see ../shared/corpus/SOURCES.md)")


def wordpress(inputs):
    """WordPress's renderings of `inputs` (None where WordPress itself fails)."""
    run = subprocess.run(
        ["php", os.path.join(ROOT, "scripts", "wp-render.php"), "--json"],
        input=json.dumps(inputs).encode(),
        capture_output=True,
        check=True,
    )
    out = json.loads(run.stdout)
    if len(out) != len(inputs):
        sys.exit(f"wp-render.php returned {len(out)} renderings for {len(inputs)} inputs")
    return out


def corpus_posts():
    """The posts of the shared corpus's WXR exports, as wpclean's reader sees them."""
    files = sorted(glob.glob(os.path.join(CORPUS, "*.xml")) + glob.glob(os.path.join(CORPUS, "*", "*.xml")))
    if not files:
        sys.exit(f"no WXR exports under {CORPUS}")
    run = subprocess.run(
        ["cargo", "run", "--quiet", "--example", "render_raw", "--", "--posts", *files],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    posts = []
    for line in run.stdout.decode().splitlines():
        p = json.loads(line)
        p["file"] = os.path.relpath(p["file"], CORPUS)
        posts.append(p)
    return posts


def record(into):
    suites = []
    for cases_file, recorded_file in SUITES:
        cases = json.load(open(os.path.join(HERE, cases_file), encoding="utf-8"))["cases"]
        rendered = wordpress([c["input"] for c in cases])
        suites.append((recorded_file, [{"id": c["id"], "wp": r} for c, r in zip(cases, rendered)]))
    posts = corpus_posts()
    rendered = wordpress([p["content"] for p in posts])
    corpus = [
        {"file": p["file"], "index": p["index"], "id": p["id"],
         "raw_bytes": len(p["content"].encode()), "wp": r}
        for p, r in zip(posts, rendered)
    ]
    version = subprocess.run(
        ["php", "-r", "include getenv('WP_PATH') ? getenv('WP_PATH').'/wp-includes/version.php' : '/usr/share/wordpress/wp-includes/version.php'; echo $wp_version;"],
        capture_output=True, check=True).stdout.decode()
    about = (f"WordPress {version}'s rendering (scripts/wp-render.php) of each input, "
             "recorded by scripts/wp-diff.py record; null where WordPress itself fails.")
    for name, rows in suites + [("wp-corpus.json", corpus)]:
        with open(os.path.join(into, name), "w", encoding="utf-8") as f:
            json.dump({"about": about, "wordpress": version, "licence": LICENCE,
                       "renderings": rows}, f,
                      indent=1, ensure_ascii=False)
            f.write("\n")
    counts = ", ".join(f"{len(rows)} in {name}" for name, rows in suites + [("wp-corpus.json", corpus)])
    print(f"recorded {counts} into {into}")


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "diff"
    if mode == "record":
        record(os.path.join(ROOT, "tests", "wpautop"))
    elif mode == "diff":
        with tempfile.TemporaryDirectory() as tmp:
            record(tmp)
            env = dict(os.environ, WPCLEAN_WP_RECORDED=tmp)
            run = subprocess.run(
                ["cargo", "test", "--quiet", "--test", "it", "--", "wpautop::", "--include-ignored", "--nocapture", "--test-threads=1"],
                cwd=ROOT, env=env)
            sys.exit(run.returncode)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
