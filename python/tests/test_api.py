"""The Python API: inputs it takes, errors it raises or returns, threads and forks."""

import json
import os
import re
import subprocess
import sys
import threading
import time

import pytest

import wpclean
from conftest import FIXTURES, ROOT

SEED_TEXT = (FIXTURES / "seed-post.json").read_text(encoding="utf-8")
SEED = json.loads(SEED_TEXT)


def test_str_bytes_dict_and_post_give_the_same_article():
    ex = wpclean.Extractor()
    article = ex.clean(SEED_TEXT)
    assert article["title"] and article["text"]
    assert ex.clean(SEED_TEXT.encode()) == article
    assert ex.clean(SEED) == article
    [post] = list(wpclean.read_export(FIXTURES / "seed-post.json"))
    assert post.id == SEED["id"] and post.index == 0
    assert ex.clean(post) == article


def test_a_malformed_post_raises_error_with_kind_and_offset():
    with pytest.raises(wpclean.Error) as e:
        wpclean.Extractor().clean('{"id": 1, "content": ')
    assert e.value.kind == "json"
    assert e.value.offset == 20
    assert str(e.value).startswith("byte 20: invalid JSON")


def test_bytes_that_are_not_utf8_are_a_json_error_at_their_offset():
    with pytest.raises(wpclean.Error) as e:
        wpclean.clean(b'{"id": 1, "title": "\xff"}')
    assert (e.value.kind, e.value.offset) == ("json", 20)


def test_what_is_not_a_post_raises_not_a_post():
    with pytest.raises(wpclean.Error) as e:
        wpclean.clean({"id": 3, "name": "a user", "slug": "u"})
    assert e.value.kind == "not_a_post" and e.value.id == 3


def test_a_post_over_max_post_bytes_is_a_limit_error():
    with pytest.raises(wpclean.Error) as e:
        wpclean.clean(SEED_TEXT, max_post_bytes=100)
    assert e.value.kind == "limit"


def test_clean_many_gives_error_rows_and_keeps_the_rest():
    posts = [SEED_TEXT, "{nope", SEED, b"\xfe", SEED_TEXT]
    out = wpclean.Extractor().clean_many(posts, threads=2)
    assert len(out) == 5
    article = wpclean.clean(SEED)
    assert out[0] == out[2] == out[4] == article
    assert out[1]["kind"] == "json" and out[1]["index"] == 1 and "post #1" in out[1]["error"]
    assert out[3]["kind"] == "json" and out[3]["offset"] == 0


def test_a_post_of_another_type_is_a_type_error():
    with pytest.raises(TypeError, match="not int"):
        wpclean.clean(42)


def test_unknown_options_and_groups_are_refused():
    with pytest.raises(TypeError, match='unknown option "dorp"'):
        wpclean.Extractor(dorp=[".x"])
    with pytest.raises(ValueError, match='unknown rule group "adz"'):
        wpclean.Extractor(disable=["adz"])
    with pytest.raises(wpclean.Error) as e:
        wpclean.Extractor(drop=["p[["])
    assert e.value.kind == "selector"
    with pytest.raises(ValueError, match="threads"):
        wpclean.Extractor().clean_many([SEED], threads=0)


def test_options_change_the_article():
    html = {"content": {"rendered": '<p>Body.</p><div class="promo">Buy</div>'}}
    assert "Buy" in wpclean.clean(html)["text"]
    assert "Buy" not in wpclean.clean(html, drop=[".promo"])["text"]
    deep = {"content": {"rendered": "<div>" * 100 + "deep"}}
    warnings = wpclean.clean(deep, max_depth=10)["warnings"]
    assert any("nesting" in w for w in warnings), warnings


def test_records_are_the_command_records(cli, tmp_path):
    expected = [json.loads(l) for l in subprocess.run(
        [cli, "records", "--quiet", "--max-chars", "300", str(FIXTURES / "seed-post.json")],
        capture_output=True, text=True, check=True).stdout.splitlines()]
    ex = wpclean.Extractor(max_chars=300)
    assert ex.records(SEED) == expected
    assert ex.records_many([SEED, "{"])[0] == expected


def test_read_export_reports_skipped_and_failed(tmp_path):
    path = tmp_path / "mixed.ndjson"
    path.write_text(
        SEED_TEXT.replace("\n", " ") + "\n"
        + '{"id": 9, "name": "user", "slug": "u"}\n'
        + '{"id": 10, "content": }\n'
        + SEED_TEXT.replace("\n", " ") + "\n",
        encoding="utf-8",
    )
    reader = wpclean.read_export(path)
    posts = list(reader)
    assert [p.index for p in posts] == [0, 3]
    assert [s["index"] for s in reader.skipped] == [1]
    assert len(reader.failed) == 1 and reader.failed[0]["file"] == str(path)
    with pytest.raises(wpclean.Error) as e:
        wpclean.read_export(tmp_path / "absent.json")
    assert e.value.kind == "io"


def test_no_thread_is_started_at_import(tmp_path):
    code = (
        "import os, sys; before = len(os.listdir('/proc/self/task'));"
        "import wpclean; after = len(os.listdir('/proc/self/task'));"
        "wpclean.Extractor().clean_many(['{}'] * 4, threads=3);"
        "print(before, after, len(os.listdir('/proc/self/task')))"
    )
    # Run outside the source folder, so `import wpclean` is the installed package.
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    before, after, used = map(int, out.stdout.split())
    assert before == after, out.stdout
    assert used >= after + 3, out.stdout


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_clean_many_works_in_a_child_forked_after_it_ran():
    ex = wpclean.Extractor()
    expected = ex.clean_many([SEED] * 8)
    pid = os.fork()
    if pid == 0:
        ok = wpclean.Extractor().clean_many([SEED] * 8) == expected
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_clean_many_releases_the_gil():
    posts = [SEED] * 400
    ex = wpclean.Extractor()
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    start = time.perf_counter()
    ex.clean_many(posts, threads=1)
    during = [x for x in ticks if x > start]
    done.set()
    t.join()
    # A thread holding the GIL for the whole call would leave the ticker no turn at all.
    assert len(during) > 5, len(during)


def test_without_pyarrow_the_arrow_calls_name_the_extra_to_install(monkeypatch):
    # As if pyarrow were not installed: `import pyarrow` fails, from Python and from Rust.
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    calls = {
        "clean_arrow": lambda: wpclean.clean_arrow(object()),
        "records_arrow": lambda: wpclean.records_arrow(object()),
        "article_schema": wpclean.article_schema,
        "record_schema": wpclean.record_schema,
        "Extractor.clean_arrow": lambda: wpclean.Extractor().clean_arrow(object()),
        "Extractor.records_arrow": lambda: wpclean.Extractor().records_arrow(object()),
    }
    for name, call in calls.items():
        with pytest.raises(ImportError, match=re.escape("pip install 'wpclean[arrow]'")) as e:
            call()
        assert "need pyarrow, which is not installed" in str(e.value), name
        assert isinstance(e.value.__cause__, ImportError), name


def test_the_arrow_extra_installs_pyarrow():
    # The extra the message names exists, and brings pyarrow.
    text = (ROOT / "python" / "pyproject.toml").read_text(encoding="utf-8")
    extras = text.split("[project.optional-dependencies]", 1)[1].split("\n[", 1)[0]
    assert re.search(r'^arrow = \[.*"pyarrow', extras, re.M), extras
