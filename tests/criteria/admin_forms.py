"""Fill and submit admin forms as a browser would: start from the page's own fields and values."""

import lxml.html

CAMPAIGN_FORM_ID = "campaign_form"


def form_data(response, form_id=CAMPAIGN_FORM_ID) -> dict:
    """What the browser would submit unchanged: every named field of the form with its current value.

    Empty-form templates of the inlines (``__prefix__``) are left out, as the browser never counts them.
    """
    document = lxml.html.fromstring(response.content.decode())
    form = document.get_element_by_id(form_id)
    data: dict = {}
    for name, value in form.form_values():
        if "__prefix__" in name:
            continue
        data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def add_inline_rows(data: dict, prefix: str, rows: list[dict]) -> dict:
    """Append new inline rows the way "Thêm ..." does: next indexes, TOTAL_FORMS raised.

    ``True`` ticks a checkbox and ``False`` leaves it unticked (absent from the POST).
    """
    start = int(data[f"{prefix}-TOTAL_FORMS"])
    for index, row in enumerate(rows, start):
        for field, value in row.items():
            if value is False:
                continue
            data[f"{prefix}-{index}-{field}"] = "on" if value is True else value
    data[f"{prefix}-TOTAL_FORMS"] = str(start + len(rows))
    return data


def inline_formset(response, prefix: str):
    """The admin's wrapper of the inline formset with this prefix, from the response context."""
    return next(inline for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == prefix)


def inline_row_index(data: dict, prefix: str, field: str, value: str) -> int:
    """The index of the existing inline row whose ``field`` has ``value`` in the submitted data."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    return next(index for index in range(total) if data.get(f"{prefix}-{index}-{field}") == value)
