"""The approved list prints as a signable attachment (issue 14, item 4): rendered by LibreOffice
headless to PDF, its rows do not overlap, long summaries are printed whole, the table header
repeats on every page and every page carries its number and the fingerprint of the scores.

LibreOffice (``apt-get install -y libreoffice-calc-nogui``) and poppler's ``pdftotext`` (``apt-get
install -y poppler-utils``) are installed by ``.ci/run``. Without them the test is skipped with the
reason, except under ``EXPECT_SERVICES=1`` (CI), where it fails, as the browser story does.
"""

import re
import subprocess
from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import lxml.etree
import pytest
import time_machine

from awards.exports import nominee_workbook
from awards.models import Nominee
from awards.services import approval, compilation
from tests.awards.conftest import require_print_tools

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
POSTED = datetime(2023, 1, 10, 8, 0, tzinfo=VIETNAM)
F1 = "Giấy khen của Trưởng Ban Dân tộc"
ROWS = 24


@pytest.fixture
def tools():
    require_print_tools(package="libreoffice-calc-nogui")


def long_summary(n: int) -> str:
    """A summary of several wrapped lines whose every word names its row ("r07w12")."""
    return " ".join(f"r{n:02d}w{w:02d}" for w in range(1, 12 + (n % 4) * 12))


@pytest.fixture
def approved_list(closing_world):
    world = closing_world
    world.form(F1, min_score=0)
    world.ranked([(f"Người {n:02d}", 99 - n) for n in range(1, ROWS + 1)])
    nominee_list = compilation.compile_nominees(campaign=world.campaign)
    for nominee in nominee_list.nominees.all():
        Nominee.objects.filter(pk=nominee.pk).update(summary=long_summary(nominee.position))
    with time_machine.travel(POSTED, tick=False):
        approval.publish_list(nominee_list=nominee_list, by=world.secretary, days=5)
    with time_machine.travel(POSTED + timedelta(days=5), tick=False):
        return approval.approve_list(
            nominee_list=nominee_list,
            by=world.leader,
            decision_number="25/QĐ-BDT",
            decision_date=date(2023, 1, 15),
            signer_title="Trưởng ban",
            signer="Nguyễn Văn Trưởng",
        )


def render_pdf(workbook, folder) -> list[list[tuple[str, float, float]]]:
    """The workbook printed by LibreOffice: per page, its words with their top and bottom (points)."""
    source = folder / "danh-sach.xlsx"
    workbook.save(source)
    profile = folder / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    html = folder / "words.html"
    subprocess.run(["pdftotext", "-bbox", str(folder / "danh-sach.pdf"), str(html)], check=True, timeout=60)
    document = lxml.etree.parse(str(html), lxml.etree.HTMLParser(encoding="utf-8"))
    return [
        [(w.text, float(w.get("ymin")), float(w.get("ymax"))) for w in page.iter("word")]
        for page in document.iter("page")
    ]


def test_the_printed_rows_follow_their_wrapped_text_and_never_overlap(approved_list, tools, tmp_path):
    workbook = nominee_workbook(nominee_list=approved_list)

    pages = render_pdf(workbook, tmp_path)

    spans = defaultdict(list)  # row -> (page, top, bottom) of each of its summary words
    names = {}  # row -> (page, top) of its name, the first line of the row
    for index, words in enumerate(pages):
        for text, top, bottom in words:
            if match := re.fullmatch(r"r(\d\d)w\d\d", text):
                spans[int(match[1])].append((index, top, bottom))
        for (first, top, _b), (second, _t, _b2) in zip(words, words[1:], strict=False):
            if first == "Người" and re.fullmatch(r"\d\d", second):
                names[int(second)] = (index, top)
    printed_words = {row: len(found) for row, found in spans.items()}
    assert printed_words == {n: len(long_summary(n).split()) for n in range(1, ROWS + 1)}
    for row in range(1, ROWS):
        last_of_row = max((page, bottom) for page, _top, bottom in spans[row])
        next_row_starts = names[row + 1]
        assert last_of_row < next_row_starts, f"row {row} runs into row {row + 1}"
    assert len(pages) >= 2
    for words in pages:
        text = " ".join(w for w, _t, _b in words)
        assert "STT" in text and "Tóm tắt thành tích / điểm" in text  # the header repeats
        assert re.search(rf"Trang {pages.index(words) + 1}/{len(pages)}", text)
        assert approved_list.fingerprint in text
