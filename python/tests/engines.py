"""The corpus's REST posts as one NDJSON file, and the command's articles for it."""

import json

from conftest import CORPUS, cli_articles


def _posts(value):
    if isinstance(value, list):
        for v in value:
            yield from _posts(v)
    elif isinstance(value, dict):
        yield value


def rest_posts_ndjson(tmp_path):
    """Writes every JSON object of the corpus's REST responses, one per line."""
    lines = []
    for path in sorted(CORPUS.glob("wp-rest/**/*.json")):
        try:
            value = json.loads(path.read_text(encoding="utf-8-sig"))
        except ValueError:
            continue
        lines.extend(json.dumps(p) for p in _posts(value))
    assert len(lines) > 200, len(lines)
    path = tmp_path / "rest-posts.ndjson"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path, lines


def key(article):
    """A sort key that orders articles whatever order an engine returns them in."""
    return json.dumps(article, sort_keys=True)


def check_articles(rows, expected, rows_in):
    """Rows in = rows out; the good rows are the command's articles; the rest are errors."""
    assert len(rows) == rows_in
    good = [r for r in rows if r.pop("error") is None]
    assert sorted(good, key=key) == sorted(expected, key=key)
    assert len(rows) - len(good) == rows_in - len(expected)
