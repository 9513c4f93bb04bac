"""CSV that opens safely in a spreadsheet. Every CSV the portal exports goes through here.

A spreadsheet reads a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as
a formula, and a formula can fetch URLs or run commands on the reader's machine ("CSV
injection", OWASP). Such a cell is written with a single quote in front (`'=SUM(A1)`), which
spreadsheets show as text. Only text is touched: numbers, booleans and empty cells stay as
they are, so `-2` as a number is still -2; `-2` typed as text reads `'-2`.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]


class SafeWriter:
    """`csv.writer` whose rows go through `safe_row`."""

    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, values):
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows):
        for values in rows:
            self.writerow(values)
