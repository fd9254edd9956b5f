"""The Word documents print as the Decree lays them out (issue 18): rendered by LibreOffice
headless to PDF and read back with ``pdftotext -layout``, the heading's two columns stand side by
side, the title is centred and every row of the list is printed in the appendix.

LibreOffice Writer (``apt-get install -y libreoffice-writer-nogui``) and poppler's ``pdftotext``
are installed by ``.ci/run``. Without them the test is skipped with the reason, except under
``EXPECT_SERVICES=1`` (CI), where it fails, as the Excel print test does.
"""

import subprocess
from pathlib import Path

import lxml.etree
import pytest

from awards.word import decision_document, proposal_document
from tests.awards.conftest import require_print_tools
from tests.awards.test_word_documents import approved_world


@pytest.fixture
def world(closing_world):
    return approved_world(closing_world)


@pytest.fixture
def writer():
    require_print_tools(package="libreoffice-writer-nogui", writer=True)


def printed(content: bytes, folder: Path) -> tuple[list[str], list[dict]]:
    """The document printed by LibreOffice: its pages as ``pdftotext -layout`` lays out their text,
    and the words of the first page with their boxes (points, from ``pdftotext -bbox``)."""
    source = folder / "van-ban.docx"
    source.write_bytes(content)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder / 'profile'}",
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
    pdf = str(folder / "van-ban.pdf")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True, timeout=60).stdout
    subprocess.run(["pdftotext", "-bbox", "-l", "1", pdf, str(folder / "words.html")], check=True, timeout=60)
    page = lxml.etree.parse(str(folder / "words.html"), lxml.etree.HTMLParser(encoding="utf-8"))
    words = [{key: float(w.get(key)) for key in ("xmin", "xmax", "ymin")} | {"text": w.text} for w in page.iter("word")]
    return text.decode().split("\f")[:-1], words  # pdftotext ends every page with a form feed


def line_with(page: str, words: str) -> str:
    return next(line for line in page.splitlines() if words in line)


def centred(words: list[dict], first: str, last: str) -> bool:
    """Whether the line from the word ``first`` to the word ``last`` is centred between the
    margins (30 mm left, 15 mm right of the 210 mm page), within 3 points."""
    start = next(w for w in words if w["text"] == first)
    end = next(w for w in words if w["text"] == last and w["ymin"] == start["ymin"])
    middle = (start["xmin"] + end["xmax"]) / 2
    return abs(middle - (30 + (210 - 15)) / 2 * 72 / 25.4) <= 3


def test_the_decision_prints_its_heading_side_by_side_its_title_centred_and_every_row(world, writer, tmp_path):
    pages, words = printed(decision_document(nominee_list=world.nominee_list), tmp_path)

    first, appendix = pages[0], "\n".join(pages[1:])
    heading = line_with(first, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert heading.index("UBND TỈNH VĨNH LONG") < heading.index("CỘNG HÒA")  # one line, two columns
    assert "Số: 25/QĐ-BDT" in line_with(first, "ngày 15 tháng 01 năm 2023")  # the number faces the date
    assert centred(words, "QUYẾT", "ĐỊNH")
    assert len(pages) >= 2
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG" in appendix
    rows = [line for line in appendix.splitlines() if line.strip()[:1].isdigit()]
    assert [line.split()[1] for line in rows] == ["Phòng", "An", "Bình", "Chi"]
    assert world.nominee_list.fingerprint in first


def test_the_proposal_prints_its_heading_side_by_side_and_its_list(world, writer, tmp_path):
    pages, words = printed(proposal_document(nominee_list=world.nominee_list), tmp_path)

    heading = line_with(pages[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert heading.index("UBND TỈNH VĨNH LONG") < heading.index("CỘNG HÒA")
    assert centred(words, "TỜ", "TRÌNH")
    appendix = "\n".join(pages[1:])
    assert [line.split()[1] for line in appendix.splitlines() if line.strip()[:1].isdigit()] == ["An"]
    assert "Bằng khen của Chủ" in appendix  # the form's name, wrapped in its column
