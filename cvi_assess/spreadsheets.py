"""What every CSV the application writes shares."""


def safe_cell(value) -> str:
    """The value as text that a spreadsheet shows rather than runs: a cell starting with =, +,
    -, @, a tab or a carriage return would be read as a formula (CSV injection), so it gets a
    leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# CSV for Excel: UTF-8 with a byte-order mark, so that Excel on Windows reads curly quotes and
# accents as what they are.
CSV_ENCODING = "utf-8-sig"


def csv_bytes(columns: list[str], rows: list[list]) -> bytes:
    """A table as a CSV file: a header row, then every row with each cell guarded."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return out.getvalue().encode(CSV_ENCODING)


def workbook_bytes(tables: dict[str, tuple[list[str], list[list]]]) -> bytes:
    """An .xlsx workbook with one sheet per table (name -> (columns, rows)).

    Numbers stay numbers. Text is stored as text, always: openpyxl would store a text starting
    with "=" as a formula, so every text cell is marked as a string after it is set, and a
    spreadsheet shows it as it was typed, without the apostrophe a CSV needs.
    """
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (columns, rows) in tables.items():
        sheet = workbook.create_sheet(title=name[:31])
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([value if value is not None else "" for value in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
