#!/usr/bin/env bash
# Seeds each fuzz target's corpus (fuzz/corpus/TARGET/) from the project's fixtures and
# shipped check files, in the input format each target reads (see its //! comment). Safe
# to run again: it only adds files named seed-*.
set -euo pipefail
cd "$(dirname "$0")"
root=..
seed() { # seed TARGET NAME: the file's content comes on stdin
  mkdir -p "corpus/$1"
  cat >"corpus/$1/seed-$2"
}
# The byte that stands for an HTTP status in the search and detection targets: its index
# in contracts::STATUSES.
status_byte() {
  local list i=0
  list=$(sed -n '/^pub const STATUSES/,/^];/{/^pub const/d;p}' "$root/tests/it/support/contracts.rs" |
    tr -c '0-9\n' ' ' | tr -s ' ' '\n' | sed '/^$/d')
  for s in $list; do
    if [ "$s" = "$1" ]; then printf "\\$(printf '%03o' "$i")"; return; fi
    i=$((i + 1))
  done
  echo "status $1 is not in contracts::STATUSES" >&2
  exit 1
}

for f in "$root"/fixtures/subjects/*.toml; do
  seed subject_file "$(basename "$f")" <"$f"
  sed -n 's/^name = "\(.*\)"$/\1/p' "$f" | seed name "$(basename "$f" .toml)"
done
printf "Elizabeth O'Brien-Smith\nJones\nLizzie\nMs" | seed name lines
printf 'Zoë van der Berg-Ó Briain Jr' | seed name particles

for f in "$root"/fixtures/answers/*; do seed answers "$(basename "$f")" <"$f"; done

for f in "$root"/checks/*.toml "$root"/fixtures/checks/*/*.toml; do
  seed check_files "$(basename "$(dirname "$f")")-$(basename "$f")" <"$f"
done
{ cat "$root/fixtures/checks/invalid/twin_a.toml"; printf '\0'; cat "$root/fixtures/checks/invalid/twin_b.toml"; } |
  seed check_files twins

for f in "$root"/fixtures/sites/wmn-*.json "$root"/fixtures/sites/not-a-list.json; do
  seed import_wmn "$(basename "$f")" <"$f"
done
seed import_sherlock sherlock-small.json <"$root/fixtures/sites/sherlock-small.json"
seed import_maigret maigret-small.json <"$root/fixtures/sites/maigret-small.json"

for f in "$root"/fixtures/search/ddg-*.html; do
  { status_byte 200; cat "$f"; } | seed search_duckduckgo "$(basename "$f")"
done
{ status_byte 202; cat "$root/fixtures/search/ddg-challenge.html"; } | seed search_duckduckgo challenge-202
for f in "$root"/fixtures/search/searxng-*.json; do
  { status_byte 200; cat "$f"; } | seed search_searxng "$(basename "$f")"
done
{ status_byte 500; printf '{"error": "engines failed"}'; } | seed search_searxng error-500
{ status_byte 200; cat "$root/fixtures/search/brave-results.json"; } | seed search_brave results
{ status_byte 422; printf '{"error": {"detail": "bad", "meta": {"errors": [{"msg": "q"}]}}}'; } |
  seed search_brave error-422

# Detection: site byte, status byte, flags byte, then username, final URL, one more hop, body.
judge() { # judge NAME SITE STATUS FLAGS USERNAME FINAL_URL HOP < body
  { printf "\\$(printf '%03o' "$2")"; status_byte "$3"; printf "\\$(printf '%03o' "$4")"
    printf '%s\n%s\n%s\n' "$5" "$6" "$7"; cat; } | seed detect_judge "$1"
}
profile='<html><head><meta property="og:type" content="profile"><title>@janesmith</title></head><body data-username="janesmith">12 posts</body></html>'
for site in 0 5 10 20 30 40; do
  printf '%s' "$profile" | judge "profile-$site" "$site" 200 0 janesmith "https://example.test/janesmith" ""
  printf 'no such user' | judge "missing-$site" "$site" 404 0 janesmith "https://example.test/janesmith" ""
  printf '<form><input type="password">Log in</form>' |
    judge "login-$site" "$site" 200 1 janesmith "https://example.test/accounts/login/?next=x" "https://example.test/janesmith"
done
judge cloudflare 3 403 6 janesmith "https://example.test/janesmith" "" <"$root/fixtures/search/ddg-challenge.html"
printf 'Too many requests' | judge rate-limited 7 429 0 janesmith "https://example.test/janesmith" ""

echo "seeded: $(find corpus -name 'seed-*' | wc -l) files in $(find corpus -mindepth 1 -maxdepth 1 -type d | wc -l) corpora"
