"""Each persona in a browser context of their own, signed in through the sign-in page.

Every page a step shows is also audited as that persona: axe-core's WCAG 2.1 A/AA rules (no
serious or critical violation) and every link and form target on it answers without a 404 or 500.
"""

from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

from axe_playwright_python.sync_playwright import Axe

PASSWORD = "mat-khau-thu"  # tests.factories.UserFactory's password
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BLOCKING = {"serious", "critical"}
PHONE = {"width": 390, "height": 844}


class Browser:
    def __init__(self, chromium, *, base_url: str, screenshots: Path):
        self.chromium, self.base_url, self.screenshots = chromium, base_url, screenshots
        self.contexts = []
        self.step = 0
        self.axe = Axe()
        self.followed: dict[tuple[str, str], int] = {}  # (persona, url) -> status, each followed once

    def sign_in(self, username: str, *, viewport: dict | None = None):
        """A new browser context (no shared cookies) signed in as ``username``; returns its page."""
        context = self.chromium.new_context(
            base_url=self.base_url,
            locale="vi-VN",
            accept_downloads=True,
            viewport=viewport or {"width": 1280, "height": 900},
        )
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.persona = username
        page.goto("/dang-nhap/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(lambda url: "/dang-nhap/" not in url)
        return page

    def submit(self, page, button: str, fields: dict[str, str], *, shot: str, shot_before: str = "") -> None:
        """Fill ``fields`` (CSS selector → text), take a screenshot if asked, press ``button``, wait
        for the page the form leads to, and take the step's screenshot."""
        for selector, text in fields.items():
            page.fill(selector, text)
        if shot_before:
            self.shot(page, shot_before)
        with page.expect_navigation():
            page.get_by_role("button", name=button, exact=True).click()
        self.shot(page, shot)

    def shot(self, page, name: str) -> Path:
        """The step's screenshot, after the page passed its audit."""
        self.audit(page, name)
        self.step += 1
        path = self.screenshots / f"{self.step:02d}-{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    def audit(self, page, name: str) -> None:
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in self.axe.run(page, options=WCAG_AA).response["violations"]
            if v["impact"] in BLOCKING
        ]
        assert not violations, f"{name}: {page.url}\n" + "\n".join(violations)
        broken = {url: status for url, status in self.follow_targets(page).items() if status in (404, 500)}
        assert not broken, f"{name}: {page.url} links to pages that fail for {page.persona}: {broken}"

    def follow_targets(self, page) -> dict[str, int]:
        """Every same-site link and form target on the page, fetched once per persona with its cookies."""
        targets = page.eval_on_selector_all(
            "a[href], form[action]", "els => els.map(e => e.getAttribute('href') ?? e.getAttribute('action'))"
        )
        statuses = {}
        for target in targets:
            url = urldefrag(urljoin(page.url, target)).url
            if urlparse(url).netloc != urlparse(self.base_url).netloc or "/dang-xuat/" in url:
                continue
            key = (page.persona, url)
            if key not in self.followed:
                self.followed[key] = page.context.request.get(url, max_redirects=0).status
            statuses[url] = self.followed[key]
        return statuses

    def has_no_sideways_scroll(self, page) -> bool:
        return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    def close(self):
        for context in self.contexts:
            context.close()
