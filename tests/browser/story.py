"""Each persona in a browser context of their own, signed in through the sign-in page."""

from pathlib import Path

PASSWORD = "mat-khau-thu"  # tests.factories.UserFactory's password


class Browser:
    def __init__(self, chromium, *, base_url: str, screenshots: Path):
        self.chromium, self.base_url, self.screenshots = chromium, base_url, screenshots
        self.contexts = []
        self.step = 0

    def sign_in(self, username: str):
        """A new browser context (no shared cookies) signed in as ``username``; returns its page."""
        context = self.chromium.new_context(
            base_url=self.base_url, locale="vi-VN", accept_downloads=True, viewport={"width": 1280, "height": 900}
        )
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
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
        self.step += 1
        path = self.screenshots / f"{self.step:02d}-{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    def close(self):
        for context in self.contexts:
            context.close()
