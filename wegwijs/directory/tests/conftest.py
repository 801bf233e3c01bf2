"""The browser fixtures of the portal (chromium, axe-core) for the sociale kaart's pages."""

from wegwijs.portal.tests.conftest import (  # noqa: F401
    _fresh_rate_limits,
    accounts,
    browser,
    new_page,
    page,
)
