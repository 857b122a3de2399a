"""Arrow batches: the documented schema, one row per post in order, error rows."""

import json

import pyarrow as pa
import pytest

import wpclean
from conftest import FIXTURES

SEED = (FIXTURES / "seed-post.json").read_text(encoding="utf-8")

STRING = pa.string()
STRINGS = pa.list_(pa.field("element", STRING))


def _list_of(*fields):
    return pa.list_(pa.field("element", pa.struct(list(fields))))


def f(name, type_):
    return pa.field(name, type_)


IMAGE = pa.struct([f("src", STRING), f("alt", STRING), f("caption", STRING),
                   f("width", pa.int32()), f("height", pa.int32())])
TERM = pa.struct([f("id", pa.int64()), f("slug", STRING), f("name", STRING)])

# The schema as python/README.md documents it.
ARTICLE = pa.schema([
    f("id", pa.int64()), f("type", STRING), f("status", STRING), f("slug", STRING),
    f("url", STRING), f("title", STRING), f("date", STRING), f("date_gmt", STRING),
    f("modified", STRING), f("modified_gmt", STRING), f("excerpt", STRING),
    f("author", pa.struct([f("id", pa.int64()), f("name", STRING), f("slug", STRING)])),
    f("categories", pa.list_(pa.field("element", TERM))),
    f("tags", pa.list_(pa.field("element", TERM))),
    f("featured_image", IMAGE),
    f("headings", _list_of(f("level", pa.int32()), f("text", STRING), f("anchor", STRING))),
    f("faq", _list_of(f("question", STRING), f("answer", STRING), f("anchor", STRING))),
    f("tables", _list_of(f("caption", STRING), f("header", STRINGS),
                         f("rows", pa.list_(pa.field("element", STRINGS))))),
    f("links", _list_of(f("href", STRING), f("text", STRING), f("rel", STRINGS),
                        f("target", STRING), f("internal", pa.bool_()))),
    f("images", pa.list_(pa.field("element", IMAGE))),
    f("lists", _list_of(f("ordered", pa.bool_()), f("items", STRINGS))),
    f("sections", _list_of(f("path", STRINGS), f("level", pa.int32()), f("anchor", STRING),
                           f("url", STRING), f("text", STRING))),
    f("text", STRING), f("markdown", STRING), f("html", STRING),
    f("removed", _list_of(f("group", STRING), f("rule", STRING), f("count", pa.int32()))),
    f("warnings", STRINGS),
    f("comments", _list_of(f("id", pa.int64()), f("parent", pa.int64()), f("author", STRING),
                           f("date", STRING), f("text", STRING))),
    f("page", pa.struct([
        f("kind", STRING), f("found_by", STRING), f("container", STRING), f("theme", STRING),
        f("canonical", STRING), f("rest_url", STRING), f("language", STRING),
        f("site_name", STRING), f("encoding", STRING),
        f("warc", pa.struct([f("file", STRING), f("record_id", STRING), f("offset", pa.int64()),
                             f("length", pa.int64()), f("status", pa.int32()),
                             f("fetched", STRING)])),
    ])),
    f("error", STRING),
])


def test_article_schema_is_the_documented_one():
    assert wpclean.article_schema() == ARTICLE


def test_record_schema_is_the_documented_one():
    expected = pa.schema([
        f("row", pa.int64()), f("id", STRING), f("post_id", pa.int64()), f("url", STRING),
        f("title", STRING),
        pa.field("hierarchy", pa.map_(pa.field("key", STRING, nullable=False), STRING)),
        f("content", STRING), f("type", STRING), f("anchor", STRING), f("date", STRING),
        f("modified", STRING), f("modified_gmt", STRING), f("categories", STRINGS),
        f("tags", STRINGS),
        f("author", STRING), f("position", pa.int32()), f("chunk", pa.int32()),
        f("word_count", pa.int32()), f("error", STRING),
    ])
    assert wpclean.record_schema() == expected


def _row_as_article(row):
    """A batch row as the JSON article: the map/struct forms Arrow gives back, minus `error`."""
    del row["error"]
    return row


def test_a_malformed_row_gives_an_error_row_and_the_others_come_out():
    posts = pa.array([SEED, '{"id": 2, "content": {"rendered": "<p>x</p>"', None, SEED])
    batch = pa.record_batch({"post": posts, "other": pa.array([1, 2, 3, 4])})
    out = wpclean.clean_arrow(batch)
    assert out.num_rows == 4
    assert out.schema == ARTICLE
    errors = out.column("error").to_pylist()
    assert errors[0] is None and errors[3] is None
    assert "post #1" in errors[1] and "invalid JSON" in errors[1], errors[1]
    assert "null" in errors[2]
    assert out.column("title").to_pylist()[1:3] == [None, None]
    article = wpclean.Extractor().clean(SEED)
    rows = out.to_pylist()
    assert _row_as_article(rows[0]) == article
    assert _row_as_article(rows[3]) == article


def test_every_fixture_post_round_trips_through_arrow():
    pages = sorted(FIXTURES.glob("plugins/*/*.html"))
    posts = [json.dumps({"id": i, "link": "https://example.com/p/", "title": {"rendered": p.stem},
                         "content": {"rendered": p.read_text(encoding="utf-8", errors="replace")}})
             for i, p in enumerate(pages)]
    ex = wpclean.Extractor()
    for type_ in (pa.string(), pa.large_string(), pa.binary(), pa.string_view()):
        batch = pa.record_batch({"post": pa.array(posts, type=pa.string()).cast(type_)})
        out = ex.clean_arrow(batch)
        assert [_row_as_article(r) for r in out.to_pylist()] == ex.clean_many(posts), type_


def test_a_table_in_gives_a_table_out_in_order():
    table = pa.table({"json": [SEED] * 5}).combine_chunks()
    table = pa.concat_tables([table.slice(0, 2), table.slice(2)])
    out = wpclean.clean_arrow(table, column="json")
    assert isinstance(out, pa.Table) and out.num_rows == 5
    assert out.column("id").to_pylist() == [wpclean.clean(SEED)["id"]] * 5


def test_records_arrow_matches_records():
    bad = "[1,"
    out = wpclean.records_arrow(pa.record_batch({"post": [SEED, bad, SEED]}))
    records = wpclean.records(SEED)
    assert len(records) > 1
    rows = out.to_pylist()
    assert [r["row"] for r in rows] == [0] * len(records) + [1] + [2] * len(records)
    first = rows[: len(records)]
    for row, record in zip(first, records):
        assert row.pop("row") == 0 and row.pop("error") is None
        row["hierarchy"] = dict(row["hierarchy"])
        assert row == record
    assert "invalid JSON" in rows[len(records)]["error"]


def test_a_missing_column_is_a_key_error():
    with pytest.raises(KeyError, match='no column "post"'):
        wpclean.clean_arrow(pa.record_batch({"json": [SEED]}))


def test_a_numeric_column_is_a_type_error():
    with pytest.raises(TypeError, match="JSON strings or binary"):
        wpclean.clean_arrow(pa.record_batch({"post": [1, 2]}))


def test_the_command_writes_the_same_parquet(cli, tmp_path):
    import pyarrow.parquet as pq
    import subprocess

    out = tmp_path / "articles.parquet"
    seed = FIXTURES / "seed-post.json"
    subprocess.run([cli, "--quiet", "--format", "parquet", "-o", str(out), str(seed)], check=True)
    table = pq.read_table(out)
    assert table.schema == ARTICLE
    posts = [json.dumps(json.loads(SEED))]
    assert table.to_pylist() == wpclean.clean_arrow(pa.record_batch({"post": posts})).to_pylist()
