"""Whole saved pages through the Python API: the post found in the page, its metadata and
comments, listings skipped unless asked for, and pages given as bytes in their encoding."""

import os

import pytest

import wpclean

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGES = os.path.join(ROOT, "fixtures", "pages")


def read(name, mode="r"):
    with open(os.path.join(PAGES, name), mode) as f:
        return f.read()


def test_a_saved_page_gives_its_post_metadata_and_comments():
    article = wpclean.Extractor().clean_page(
        read("02-classic-tt21-comment-thread.html"), url="https://loaf.example/sourdough/"
    )
    assert article["id"] == 2087
    assert article["title"] == "Sourdough on a Schedule"
    assert article["author"]["name"] == "Tomasz Wren"
    assert article["page"]["found_by"] == "marker"
    assert article["text"].startswith("For two years my starter")
    assert [(c["id"], c["parent"]) for c in article["comments"]] == [
        (311, None),
        (312, 311),
        (315, 312),
        (320, None),
    ]
    assert "Does the fridge rise" not in article["text"]


def test_comments_go_into_the_text_only_when_asked_for():
    html = read("02-classic-tt21-comment-thread.html")
    article = wpclean.Extractor(include_comments=True).clean_page(html)
    assert "Ilse (2023-11-06): Does the fridge rise" in article["text"]
    assert "> Tomasz Wren (2023-11-06): It does" in article["markdown"]
    assert article["headings"][-1]["text"] == "Comments"
    with pytest.raises(TypeError):
        wpclean.Extractor(include_comments="yes")


def test_a_listing_is_skipped_unless_asked_for():
    html = read("08-category-archive.html")
    with pytest.raises(wpclean.Error) as e:
        wpclean.Extractor().clean_page(html)
    assert "page kind: category archive" in str(e.value)
    article = wpclean.Extractor(all_page_kinds=True).clean_page(html)
    assert article["page"]["kind"] == "category archive"


def test_a_page_given_as_bytes_is_decoded_with_its_declared_encoding():
    article = wpclean.Extractor().clean_page(read("03-generatepress-single.html", "rb"))
    assert article["id"] == 5540
    assert article["page"]["encoding"] == "UTF-8"


def test_a_page_is_neither_a_number_nor_a_dict():
    with pytest.raises(TypeError):
        wpclean.Extractor().clean_page(42)


def test_read_export_reads_a_page_file():
    posts = list(wpclean.read_export(os.path.join(PAGES, "04-astra-single.html")))
    assert [p.id for p in posts] == [901]


def test_read_warc_gives_the_pages_and_counts_what_is_not_one(tmp_path):
    from warcs import write_warcs

    paths, _ = write_warcs(str(tmp_path))
    reader = wpclean.read_warc(paths[0])
    posts = list(reader)
    assert len(posts) == 3
    assert all(p.link.startswith("https://") for p in posts)
    reasons = sorted(s["reason"] for s in reader.skipped)
    assert reasons == ["HTTP status 404"] + ["WARC request record"] * 3


def test_clean_file_arrow_streams_a_warc_in_batches(tmp_path):
    pa = pytest.importorskip("pyarrow")
    from warcs import write_warcs

    paths, _ = write_warcs(str(tmp_path), corrupt=True)
    batches = list(wpclean.Extractor().clean_file_arrow(paths[1], "warc", batch_size=2))
    assert all(isinstance(b, pa.RecordBatch) for b in batches)
    table = pa.Table.from_batches(batches)
    errors = [e for e in table.column("error").to_pylist() if e]
    assert table.num_rows == 4 and len(errors) == 1, errors
