#!/usr/bin/env bash
# Load test: gunicorn (2 workers, on 127.0.0.1 only) serves the ranking page of the generated data
# set to signed-in leaders; wrk (Debian: apt-get install -y wrk) drives it for a bounded time. Then
# the same for a page with nothing but the site's frame (4 queries): the most this stack and
# machine can serve, against which the ranking page's figure reads.
# Run from the project root after `python -m bench.generate`; DATABASE_URL selects the database.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.venv/bin}
PORT=${BENCH_PORT:-8799}
DURATION=${BENCH_DURATION:-20s}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
LEADERS=${BENCH_LEADERS:-"bench-leader1 bench-leader2 bench-leader3 bench-leader4"}
PASSWORD=${BENCH_PASSWORD:-bench-password}  # bench.generate.PASSWORD
PAGE=/xep-hang/bench-tinh/?loai=ca-nhan
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

# Sign each leader in through the login form, as a browser would; keep the session cookie.
cookies=()
for leader in $LEADERS; do
  jar=$work/$leader
  token=$(curl -fs -c "$jar" "$BASE/dang-nhap/" | sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fso /dev/null -b "$jar" -c "$jar" --data-urlencode "csrfmiddlewaretoken=$token" \
    --data-urlencode "username=$leader" --data-urlencode "password=$PASSWORD" "$BASE/dang-nhap/"
  cookie=$(awk '$6 == "sessionid" || $6 == "csrftoken" {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$jar")
  status=$(curl -so /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$BASE$PAGE")
  [ "$status" = 200 ] || { echo "$leader could not open the ranking page after signing in (HTTP $status)" >&2; exit 1; }
  cookies+=("$cookie")
done

export BENCH_COOKIES
BENCH_COOKIES=$(IFS='|'; echo "${cookies[*]}")
for page in "$PAGE" "$FRAME"; do
  echo
  echo "Load: GET $page as ${#cookies[@]} signed-in leaders, $CONNECTIONS connections, $THREADS threads, $DURATION"
  wrk --threads "$THREADS" --connections "$CONNECTIONS" --duration "$DURATION" --timeout 10s \
    --script bench/load.lua "$BASE$page"
done
echo "Load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
