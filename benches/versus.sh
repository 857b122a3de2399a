#!/usr/bin/env bash
# Whole process, one thread: `wpclean -j 1 -q` against dom_smoothie 0.19's readability pass
# (benches/versus/) on the same REST export, run alternately so that load on the machine falls
# on both alike. Prints each run's wall time, the medians and their ratio.
#
#   benches/versus.sh [MB] [ROUNDS]     (default: a 20 MB export, 3 rounds each)
#
# The export is built from the 214 WCXB posts of ../shared/benchmarks/wcxb-wp when present,
# else from the shipped seed post, cycled with fresh ids.
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-20}"
rounds="${2:-3}"
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet --bin wpclean
cargo build --release --quiet --manifest-path benches/versus/Cargo.toml --target-dir "$target/versus"
export_file="$target/versus-export.json"
python3 - "$mb" "$export_file" <<'PY'
import json, os, sys
mb, out = int(sys.argv[1]), sys.argv[2]
wcxb = "../shared/benchmarks/wcxb-wp/dev-rest-posts.json"
if os.path.exists(wcxb):
    source = json.load(open(wcxb))
else:
    source = [json.load(open("fixtures/seed-post.json"))]
size, n, lines = 0, 0, []
while size < mb * 1_000_000:
    post = dict(source[n % len(source)])
    post["id"] = n + 1
    line = json.dumps(post, ensure_ascii=False)
    lines.append(line)
    size += len(line.encode()) + 2
    n += 1
open(out, "w").write("[" + ",\n".join(lines) + "]\n")
print(f"export: {n} posts, {size / 1e6:.1f} MB ({len(source)} source posts)")
PY
time_of() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
w=() d=()
for ((i = 1; i <= rounds; i++)); do
  w+=("$(time_of "$target/release/wpclean" -j 1 -q "$export_file")")
  d+=("$(time_of "$target/versus/release/wpclean-versus" "$export_file")")
  printf 'round %d: wpclean %.2f s, dom_smoothie %.2f s\n' "$i" "${w[-1]}" "${d[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mw=$(median "${w[@]}")
md=$(median "${d[@]}")
printf 'median: wpclean %.2f s, dom_smoothie %.2f s: wpclean is %.2fx the speed of dom_smoothie\n' \
  "$mw" "$md" "$(echo "$md / $mw" | bc -l)"
