"""The parts of an official document, as data (Nghị định 30/2020/NĐ-CP, Phụ lục I).

Each part is made of ``Text``: its words, size in points, bold, italic, underline and alignment.
Nothing here knows a file format: a renderer (``common.documents.xlsx`` for openpyxl; Word and
PDF to come) lays the parts out. The sizes are those of the Excel nominee list (the Decree's
smallest sizes less one point, so the list fits A4 landscape); a renderer for a page of prose
can pass others.

The top of the first page is a two-column heading (``Heading``): on the left the agency (its
parent body above it, the issuing body in bold with a rule under it), then the number and
symbol; on the right the national name, the motto with its rule, then the place and date. At
the end comes the signature (``Signature``: "KT." / "TM." and the title in capitals, space for
the signature and seal, the signer's name in bold) and the recipients ("Nơi nhận").
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from common.formatting import document_date

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIZE = 12  # points: the body of every part
TITLE_SIZE = 14
# Decision signers write "KT." (ký thay), "Q." (quyền), "TL." (thừa lệnh), "TUQ." (thừa ủy quyền)
# before the head's title; the deciding authority is the head.
ON_BEHALF = re.compile(r"^(?:KT|Q|TL|TUQ)\.\s*", re.IGNORECASE)


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Text:
    """One paragraph of a part in one style; a line break ("\\n") keeps the style.

    ``underline`` is the Decree's rule under the motto and under the issuing body: a spreadsheet
    underlines the words, a page layout may draw the rule instead."""

    text: str
    size: float = SIZE
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: Align = Align.CENTER

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(frozen=True)
class Heading:
    """The two columns at the top of the first page, line by line; ``None`` leaves a line blank
    (the lines of both columns sit side by side: the date line faces the number and symbol)."""

    left: tuple[Text | None, ...]
    right: tuple[Text | None, ...]

    @property
    def rows(self) -> list[tuple[Text | None, Text | None]]:
        height = max(len(self.left), len(self.right))
        pad = (None,) * height
        return list(zip((self.left + pad)[:height], (self.right + pad)[:height], strict=True))


@dataclass(frozen=True)
class Signature:
    """The title lines ("KT. TRƯỞNG BAN" above "PHÓ TRƯỞNG BAN") and, under the space for the
    handwritten signature and the seal, the signer's name."""

    title: Text
    name: Text


def national_header(*, size: float = SIZE) -> tuple[Text, Text]:
    """Quốc hiệu and tiêu ngữ, the motto with its rule."""
    return Text(NATIONAL_NAME, size=size, bold=True), Text(MOTTO, size=size, bold=True, underline=True)


def agency_header(agency, *, size: float = SIZE) -> tuple[Text, Text]:
    """The parent body (plain capitals) above the issuing body (bold capitals, with its rule)."""
    return (
        Text(agency.parent_authority.upper(), size=size),
        Text((agency.header_name or agency.name).upper(), size=size, bold=True, underline=True),
    )


def number_and_symbol(number: str, *, size: float = SIZE) -> Text:
    """ "Số: 25/QĐ-BDT"."""
    return Text(f"Số: {number}", size=size)


def place_and_date(agency, day=None, *, size: float = SIZE) -> Text:
    """ "Vĩnh Long, ngày 15 tháng 01 năm 2023"; without a day, the blanks a signer fills by hand."""
    written = document_date(day) if day else "ngày     tháng     năm"
    return Text(f"{agency.place_name}, {written}", size=size, italic=True)


def heading(agency, *, day=None, number: str | None = None, size: float = SIZE) -> Heading:
    """The agency and the nation side by side, a blank line, then the number (when the document
    has one) facing the place and date."""
    return Heading(
        left=(*agency_header(agency, size=size), *((None, number_and_symbol(number, size=size)) if number else ())),
        right=(*national_header(size=size), None, place_and_date(agency, day, size=size)),
    )


def title(text: str, *, size: float = TITLE_SIZE) -> Text:
    """The document's name, in bold capitals."""
    return Text(text.upper(), size=size, bold=True)


def deciding_authority(signer_title: str, agency) -> str:
    """Whose decision it is: the head's title and the agency, "Trưởng ban Ban Dân tộc tỉnh Vĩnh
    Long", also when a deputy signs "KT. Trưởng ban"."""
    head = ON_BEHALF.sub("", (signer_title or "").split("/")[0].strip())
    return f"{head} {agency.name}".strip()


def attached_to(*, number: str, day, signer_title: str, agency, size: float = SIZE) -> Text:
    """Under an attachment's title: "(Kèm theo Quyết định số 25/QĐ-BDT ngày … của …)"."""
    authority = deciding_authority(signer_title, agency)
    return Text(f"(Kèm theo Quyết định số {number} {document_date(day)} của {authority})", size=size, italic=True)


def signature(*, signer_title: str, signer: str, size: float = SIZE) -> Signature:
    """The signature block. ``signer_title`` is written as typed, a "/" between its lines ("KT.
    Trưởng ban / Phó Trưởng ban", "TM. Hội đồng / Chủ tịch"); each line is set in capitals."""
    lines = [part.strip().upper() for part in signer_title.split("/") if part.strip()]
    return Signature(title=Text("\n".join(lines), size=size, bold=True), name=Text(signer, size=size, bold=True))


def recipients(names, *, kept: str = "Lưu: VT", size: float = SIZE) -> tuple[Text, ...]:
    """ "Nơi nhận:" and one line per recipient, the file copy last, at the bottom left."""
    lines = [Text("Nơi nhận:", size=size, bold=True, italic=True, align=Align.LEFT)]
    lines += [Text(f"- {name};", size=size - 1, align=Align.LEFT) for name in names]
    lines.append(Text(f"- {kept}.", size=size - 1, align=Align.LEFT))
    return tuple(lines)


def fingerprint_note(*, fingerprint: str, version: int) -> str:
    """The footer of every page of a list's document: the fingerprint of the scores and the version."""
    return f"Mã kiểm tra điểm (SHA-256): {fingerprint} · Phiên bản {version}"
