#!/usr/bin/env python3
"""Writes the warcio fixtures of fixtures/warc/ (run by scripts/make-warc-fixtures.sh, with
warcio 1.8.1 and brotli 1.2.1 from PyPI):

- warcio-cases.warc.gz: one gzip member per record, every kind of record the reader must
  tell apart (listed in CASES below, in file order);
- cut-at-end.warc.gz: three pages, the last gzip member cut in half;
- corrupt-member.warc.gz: three pages, bytes of the middle member's compressed data
  overwritten;
- lying-length.warc: uncompressed; the first record's Content-Length says 500 bytes more
  than it has (the next record starts inside them), the third's 40 bytes fewer;
- one-member.warc.gz: the records of lying-length.warc without the lies, the whole file
  compressed as one gzip member.
"""
import brotli
import gzip
import io
import sys
import zlib
from pathlib import Path

from warcio.warcwriter import WARCWriter
from warcio.statusandheaders import StatusAndHeaders

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "fixtures/warc")
DATE = "2024-05-02T10:00:00Z"


def page(title, text, meta=""):
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head>"
            f"<body class=\"single postid-7\"><article class=\"post-7 post\">"
            f"<div class=\"entry-content\"><p>{text}</p></div></article></body></html>")


HELLO = page("Hello", "The chunked, compressed and plain pages all say this.")
JA = page("猫", "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。")
RU = page("Онегин", "Мой дядя самых честных правил, когда не в шутку занемог.")


def chunked(data: bytes, size=40) -> bytes:
    out = b""
    for i in range(0, len(data), size):
        part = data[i:i + size]
        out += b"%x;ext=1\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def http(status, headers, body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("latin-1") + body


def response(w, uri, raw_http, extra=None):
    rec = w.create_warc_record(uri, "response", payload=io.BytesIO(raw_http),
                               length=len(raw_http),
                               warc_headers_dict={"WARC-Date": DATE, **(extra or {})})
    w.write_record(rec)


U = "https://example.com"
CASES = [
    ("warcinfo", None),
    ("request", None),
    ("response chunked", http("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                         ("Transfer-Encoding", "chunked")],
                              chunked(HELLO.encode()))),
    ("response gzip", http("200 OK", [("Content-Type", "text/html"),
                                      ("Content-Encoding", "gzip")],
                           gzip.compress(HELLO.encode(), mtime=0))),
    ("response br", http("200 OK", [("Content-Type", "text/html"),
                                    ("Content-Encoding", "br")],
                         brotli.compress(HELLO.encode()))),
    ("response deflate", http("200 OK", [("Content-Type", "text/html"),
                                         ("Content-Encoding", "deflate")],
                              zlib.compress(HELLO.encode()))),
    ("response chunked gzip", http("200 OK", [("Content-Type", "text/html"),
                                              ("Transfer-Encoding", "chunked"),
                                              ("Content-Encoding", "gzip")],
                                   chunked(gzip.compress(HELLO.encode(), mtime=0)))),
    ("response lying gzip", http("200 OK", [("Content-Type", "text/html"),
                                            ("Content-Encoding", "gzip")],
                                 HELLO.encode())),
    ("revisit", None),
    ("response shift_jis header", http("200 OK", [("Content-Type",
                                                   "text/html; charset=Shift_JIS")],
                                       JA.encode("shift_jis"))),
    ("response windows-1251 header", http("200 OK", [("Content-Type",
                                                      "text/html; charset=windows-1251")],
                                          RU.encode("cp1251"))),
    ("response truncated", http("200 OK", [("Content-Type", "text/html"),
                                           ("Content-Encoding", "gzip")],
                                gzip.compress((HELLO * 50).encode(), mtime=0)[:200])),
    ("response 404", http("404 Not Found", [("Content-Type", "text/html")],
                          page("Not found", "Nothing here.").encode())),
    ("response 301", http("301 Moved Permanently", [("Location", U + "/hello/"),
                                                    ("Content-Length", "0")], b"")),
    ("response png", http("200 OK", [("Content-Type", "image/png")],
                          b"\x89PNG\r\n\x1a\n" + bytes(range(64)))),
    ("response common crawl", http("200 OK", [("Content-Type", "text/html"),
                                              ("X-Crawler-Transfer-Encoding", "chunked"),
                                              ("X-Crawler-Content-Encoding", "gzip"),
                                              ("X-Crawler-Content-Length", "123")],
                                   HELLO.encode())),
    ("response no type", http("200 OK", [], HELLO.encode())),
    ("metadata", None),
]


def write_cases(path):
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        w.write_record(w.create_warcinfo_record("warcio-cases.warc.gz",
                                                {"software": "warcio 1.8.1",
                                                 "format": "WARC File Format 1.0"}))
        for n, (name, raw) in enumerate(CASES):
            uri = f"{U}/{name.replace(' ', '-')}/"
            if name == "request":
                req = b"GET /hello/ HTTP/1.1\r\nHost: example.com\r\n\r\n"
                w.write_record(w.create_warc_record(U + "/hello/", "request",
                                                    payload=io.BytesIO(req), length=len(req),
                                                    warc_headers_dict={"WARC-Date": DATE}))
            elif name == "revisit":
                head = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                        protocol="HTTP/1.1")
                w.write_record(w.create_revisit_record(
                    U + "/hello/", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", U + "/hello/", DATE,
                    http_headers=head, warc_headers_dict={"WARC-Date": DATE}))
            elif name == "metadata":
                meta = b"outlinks: https://example.com/about/\n"
                w.write_record(w.create_warc_record(U + "/hello/", "metadata",
                                                    payload=io.BytesIO(meta), length=len(meta),
                                                    warc_content_type="application/warc-fields"))
            elif name == "response truncated":
                response(w, uri, raw, {"WARC-Truncated": "length"})
            elif raw is not None:
                response(w, uri, raw)


def three_pages(gz=True):
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    offsets = []
    for n in range(3):
        offsets.append(buf.tell())
        body = page(f"Page {n}", f"Page number {n}. " * 30).encode()
        response(w, f"{U}/page-{n}/", http("200 OK", [("Content-Type", "text/html")], body))
    return buf.getvalue(), offsets


write_cases(OUT / "warcio-cases.warc.gz")

data, offsets = three_pages()
(OUT / "cut-at-end.warc.gz").write_bytes(data[:offsets[2] + (len(data) - offsets[2]) // 2])

bad = bytearray(data)
middle = (offsets[1] + offsets[2]) // 2
bad[middle:middle + 16] = b"\xff" * 16
(OUT / "corrupt-member.warc.gz").write_bytes(bytes(bad))

plain, offsets = three_pages(gz=False)
(OUT / "one-member.warc.gz").write_bytes(gzip.compress(plain, mtime=0))
first = plain[offsets[0]:offsets[1]]
third = plain[offsets[2]:]


def with_length(record: bytes, delta: int) -> bytes:
    head, rest = record.split(b"\r\n\r\n", 1)
    lines = head.split(b"\r\n")
    for i, line in enumerate(lines):
        if line.lower().startswith(b"content-length:"):
            lines[i] = b"Content-Length: %d" % (int(line.split(b":")[1]) + delta)
    return b"\r\n".join(lines) + b"\r\n\r\n" + rest


(OUT / "lying-length.warc").write_bytes(
    with_length(first, 500) + plain[offsets[1]:offsets[2]] + with_length(third, -40))
for p in sorted(OUT.glob("*.warc*")):
    print(p.name, p.stat().st_size)
