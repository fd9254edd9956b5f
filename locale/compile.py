"""Biên dịch mọi locale/*/LC_MESSAGES/django.po thành django.mo (không cần GNU gettext).

Chạy từ thư mục gốc dự án:  .venv/bin/python locale/compile.py
"""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent


def main() -> int:
    po_files = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))
    if not po_files:
        print(f"Không tìm thấy tệp .po nào trong {LOCALE_DIR}", file=sys.stderr)
        return 1
    for po_path in po_files:
        po = polib.pofile(str(po_path))
        mo_path = po_path.with_suffix(".mo")
        po.save_as_mofile(str(mo_path))
        print(
            f"{po_path.relative_to(LOCALE_DIR)} -> {mo_path.name}: {len(po.translated_entries())}/{len(po)} mục đã dịch"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
