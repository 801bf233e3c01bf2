"""A Redis cache that keeps the site working while Redis is down.

Django's ``RedisCache`` raises when Redis cannot be reached, so every page
that touches the cache (sessions, rate limits) would fail. ``ResilientRedisCache``
logs the failure and answers as an empty cache instead: sessions are read
from the database (``cached_db``), rate limits count nothing until Redis is
back. Work for the queue is kept in the outbox meanwhile.
"""

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

T = TypeVar("T")
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _guard(call: Callable[[], T], fallback: T) -> T:
    try:
        return call()
    except _UNREACHABLE as exc:
        logger.warning("cache unreachable", extra={"error": type(exc).__name__})
        return fallback


class ResilientRedisCache(RedisCache):
    """``RedisCache`` that behaves as an empty cache while Redis is unreachable."""

    def add(self, key: Any, value: Any, timeout: Any = None, version: Any = None) -> bool:
        # An empty cache accepts every add; locks taken this way (allauth's
        # rate limits) do not lock anyone out while Redis is down.
        return _guard(
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), True
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return _guard(lambda: super(ResilientRedisCache, self).get(key, default, version), default)

    def set(self, key: Any, value: Any, timeout: Any = None, version: Any = None) -> None:
        _guard(lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key: Any, timeout: Any = None, version: Any = None) -> bool:
        return _guard(lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key: Any, version: Any = None) -> bool:
        return _guard(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return _guard(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: Any = None) -> bool:
        return _guard(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        try:
            return super().incr(key, delta, version)
        except _UNREACHABLE as exc:
            logger.warning("cache unreachable", extra={"error": type(exc).__name__})
            # As if the key were new: a counter that starts again.
            return delta

    def set_many(self, data: Any, timeout: Any = None, version: Any = None) -> list[Any]:
        return _guard(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys: Any, version: Any = None) -> None:
        _guard(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        _guard(lambda: super(ResilientRedisCache, self).clear(), None)
