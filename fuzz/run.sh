#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (default 60 s each), seeded from fixtures/.
#   fuzz/run.sh [SECONDS] [TARGET...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain the instrumentation
# flags are allowed with RUSTC_BOOTSTRAP=1, and the address sanitizer is left off.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(post_json html wxr warc page tokenizers)

# Seed corpora from the fixtures.
mkdir -p corpus/post_json corpus/html corpus/wxr corpus/warc corpus/page corpus/tokenizers
cp ../fixtures/seed-post.json corpus/post_json/ 2>/dev/null || true
for f in ../fixtures/plugins/*/*.html; do cp "$f" "corpus/html/$(basename "$(dirname "$f")")-$(basename "$f")"; done
cp ../fixtures/wxr/*.xml corpus/wxr/
cp ../fixtures/warc/*.warc ../fixtures/warc/*.warc.gz corpus/warc/
cp ../fixtures/pages/*.html ../fixtures/charset/*.html corpus/page/
cp ../fixtures/pages/*.html corpus/tokenizers/
for f in ../fixtures/plugins/*/*.html; do cp "$f" "corpus/tokenizers/$(basename "$(dirname "$f")")-$(basename "$f")"; done

export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  echo "== $t: ${secs}s"
  cargo fuzz run --sanitizer none "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 2>&1 | grep -E "^#[0-9]+ +DONE|^Done|SUMMARY|ERROR|panicked" || true
done
