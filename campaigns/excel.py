"""The Excel format every import reads (no model imports: the settings name it).

django-import-export's XLSX reader trusts the sheet's recorded size, so a file written row by
row whose last cells are blank comes out with short rows and is refused as the wrong format,
and an empty sheet fails with StopIteration. This reader pads rows to the header and reads an
empty sheet as an empty file, which the import then reports plainly.
"""

from io import BytesIO

import openpyxl
import tablib
from import_export.formats import base_formats


class XLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        book = openpyxl.load_workbook(BytesIO(in_stream), read_only=True, data_only=True)
        sheet = book.active
        dataset = tablib.Dataset()
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            return dataset
        while header and header[-1] is None:
            header = header[:-1]
        dataset.headers = list(header)
        width = len(header)
        for row in rows:
            values = list(row[:width]) + [None] * (width - len(row))
            if any(value is not None for value in values):
                dataset.append(values)
        book.close()
        return dataset
