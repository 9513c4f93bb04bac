"""English dates as the United Nations writes them ("26 November 2026", the UN Editorial
Manual's order), not Django's American default ("Nov. 26, 2026"). Only what differs is here;
the rest comes from Django's `en` formats."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
