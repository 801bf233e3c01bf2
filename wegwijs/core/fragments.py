"""Rendered answers kept in Django's cache under a key that names what they show.

A caller passes everything its answer depends on (a version or stamp of the
data, the viewer's scope, the address asked for); the active language is
added here. The answer is computed on a miss and kept for ``timeout``
seconds. Only what anyone with the same key may see belongs here: never a
CSRF token, a flash message or anything else of one visitor.
"""

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

T = TypeVar("T")


def cached(prefix: str, parameters: dict[str, Any], compute: Callable[[], T], timeout: int) -> T:
    """The answer for ``parameters``: from the cache, or computed by ``compute`` and kept."""
    raw = json.dumps(parameters, sort_keys=True, default=str)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    key = f"{prefix}:{get_language() or 'nl'}:{digest}"
    if timeout > 0:
        found = cache.get(key)
        if found is not None:
            return found
    value = compute()
    if timeout > 0:
        cache.set(key, value, timeout)
    return value
