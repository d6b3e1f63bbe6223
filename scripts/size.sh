#!/usr/bin/env bash
# Prints the gzip -9 size of every file of the release build and the total, and fails when
# the total is over the budget (250 KB = 256000 bytes unless SIZE_BUDGET says otherwise).
#
#   scripts/size.sh [DIST_DIR]
set -euo pipefail

dist="${1:-dist}"
budget="${SIZE_BUDGET:-256000}"

if [ ! -f "$dist/index.html" ]; then
  echo "size: $dist/index.html is missing; run make dist first" >&2
  exit 1
fi

rows="$(
  cd "$dist"
  find . -type f | sort | while IFS= read -r file; do
    printf '%s\t%s\t%s\n' "$(gzip -9 -c -- "$file" | wc -c)" "$(wc -c < "$file")" "${file#./}"
  done | sort -t $'\t' -k1,1nr
)"
if [ -z "$rows" ]; then
  echo "size: $dist is empty" >&2
  exit 1
fi

total_gz=0
total_raw=0
printf '%10s %10s  %s\n' "gzip -9" "raw" "file ($dist/)"
while IFS=$'\t' read -r gz raw file; do
  printf '%10d %10d  %s\n' "$gz" "$raw" "$file"
  total_gz=$((total_gz + gz))
  total_raw=$((total_raw + raw))
done <<< "$rows"
printf '%10d %10d  %s\n' "$total_gz" "$total_raw" "total"
printf 'budget: %d bytes gzip -9 (%d.%d KB of %d KB used)\n' "$budget" \
  $((total_gz / 1024)) $(((total_gz % 1024) * 10 / 1024)) $((budget / 1024))

if [ "$total_gz" -gt "$budget" ]; then
  echo "size: FAIL: the total gzip size $total_gz is over the budget of $budget bytes" >&2
  exit 1
fi
echo "size: ok"
