#!/usr/bin/env python3
"""Writes a large .warc.gz of real saved WordPress pages, for the memory and core-use figures
of a crawl: the 437 WCXB pages of ../shared/benchmarks/wcxb-wp/dev (their own addresses),
cycled with a fresh query string until the file reaches the size asked for, one gzip member
per record (warcinfo, then request/response pairs), as crawlers write them.

    python3 scripts/make-pages-warc.py /tmp/pages.warc.gz 1000     # about 1000 MB
    /usr/bin/time -f '%M KB peak, %e s, %P CPU' target/release/wpclean -q /tmp/pages.warc.gz > /dev/null
"""
import glob, gzip, json, os, sys, uuid
from datetime import datetime, timezone

out, mb = sys.argv[1], float(sys.argv[2])
here = os.path.dirname(os.path.abspath(__file__))
dev = os.path.join(here, "..", "..", "shared", "benchmarks", "wcxb-wp", "dev")
pages = []
for g in sorted(glob.glob(os.path.join(dev, "ground-truth", "*.json"))):
    fid = os.path.basename(g)[:-5]
    url = json.load(open(g))["url"]
    html = gzip.open(os.path.join(dev, "html", fid + ".html.gz")).read()
    pages.append((url, html))
if not pages:
    sys.exit(f"no pages under {dev}: this script needs ../shared beside the checkout")


def record(kind, uri, block, content_type):
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Date: {datetime.now(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')}\r\n"
        + (f"WARC-Target-URI: {uri}\r\n" if uri else "")
        + f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + block + b"\r\n\r\n", compresslevel=1)


size = 0
n = 0
with open(out, "wb") as f:
    f.write(record("warcinfo", None, b"software: wpclean scripts/make-pages-warc.py\r\n", "application/warc-fields"))
    while size < mb * 1e6:
        url, html = pages[n % len(pages)]
        uri = f"{url}{'&' if '?' in url else '?'}copy={n}"
        req = f"GET /{n} HTTP/1.1\r\nHost: example\r\n\r\n".encode()
        resp = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n" + f"Content-Length: {len(html)}\r\n\r\n".encode() + html
        for rec in (record("request", uri, req, "application/http; msgtype=request"), record("response", uri, resp, "application/http; msgtype=response")):
            f.write(rec)
            size += len(rec)
        n += 1
print(f"{out}: {n} pages, {size / 1e6:.0f} MB")
