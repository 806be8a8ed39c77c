"""What every CSV the application writes shares."""


def safe_cell(value) -> str:
    """The value as text that a spreadsheet shows rather than runs: a cell starting with =, +,
    -, @, a tab or a carriage return would be read as a formula (CSV injection), so it gets a
    leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
