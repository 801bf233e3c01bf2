"""The English interface is complete: every Dutch source string has a translation.

The project catalogue is ``locale/``; apps may keep their own
(``wegwijs/<app>/locale``). Every catalogue is checked.
"""

from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
CATALOGUES = [
    BASE / "locale" / "en" / "LC_MESSAGES",
    *sorted(path for path in BASE.glob("wegwijs/*/locale/en/LC_MESSAGES") if path.is_dir()),
]


def _name(catalogue: Path) -> str:
    return str(catalogue.relative_to(BASE))


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=_name)
def test_every_string_is_translated_to_english(catalogue: Path) -> None:
    po = polib.pofile(str(catalogue / "django.po"))
    missing = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not missing, f"untranslated (run 'make messages' and translate): {missing[:10]}"
    assert not fuzzy, f"fuzzy translations to check: {fuzzy[:10]}"


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=_name)
def test_compiled_catalogue_matches_the_po_file(catalogue: Path) -> None:
    po = polib.pofile(str(catalogue / "django.po"))
    mo = polib.mofile(str(catalogue / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in mo}
    for entry in po.translated_entries():
        if entry.msgid_plural:
            continue
        assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, (
            f"{_name(catalogue)}/django.mo is stale for {entry.msgid!r}: run 'make messages'"
        )


@pytest.mark.django_db
def test_english_page_has_no_dutch_interface_text(client):
    client.cookies["django_language"] = "en"
    page = client.get("/toegankelijkheid").content.decode()
    assert "Accessibility statement" in page
    assert "Toegankelijkheidsverklaring" not in page
