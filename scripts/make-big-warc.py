#!/usr/bin/env python3
"""Writes a large .warc.gz for the reader's throughput figure (examples/warc_read.rs):
request/response pairs of WordPress-like pages (the fixture post, fixtures/warc/site/,
padded with pseudo-random paragraphs to about 60 KB of HTML, a fixed seed), a 404 every tenth
pair, one gzip member per record, until the file reaches the size asked for.

    python3 scripts/make-big-warc.py OUT.warc.gz [MEGABYTES]   # default 200
"""
import gzip
import random
import sys
import uuid
from pathlib import Path

out = Path(sys.argv[1])
target = int(sys.argv[2] if len(sys.argv) > 2 else 200) * 1_000_000
root = Path(__file__).resolve().parent.parent / "fixtures" / "warc" / "site"
post = (root / "2024/05/hello-world/index.html").read_text()
words = sorted(set(" ".join(p.read_text(errors="ignore") for p in root.rglob("*.html")).split()))
words += ("the of and to in is that for it as was with be by on not he this are or his from at "
          "which but have an they you were her she there been one all we their").split()
rng = random.Random(7)


def record(kind, uri, block: bytes, extra="") -> bytes:
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}>\r\n"
            f"WARC-Date: 2024-05-02T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n{extra}"
            f"Content-Length: {len(block)}\r\n\r\n")
    return gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=6, mtime=0)


with open(out, "wb") as f:
    n = 0
    while f.tell() < target:
        uri = f"https://example.com/2024/05/post-{n}/"
        paragraphs = "\n".join("<p>" + " ".join(rng.choices(words, k=120)) + "</p>"
                               for _ in range(60))
        html = post.replace("<p>Welcome", paragraphs + "\n<p>Welcome").encode()
        status = "404 Not Found" if n % 10 == 9 else "200 OK"
        response = (f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=UTF-8\r\n"
                    f"Content-Length: {len(html)}\r\n\r\n").encode() + html
        request = f"GET /2024/05/post-{n}/ HTTP/1.1\r\nHost: example.com\r\n\r\n".encode()
        f.write(record("request", uri, request, "Content-Type: application/http; msgtype=request\r\n"))
        f.write(record("response", uri, response,
                       "Content-Type: application/http; msgtype=response\r\n"))
        n += 1
print(f"{out}: {out.stat().st_size / 1e6:.1f} MB, {n} responses")
