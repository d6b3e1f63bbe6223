#!/usr/bin/env bash
# Seeds the fuzz corpora from the example cases (tests/cases/*.json) and, when
# present, the evidence fixtures (tests/fixtures/*). Idempotent; the corpora
# live in fuzz/corpus/ (not committed).
set -euo pipefail
cd "$(dirname "$0")"
for t in authorize registered callback analyze share evidence; do mkdir -p "corpus/$t"; done
for f in ../tests/cases/*.json; do
  n=$(basename "$f" .json)
  for k in authorize registered callback; do
    jq -j --arg k "$k" '.[$k] // empty' "$f" > "corpus/$k/$n"
    [ -s "corpus/$k/$n" ] || rm -f "corpus/$k/$n"
  done
  # analyze: the fields joined by 0xFF, in CaseInput order.
  { jq -j '.authorize // ""' "$f"; printf '\xff'; jq -j '.registered // ""' "$f"; printf '\xff'
    jq -j '.callback // ""' "$f"; printf '\xff'; jq -j '.audience // ""' "$f"; printf '\xff'
    jq -j '.evidence // ""' "$f"; } > "corpus/analyze/$n"
  jq -j '.evidence // empty' "$f" > "corpus/evidence/$n"
  [ -s "corpus/evidence/$n" ] || rm -f "corpus/evidence/$n"
done
if [ -d ../tests/fixtures ]; then
  find ../tests/fixtures -type f | while read -r f; do
    n=$(basename "$f")
    head -c 65536 "$f" > "corpus/evidence/$n"
    { printf '\xff\xff\xff\xff'; head -c 65536 "$f"; } > "corpus/analyze/fixture-$n"
  done
fi
# Landing URLs and error texts of the kinds the callback box gets.
printf '%s' 'https://app.contoso.com/cb?error=access_denied&error_description=AADSTS65004%3a+User+declined+to+consent.%0d%0aTrace+ID%3a+1d2e&state=8f1c' > corpus/callback/error-redirect
printf '%s' 'http://localhost:3000/#code=0.AX&client_info=eyJ&state=abc&session_state=x' > corpus/callback/fragment-code
printf '%s' 'code=0.AX&state=s1' > corpus/callback/form-body
printf '%s' 'BrowserAuthError: hash_empty_error: Hash value cannot be processed because it is empty.' > corpus/callback/msal-error
printf '%s' 'AADSTS50011: The redirect URI '"'"'http://a/cb'"'"' specified in the request does not match' > corpus/callback/aadsts-text
# share: the fragments of share links, when the share codec has example links.
if [ -d ../tests/share ]; then
  for f in ../tests/share/*; do [ -f "$f" ] && cp "$f" "corpus/share/$(basename "$f")"; done
fi
printf 'v1.' > corpus/share/prefix-only
for t in authorize registered callback analyze share evidence; do
  echo "$t: $(ls "corpus/$t" | wc -l) seeds"
done
