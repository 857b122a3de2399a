"""WARC files written by the tests themselves (one gzip member per record, as crawlers write
them): saved fixture pages as responses, with the request records, a 404 and a corrupt
member that the readers must skip or report."""

import gzip
import os
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGES = os.path.join(ROOT, "fixtures", "pages")


def _record(kind, uri, block, content_type):
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Date: 2026-12-07T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + block + b"\r\n\r\n")


def _response(uri, status, body, content_type="text/html; charset=UTF-8"):
    reason = {200: "OK", 404: "Not Found"}[status]
    http = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    return _record("response", uri, http, "application/http; msgtype=response")


def write_warcs(directory, corrupt=False):
    """Two `.warc.gz` files of the single-post fixture pages; returns their paths and the
    number of pages in them. With `corrupt`, the second file gets a damaged member."""
    names = sorted(n for n in os.listdir(PAGES) if n.endswith(".html") and n[:2] in
                   ("01", "02", "03", "04", "05", "06"))
    paths = []
    for part, chunk in enumerate((names[:3], names[3:])):
        path = os.path.join(directory, f"crawl-{part}.warc.gz")
        with open(path, "wb") as f:
            for name in chunk:
                uri = f"https://example.com/{name[:-5]}/"
                req = f"GET /{name[:-5]}/ HTTP/1.1\r\nHost: example.com\r\n\r\n".encode()
                f.write(_record("request", uri, req, "application/http; msgtype=request"))
                with open(os.path.join(PAGES, name), "rb") as page:
                    f.write(_response(uri, 200, page.read()))
            f.write(_response("https://example.com/gone/", 404, b"<html>gone</html>"))
            if corrupt and part == 1:
                member = bytearray(_response("https://example.com/bad/", 200, b"<html>x</html>"))
                member[-6] ^= 0xFF  # the CRC no longer matches
                f.write(bytes(member))
        paths.append(path)
    return paths, len(names)
