#!/usr/bin/env bash
# Load test: gunicorn (2 workers, on 127.0.0.1 only) serves the generated data set to signed-in
# leaders; wrk (Debian: apt-get install -y wrk) drives it for a bounded time, three ways:
#   1. the mix (`python -m bench.load urls`: both ranking tabs, further pages, area and unit
#      filters, explanation pages) while a council member saves a sheet of scores through the
#      admin scoring form once a second (`python -m bench.load score`), so the ranking changes
#      every second, as during scoring: the figure the target is about;
#   2. the same mix with no one scoring (every page from the cache once rendered);
#   3. a page with nothing but the site's frame (4 queries): the most this stack and machine can
#      serve, against which the others read.
# Run from the project root after `python -m bench.generate`; DATABASE_URL selects the database.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.venv/bin}
PORT=${BENCH_PORT:-8799}
SECONDS_EACH=${BENCH_DURATION:-20}  # seconds per run
SECONDS_EACH=${SECONDS_EACH%s}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
PAGES=${BENCH_PAGES:-4}  # the individuals' pages 1..N in the mix
LEADERS=${BENCH_LEADERS:-"bench-leader1 bench-leader2 bench-leader3 bench-leader4"}
PASSWORD=${BENCH_PASSWORD:-bench-password}  # bench.generate.PASSWORD
FRAME=/doi-mat-khau/xong/  # the password-changed notice: base.html and the signed-in user, nothing else
BASE=http://127.0.0.1:$PORT

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
export DEBUG=0 LOG_LEVEL=WARNING VAR_DIR=${VAR_DIR:-$PWD/var/bench}

work=$(mktemp -d)
"$BIN/gunicorn" config.wsgi --bind "127.0.0.1:$PORT" --workers 2 --log-level warning &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT

for _ in $(seq 60); do
  curl -fso /dev/null "$BASE/dang-nhap/" && break
  sleep 0.5
done

"$BIN/python" -m bench.load urls --pages "$PAGES" >"$work/urls"
export BENCH_URLS=$work/urls

# Sign each leader in through the login form, as a browser would; keep the session cookie.
cookies=()
for leader in $LEADERS; do
  jar=$work/$leader
  token=$(curl -fs -c "$jar" "$BASE/dang-nhap/" | sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fso /dev/null -b "$jar" -c "$jar" --data-urlencode "csrfmiddlewaretoken=$token" \
    --data-urlencode "username=$leader" --data-urlencode "password=$PASSWORD" "$BASE/dang-nhap/"
  cookie=$(awk '$6 == "sessionid" || $6 == "csrftoken" {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$jar")
  cookies+=("$cookie")
done
# Every page of the mix answers 200 to a signed-in leader (and is rendered once, as wrk's first
# requests would).
while read -r path; do
  status=$(curl -so /dev/null -w '%{http_code}' -H "Cookie: ${cookies[0]}" "$BASE$path")
  [ "$status" = 200 ] || { echo "GET $path answered HTTP $status to a signed-in leader" >&2; exit 1; }
done <"$work/urls"

export BENCH_COOKIES
BENCH_COOKIES=$(IFS='|'; echo "${cookies[*]}")
drive() {  # drive URL: wrk's run, its figures printed by bench/load.lua
  wrk --threads "$THREADS" --connections "$CONNECTIONS" --duration "${SECONDS_EACH}s" --timeout 10s \
    --script bench/load.lua "$1"
}
mix="$(sort -u "$work/urls" | wc -l) pages ($(wc -l <"$work/urls") in the rotation)"

echo
echo "Load 1: the mix of $mix as ${#cookies[@]} signed-in leaders while a council member saves scores"
echo "every second; $CONNECTIONS connections, $THREADS threads, ${SECONDS_EACH} s. Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN/python" -m bench.load score --base "$BASE" --seconds "$SECONDS_EACH" >"$work/scorer" &
scorer=$!
for _ in $(seq 120); do
  grep -q ready "$work/scorer" 2>/dev/null && break
  kill -0 "$scorer" 2>/dev/null || break
  sleep 0.25
done
grep -q ready "$work/scorer" || { wait "$scorer"; echo "the scorer did not start" >&2; exit 1; }
drive "$BASE/"
wait "$scorer"
grep -v ready "$work/scorer"

echo
echo "Load 2: the same mix, no one scoring. Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
drive "$BASE/"

echo
echo "Load 3 (calibration): GET $FRAME, the site's frame alone. Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
BENCH_URLS="" drive "$BASE$FRAME"
echo "Load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
