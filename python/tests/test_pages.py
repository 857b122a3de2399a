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
