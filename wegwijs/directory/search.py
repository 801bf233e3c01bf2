"""Dutch words to search terms: lower case, accents folded, stop words out, stemmed.

The same functions build a service's search document and parse a query, so
"schulden" in a query and "schuld" in a description meet at the stem
"schuld". Pure Python (snowballstemmer), so it behaves the same on SQLite and
PostgreSQL; ``ServiceSearchTerm`` keeps the stems in an indexed table.
"""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

from wegwijs.directory.constants import BODY_WEIGHT, TITLE_WEIGHT

MAX_TERM_LENGTH = 60
MAX_QUERY_WORDS = 8
# Stems this short match only whole terms, not as a prefix of a longer one.
MIN_PREFIX_LENGTH = 4

_WORD = re.compile(r"[a-z0-9]+")

STOP_WORDS = frozenset(
    [
        "aan",
        "al",
        "als",
        "bij",
        "dan",
        "dat",
        "de",
        "den",
        "der",
        "des",
        "deze",
        "die",
        "dit",
        "door",
        "een",
        "en",
        "er",
        "het",
        "hier",
        "hij",
        "hoe",
        "ik",
        "in",
        "is",
        "je",
        "jij",
        "kan",
        "kunnen",
        "maar",
        "met",
        "mijn",
        "na",
        "naar",
        "niet",
        "nog",
        "of",
        "om",
        "onder",
        "ons",
        "ook",
        "op",
        "over",
        "te",
        "tot",
        "u",
        "uw",
        "van",
        "voor",
        "was",
        "wat",
        "we",
        "wel",
        "wie",
        "wij",
        "wil",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zich",
        "zij",
        "zijn",
        "zo",
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "for",
        "in",
        "on",
        "with",
        "by",
        "is",
        "are",
        "at",
        "be",
        "it",
        "my",
        "your",
        "you",
        "we",
        "i",
    ]
)

# The classic Snowball Dutch stemmer (the one PostgreSQL's "dutch" configuration
# uses). Snowball 3's "dutch" strips a leading "ge" ("geldzorgen" -> "ldzorg") and
# stems "schuld" and "schulden" apart, which loses matches that matter here.
_stemmer = snowballstemmer.stemmer("dutch_porter")


def fold(text: str) -> str:
    """Lower case without accents: "Cliëntondersteuning" -> "clientondersteuning"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))[:MAX_TERM_LENGTH]


def words(text: str) -> list[str]:
    """The folded words of ``text`` without stop words, in order."""
    return [word for word in _WORD.findall(fold(text)) if word not in STOP_WORDS]


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text)]


def document_terms(*, title: Iterable[str], body: Iterable[str]) -> dict[str, int]:
    """Stems of a document with their weight: 2 when the stem is in a title text, else 1."""
    terms: dict[str, int] = {}
    for text in body:
        for term in stems(text):
            terms.setdefault(term, BODY_WEIGHT)
    for text in title:
        for term in stems(text):
            terms[term] = TITLE_WEIGHT
    return terms


def query_groups(query: str, synonyms: dict[str, set[str]]) -> list[set[str]]:
    """One set of alternative stems per query word; every group must match.

    ``synonyms`` maps a stem to the stems it also finds (see
    ``selectors.synonym_map``). A multi-word synonym such as "geen geld"
    contributes its stems as alternatives of the word.
    """
    groups: list[set[str]] = []
    for word in words(query)[:MAX_QUERY_WORDS]:
        term = stem(word)
        group = {term} | synonyms.get(term, set())
        if group not in groups:
            groups.append(group)
    return groups
