"""The English interface is complete: every Dutch source string has a translation."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


def test_every_string_is_translated_to_english():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    missing = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not missing, f"untranslated (run 'make messages' and translate): {missing[:10]}"
    assert not fuzzy, f"fuzzy translations to check: {fuzzy[:10]}"


def test_compiled_catalogue_matches_the_po_file():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in mo}
    for entry in po.translated_entries():
        if entry.msgid_plural:
            continue
        assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, (
            f"django.mo is stale for {entry.msgid!r}: run 'make messages'"
        )


@pytest.mark.django_db
def test_english_page_has_no_dutch_interface_text(client):
    client.cookies["django_language"] = "en"
    page = client.get("/toegankelijkheid").content.decode()
    assert "Accessibility statement" in page
    assert "Toegankelijkheidsverklaring" not in page
