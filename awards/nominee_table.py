"""The table of a nominee list as text, row by row: what the Excel list and the Word appendix
print alike (``awards.exports.nominee_workbook``, ``common.documents.decision``)."""

from awards.enums import TieDecision

HEADERS = [
    "STT",
    "Họ và tên / Tên tập thể",
    "Chức vụ, đơn vị",
    "Hình thức khen thưởng",
    "Tóm tắt thành tích / điểm",
    "Ghi chú",
]


def table_rows(rows):
    """``(section, values)`` for each of ``rows`` (tuples of ``awards.queries.nominees.NOMINEE_ROW``,
    in list order): ``section`` is the heading ("I. TẬP THỂ", "II. CÁ NHÂN") before the first row
    of each kind and None otherwise; ``values`` are the six columns of ``HEADERS``, numbered
    from 1 within each kind."""
    sections = iter(["I", "II"])
    kind, number = None, 0
    decisions = dict(TieDecision.choices)
    for (
        row_kind,
        person_id,
        full_name,
        position,
        person_unit,
        unit_name,
        parent_name,
        form_name,
        summary,
        tie_flag,
        decision,
        decision_reason,
    ) in rows:
        section = None
        if row_kind != kind:  # collectives first, then individuals (the compiled order)
            kind, number = row_kind, 0
            section = f"{next(sections)}. {'TẬP THỂ' if person_id is None else 'CÁ NHÂN'}"
        number += 1
        if person_id:
            name, where = full_name, ", ".join(p for p in [position, person_unit] if p)
        else:
            name, where = unit_name, parent_name or ""
        note = []
        if tie_flag:
            note.append("Đồng hạng tại ngưỡng")
            if decision:
                note.append(f"Hội đồng: {decisions[decision]} ({decision_reason})")
        yield section, [number, name, where, form_name, summary, "; ".join(note)]
