#!/usr/bin/env bash
# Round trip of the national demo world through the exchange format, on the embedded database:
# generate → import into an empty database → export → import the export into another empty database →
# export again, and check that the two exports are identical. Prints how long each step took.
#
#   scripts/roundtrip-check.sh                  # 40,000 units, seed 1
#   UNITS=2000 SEED=3 scripts/roundtrip-check.sh
#   KEEP=1 scripts/roundtrip-check.sh           # keep the work directory to look at
set -euo pipefail
cd "$(dirname "$0")/.."

UNITS="${UNITS:-40000}"
SEED="${SEED:-1}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/vaka-roundtrip-XXXXXX")"
if [ "${KEEP:-}" = 1 ]; then
  echo "Work directory: $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi

# Always the embedded database, never a configured server; no demo world loaded behind our back.
unset DATABASE_URL
export VAKA_DEMO=false

step() {
  local label="$1" log="$WORK/$2.log"
  shift 2
  local start end
  start=$(date +%s.%N)
  if ! "$@" 2>"$log"; then
    echo "FAILED: $label (log follows)" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  printf '%-44s %6.1f s\n' "$label" "$(echo "$end - $start" | bc)"
}

step "generate $UNITS units (seed $SEED)" generate npx vaka demo generate --to "$WORK/world" --units "$UNITS" --seed "$SEED"
step "import the world into an empty database" import1 env VAKA_DATA_DIR="$WORK/db1" npx vaka import --from "$WORK/world"
step "export it" export1 env VAKA_DATA_DIR="$WORK/db1" npx vaka export --to "$WORK/export1"
step "import the export into another empty database" import2 env VAKA_DATA_DIR="$WORK/db2" npx vaka import --from "$WORK/export1"
step "export that" export2 env VAKA_DATA_DIR="$WORK/db2" npx vaka export --to "$WORK/export2"
step "import the export again (must change nothing)" import3 env VAKA_DATA_DIR="$WORK/db2" npx vaka import --from "$WORK/export1"

grep '^Imported:' "$WORK/import1.log"
grep '^Imported:' "$WORK/import3.log"
if grep '^Imported:' "$WORK/import3.log" | grep -Eq '"(inserted|updated)":[1-9]'; then
  echo "FAILED: importing the same directory twice changed rows" >&2
  exit 1
fi

echo
wc -l "$WORK"/export1/*.jsonl | sed 's/^/  /'
if diff -r "$WORK/export1" "$WORK/export2" >"$WORK/diff.txt"; then
  echo "OK: the two exports are identical."
else
  echo "FAILED: the exports differ:" >&2
  head -n 40 "$WORK/diff.txt" >&2
  exit 1
fi
# For information: the generator writes the same format, so its files should come back unchanged too.
if diff -r --exclude=truth.json "$WORK/world" "$WORK/export1" >/dev/null; then
  echo "(The export is also byte-identical to the generated world.)"
else
  echo "(Note: the export differs from the generated files in order or formatting; content round-trips above.)"
fi
