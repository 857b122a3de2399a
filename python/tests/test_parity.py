"""`Extractor().clean` gives exactly the command's NDJSON articles, post for post."""

import json

import pytest

import wpclean
from conftest import CORPUS, FIXTURES, cli_articles, corpus_exports, fixture_exports, needs_corpus


def _posts(value):
    """The post objects of a parsed REST response (one object, arrays, arrays of arrays)."""
    if isinstance(value, list):
        for v in value:
            yield from _posts(v)
    else:
        yield value


def _clean_all(ex, posts):
    """Cleans each post, leaving out what the command skips: what is not a post, and posts
    the options do not publish (drafts)."""
    out = []
    for post in posts:
        try:
            out.append(ex.clean(post))
        except wpclean.Error as e:
            if e.kind not in ("not_a_post", "skipped"):
                out.append({"failed": e.kind})
    return [a for a in out if "failed" not in a]


def _check_exports(cli, files):
    ex = wpclean.Extractor()
    compared = 0
    for path in files:
        expected = cli_articles(cli, path)
        # The export as read by wpclean's own readers (REST JSON, NDJSON and WXR alike).
        reader = wpclean.read_export(path)
        got = _clean_all(ex, reader)
        assert got == expected, f"{path}: read_export + clean differs from the command"
        # REST JSON parsed by Python and given as dicts and as JSON text.
        if path.suffix == ".json":
            try:
                value = json.loads(path.read_text(encoding="utf-8-sig"))
            except ValueError:
                continue  # NDJSON, or not JSON at all: covered by read_export above.
            posts = list(_posts(value))
            assert _clean_all(ex, posts) == expected, f"{path}: clean(dict) differs"
            as_text = [json.dumps(p) for p in posts]
            assert _clean_all(ex, as_text) == expected, f"{path}: clean(str) differs"
            many = [a for a in ex.clean_many(as_text) if "error" not in a]
            assert many == expected, f"{path}: clean_many differs"
        compared += len(expected)
    return compared


@needs_corpus()
def test_every_corpus_post_matches_the_command(cli):
    compared = _check_exports(cli, corpus_exports())
    assert compared > 200, f"only {compared} articles compared"


def test_fixture_exports_match_the_command(cli):
    assert _check_exports(cli, fixture_exports()) >= 2


def test_html_fixtures_match_the_command(cli, tmp_path):
    pages = sorted(FIXTURES.glob("plugins/*/*.html")) + sorted(FIXTURES.glob("fuzz-*/*.html"))
    assert len(pages) > 20
    posts = [
        {"id": i, "link": "https://example.com/p/", "title": {"rendered": p.stem},
         "content": {"rendered": p.read_text(encoding="utf-8", errors="replace")}}
        for i, p in enumerate(pages)
    ]
    ndjson = tmp_path / "fixtures.ndjson"
    ndjson.write_text("".join(json.dumps(p) + "\n" for p in posts), encoding="utf-8")
    expected = cli_articles(cli, ndjson)
    assert len(expected) == len(posts)
    assert wpclean.Extractor().clean_many(posts) == expected


def test_options_match_the_command_flags(cli):
    path = FIXTURES / "seed-post.json"
    expected = cli_articles(cli, path, "--no", "toc", "--drop", "p:first-child", "--max-depth", "40")
    ex = wpclean.Extractor(disable=["toc"], drop=["p:first-child"], max_depth=40)
    assert [ex.clean(p) for p in wpclean.read_export(path)] == expected
    assert expected != cli_articles(cli, path)


def test_the_status_filter_matches_the_command(cli, tmp_path):
    seed = json.loads((FIXTURES / "seed-post.json").read_text(encoding="utf-8"))
    posts = [dict(seed, id=i, status=s) for i, s in enumerate(["publish", "draft", "future"])]
    path = tmp_path / "statuses.ndjson"
    path.write_text("".join(json.dumps(p) + "\n" for p in posts), encoding="utf-8")
    for flags, options in [([], {}), (["--status", "publish,future"], {"statuses": ["publish", "future"]}),
                           (["--status", "any"], {"statuses": None})]:
        expected = cli_articles(cli, path, *flags)
        ex = wpclean.Extractor(**options)
        assert _clean_all(ex, posts) == expected, flags
    assert [a["status"] for a in cli_articles(cli, path)] == ["publish"]
    with pytest.raises(wpclean.Error) as e:
        wpclean.Extractor().clean(posts[1])
    assert e.value.kind == "skipped" and "status draft" in str(e.value)
    row = wpclean.Extractor().clean_many(posts)[1]
    assert row["kind"] == "skipped" and row["index"] == 1
