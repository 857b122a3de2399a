#!/usr/bin/env bash
# CI for the Python package: a fresh venv, the pinned test dependencies, the wheel built and
# installed as a user would (`pip install ./python`), then pytest. Run from anywhere; needs
# Rust, Python >= 3.9 and Java 17 (for the Spark test). Honours CARGO_TARGET_DIR.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
target="${CARGO_TARGET_DIR:-$root/target}"
venv="$target/py-venv"
python="${PYTHON:-python3}"

rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements-test.txt"
if [ "${WPCLEAN_RAY:-0}" = 1 ]; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements-ray.txt"
fi

# The wheel, built by pip through maturin exactly as `pip install ./python` does; the Rust
# build shares the repository's target directory.
CARGO_TARGET_DIR="$target" "$venv/bin/pip" install --quiet --disable-pip-version-check "$here"

# The parity tests compare with the command built from this checkout.
(cd "$root" && cargo build --quiet --bin wpclean --features parquet)
export WPCLEAN_BIN="$target/debug/wpclean"

cd "$here"
set +e
# The pytest script, not `python -m pytest`: that would put this folder on sys.path and
# import the source tree (which has no compiled module) instead of the installed wheel.
"$venv/bin/pytest" -q -rs tests
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "python: pytest collected no tests" >&2
  exit 1
fi
exit "$status"
