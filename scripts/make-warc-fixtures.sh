#!/usr/bin/env bash
# Writes the WARC fixtures of fixtures/warc/ (see fixtures/warc/README.md):
#  - wget-site.warc.gz and wget-site.cdx: Debian's wget crawling the pages of
#    fixtures/warc/site/, served by `python3 -m http.server` on 127.0.0.1 only;
#  - the warcio cases, by scripts/make-warc-fixtures.py (warcio installed in a venv
#    under /tmp).
#   scripts/make-warc-fixtures.sh
# Needs wget (apt-get install -y wget) and python3 with venv. Nothing else is fetched.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8765}"
out="$PWD/fixtures/warc"
tmp="$(mktemp -d)"

python3 -m http.server "$port" --bind 127.0.0.1 --directory fixtures/warc/site \
  >"$tmp/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" \
    2>/dev/null && break
  sleep 0.1
done

# wget exits 8 when a link gives 404, and 3 when it cannot save the redirected address
# `/2024/05/hello-world` as a file beside the folder of the same name: both on purpose.
rc=0
(cd "$tmp" && wget --recursive --level=3 --page-requisites --no-verbose \
  --warc-file=wget-site --warc-cdx --directory-prefix=mirror \
  "http://127.0.0.1:$port/") || rc=$?
case "$rc" in 0 | 3 | 8) ;; *) exit "$rc" ;; esac
cp "$tmp/wget-site.warc.gz" "$tmp/wget-site.cdx" "$out/"

venv="${WARCIO_VENV:-/tmp/warcio-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet warcio==1.8.1 brotli==1.2.1
"$venv/bin/python" scripts/make-warc-fixtures.py "$out"
ls -l "$out"
