"""Logging without personal data: a filter that masks it before any handler writes.

``PersonalDataFilter`` masks e-mail addresses, phone numbers and postcodes in
the message, its arguments, extra fields and the formatted traceback, and
drops URL query strings (search terms and form values end up there). The
request object Django attaches to ``django.request`` records is replaced by
its path. ``config.settings.base`` puts the filter on every handler; with
``LOG_FORMAT=json`` (the production default) records are written as one JSON
object per line.
"""

import logging
import re
from typing import Any

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Dutch numbers (06-12345678, 020 123 4567, +31 6 1234 5678, 0031…) and other
# international numbers written with a plus sign.
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\))?[\s-]?\d(?:[\s.-]?\d){8}"
    r"|0\d(?:[\s.-]?\d){8}"
    r"|\+\d{1,3}(?:[\s.-]?\d){6,12})(?!\d)"
)
# 1234 AB, 1234AB, 1234ab; not units such as 1500ms or 2048kb.
POSTCODE = re.compile(r"\b[1-9]\d{3}(?: ?[A-Z]{2}|(?!ms\b|kb\b|mb\b|gb\b)[a-z]{2})\b(?![-.@])")
# A query string after a path or an address: "/zoeken/?q=…" or "…?email=…".
QUERY = re.compile(r"(?<=[\w/%])\?[^\s\"'<>]*")

MASKS = (
    (QUERY, "?[weggelaten]"),
    (EMAIL, "[e-mail]"),
    (PHONE, "[telefoon]"),
    (POSTCODE, "[postcode]"),
)


def scrub(text: str) -> str:
    """Return ``text`` with query strings, e-mail addresses, phone numbers and postcodes masked."""
    for pattern, mask in MASKS:
        text = pattern.sub(mask, text)
    return text


def _scrub_value(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {key: _scrub_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrub_value(item) for item in value]
    return scrub(str(value))


# Attributes every LogRecord has; anything else came in through ``extra``.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class PersonalDataFilter(logging.Filter):
    """Mask personal data in a record; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            # The path says which page failed; the query string and the
            # headers (cookies, addresses) stay out of the log.
            record.request = scrub(str(request.path))
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD and key != "request":
                setattr(record, key, _scrub_value(value))
        return True
