"""The load test's mix of pages and its writer, beside wrk (``bench/load.sh`` runs them).

``python -m bench.load urls [--pages N]`` prints the paths wrk requests, one a line; a path
listed twice is requested twice as often. ``python -m bench.load score --base URL --seconds S``
is a council member at work while wrk runs: signed in through the login form, they save a full
sheet of scores through the admin scoring form once a second, with the session cookie and CSRF
token a browser sends, and follow the redirect back to the form; then it prints how many saves
were taken and how long they took. Each save changes every score of the sheet, so the ranking's
version moves on every second and every cached table goes stale.
"""

import argparse
import http.cookiejar
import re
import statistics
import time
import urllib.error
import urllib.parse
import urllib.request

from awards.queries.ranking import ranking
from awards.views import PAGE_SIZE
from bench import cases
from bench.generate import MEMBERS, PASSWORD
from campaigns.enums import ParticipantKind
from campaigns.models import Unit

TABS_WEIGHT = 3  # each tab's first page, the one leaders open most, is requested this many times as often


def mix(pages: int) -> list[str]:
    """The paths of the mix: both tabs (individuals, collectives), the individuals' pages 2 to
    ``pages`` (as many as exist), each tab filtered by the first two reform areas and by the
    first department's subtree, and the explanation of each kind's busiest participant."""
    campaign = cases.bench_campaign()
    tabs = [cases.ranking_url(kind) for kind in cases.KINDS]
    individuals = ranking(campaign, ParticipantKind.INDIVIDUAL)[1]
    last = min(pages, max((individuals + PAGE_SIZE - 1) // PAGE_SIZE, 1))
    department = Unit.objects.filter(agency=campaign.agency, parent__parent__isnull=True, parent__isnull=False)
    unit = department.order_by("order", "code").values_list("code", flat=True).first()
    return [
        *tabs * TABS_WEIGHT,
        *(f"{tabs[0]}&trang={page}" for page in range(2, last + 1)),
        *(f"{tab}&noi-dung={area}" for tab in tabs for area in (1, 2)),
        *(f"{tab}&don-vi={unit}" for tab in tabs),
        *(cases.explain_url(kind) for kind in cases.KINDS),
    ]


class Browser:
    """Cookies kept, redirects not followed (a taken form answers 302, a refused one 200)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self._NoRedirect()
        )

    def open(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        """Status, body and the redirect's target of a GET, or of a POST when ``data`` is given."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=10) as response:
                return response.status, response.read().decode(), ""
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read().decode(errors="replace"), answer.headers.get("Location", "")

    def token(self, path: str) -> str:
        status, body, _ = self.open(path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not found:
            raise SystemExit(f"GET {path} answered {status} without a CSRF token.")
        return found.group(1)


def score(base: str, seconds: int) -> None:
    browser = Browser(base)
    login = "/dang-nhap/"
    status, _, _ = browser.open(
        login, {"csrfmiddlewaretoken": browser.token(login), "username": MEMBERS[0], "password": PASSWORD}
    )
    if status != 302:
        raise SystemExit(f"{MEMBERS[0]} could not sign in (HTTP {status}).")
    url, sheets = cases.scoring_url(), cases.score_sheets()
    token = browser.token(url)
    print("ready", flush=True)  # load.sh starts wrk now
    saves, failed = [], 0
    start = time.monotonic()
    for second in range(seconds):
        before = time.perf_counter()
        status, _, target = browser.open(url, {"csrfmiddlewaretoken": token, **sheets[len(saves) % 2]})
        if status == 302:
            saves.append(time.perf_counter() - before)
            browser.open(urllib.parse.urlsplit(target).path or url)  # the browser shows the form again
        else:
            failed += 1
        time.sleep(max(start + second + 1 - time.monotonic(), 0))
    if len(saves) % 2:  # put the scores back as they were generated
        browser.open(url, {"csrfmiddlewaretoken": token, **sheets[1]})
    ms = sorted(s * 1000 for s in saves)
    summary = (
        f"median {statistics.median(ms):.0f} ms, 90th percentile {ms[int(len(ms) * 0.9)]:.0f} ms, "
        f"slowest {ms[-1]:.0f} ms"
        if ms
        else "none taken"
    )
    print(f"score saves (admin form POST, once a second): {len(saves)} taken, {failed} refused or failed; {summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    urls = commands.add_parser("urls", help="print the mix's paths")
    urls.add_argument("--pages", type=int, default=4, help="the individuals' pages 1 to N in the mix")
    writer = commands.add_parser("score", help="save scores once a second")
    writer.add_argument("--base", required=True, help="the server's address, e.g. http://127.0.0.1:8799")
    writer.add_argument("--seconds", type=int, required=True)
    options = parser.parse_args()
    if options.command == "urls":
        print("\n".join(mix(options.pages)))
    else:
        score(options.base, options.seconds)


if __name__ == "__main__":
    main()
