#!/usr/bin/env bash
# Whole process, one thread, whole saved pages: `wpclean -j 1 -q FOLDER` against rs-trafilatura
# 0.2.2 (benches/versus-pages/, a Rust port of trafilatura) on the same folder of WCXB's 437
# saved WordPress pages, run alternately so that load on the machine falls on both alike.
# Prints each round's wall time, the medians, each side's MB/s (uncompressed page bytes over
# the median), the throughput ratio, and the median of each round's own ratio.
#
#   benches/pages.sh [ROUNDS]            (default: 5 rounds each)
#   CALLGRIND=1 benches/pages.sh         (also, once, both processes' instruction counts under
#                                         valgrind --tool=callgrind: a ratio load does not move)
#
# Needs ../shared/benchmarks/wcxb-wp beside the checkout; the pages are unpacked once into
# $target/pages-bench/ (NNNN.html, with each page's address in a NNNN.url sidecar that
# rs-trafilatura's side reads and wpclean's folder walk ignores).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
target="${CARGO_TARGET_DIR:-target}"
wcxb=../shared/benchmarks/wcxb-wp/dev
if [[ ! -d "$wcxb/html" || ! -d "$wcxb/ground-truth" ]]; then
  echo "pages.sh: $wcxb/html and $wcxb/ground-truth are needed (WCXB's saved WordPress pages" \
    "beside the checkout, in ../shared); not found, nothing measured" >&2
  exit 1
fi
nice -n 10 cargo build --release --quiet --bin wpclean
nice -n 10 cargo build --release --quiet --manifest-path benches/versus-pages/Cargo.toml \
  --target-dir "$target/versus-pages"
pages="$target/pages-bench"
if [[ ! -f "$pages/.complete" ]]; then
  rm -rf "$pages"
  mkdir -p "$pages"
  python3 - "$wcxb" "$pages" <<'PY'
import glob, gzip, json, os, sys
src, out = sys.argv[1], sys.argv[2]
for gz in sorted(glob.glob(os.path.join(src, "html", "*.html.gz"))):
    fid = os.path.basename(gz)[: -len(".html.gz")]
    open(os.path.join(out, fid + ".html"), "wb").write(gzip.open(gz).read())
    gt = os.path.join(src, "ground-truth", fid + ".json")
    if os.path.exists(gt):
        open(os.path.join(out, fid + ".url"), "w").write(json.load(open(gt))["url"] + "\n")
PY
  touch "$pages/.complete"
fi
n=$(find "$pages" -maxdepth 1 -name '*.html' | wc -l)
bytes=$(find "$pages" -maxdepth 1 -name '*.html' -printf '%s\n' | awk '{s += $1} END {print s}')
printf 'pages: %d saved pages, %.1f MB uncompressed (%s)\n' "$n" "$(echo "$bytes / 1000000" | bc -l)" "$pages"
wpclean=("$target/release/wpclean" -j 1 -q "$pages")
versus=("$target/versus-pages/release/wpclean-versus-pages" "$pages")
time_of() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
w=() r=()
for ((i = 1; i <= rounds; i++)); do
  w+=("$(time_of "${wpclean[@]}")")
  r+=("$(time_of "${versus[@]}")")
  printf 'round %d: wpclean %.3f s, rs-trafilatura %.3f s\n' "$i" "${w[-1]}" "${r[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mw=$(median "${w[@]}")
mr=$(median "${r[@]}")
printf 'median: wpclean %.3f s (%.2f MB/s), rs-trafilatura %.3f s (%.2f MB/s)\n' \
  "$mw" "$(echo "$bytes / 1000000 / $mw" | bc -l)" "$mr" "$(echo "$bytes / 1000000 / $mr" | bc -l)"
printf 'wpclean is %.2fx the throughput of rs-trafilatura\n' "$(echo "$mr / $mw" | bc -l)"
# Each round's two runs are back to back, so they share that moment's load: the median of the
# rounds' own ratios moves less with the machine's load than the ratio of the medians.
ratios=()
for ((i = 0; i < rounds; i++)); do ratios+=("$(echo "${r[i]} / ${w[i]}" | bc -l)"); done
printf 'median of the rounds'"'"' ratios: %.2fx\n' "$(median "${ratios[@]}")"
if [[ "${CALLGRIND:-}" == 1 ]]; then
  if ! command -v valgrind >/dev/null; then
    echo "CALLGRIND=1 but valgrind is not installed: instruction counts skipped" >&2
    exit 0
  fi
  instructions() {
    local out="$target/pages-bench.callgrind.out"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>&1
    awk '/^summary:/ {print $2}' "$out"
    rm -f "$out"
  }
  iw=$(instructions "${wpclean[@]}")
  ir=$(instructions "${versus[@]}")
  printf 'callgrind: wpclean %sM instructions, rs-trafilatura %sM: rs-trafilatura takes %.2fx the instructions of wpclean\n' \
    "$((iw / 1000000))" "$((ir / 1000000))" "$(echo "$ir / $iw" | bc -l)"
fi
