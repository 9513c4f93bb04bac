"""Arabic dates in the order and punctuation of CLDR's Arabic (`ar`) patterns, not Django's.

Django's `ar` formats (django/conf/locale/ar/formats.py) give DATE_FORMAT "j F، Y" (a comma
CLDR does not have) and no DATETIME_FORMAT at all, so a date with its time fell back to the
global American "N j, Y, P" (Latin commas, month first). CLDR 48 (read through Node's ICU
78.2, `Intl.DateTimeFormat("ar")`): long date "d MMMM y" → "26 نوفمبر 2026", time "h:mm a" →
"2:42 م", date and time joined by the Arabic comma "{1}، {0}" → "26‏/11‏/2026، 2:42 م".
Month names and ص/م come from Django's Arabic catalogue. Only what differs is here; the rest
(SHORT_DATE_FORMAT "d‏/m‏/Y" with its right-to-left marks, separators) comes from Django's `ar`.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "j F Y، g:i A"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y، g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
