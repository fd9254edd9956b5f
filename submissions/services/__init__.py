"""Writes of the submissions app: entries (``entries``) and the council's scoring (``scoring``)."""

from submissions.services.entries import (
    CONTENT_FIELDS,
    EntryContent,
    create_entry,
    endorse_entry,
    ensure_accepting,
    grant_extension,
    return_entry,
    submit_entry,
    update_entry,
    withdraw_entry,
)

__all__ = [
    "CONTENT_FIELDS",
    "EntryContent",
    "create_entry",
    "endorse_entry",
    "ensure_accepting",
    "grant_extension",
    "return_entry",
    "submit_entry",
    "update_entry",
    "withdraw_entry",
]
