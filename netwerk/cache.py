"""A Redis cache that degrades instead of failing when Redis is unreachable.

The cache holds nothing that must survive (allauth's rate-limit counters, cached figures), and
PostgreSQL is the record. So when Redis is down, pages keep working: reads miss, writes are
dropped, and a warning is logged (without keys, which may hold an address). The price is that
log-in rate limits are not enforced while Redis is down; /health/ reports it meanwhile.
"""

import logging

import redis
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

_ERRORS = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def _warn(operation: str) -> None:
    logger.warning("cache unavailable during %s; continuing without it", operation)


class ResilientRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except _ERRORS:
            _warn("get")
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except _ERRORS:
            _warn("get_many")
            return {}

    def set(self, key, value, timeout=None, version=None):
        try:
            return super().set(key, value, timeout, version)
        except _ERRORS:
            _warn("set")
            return None

    def set_many(self, data, timeout=None, version=None):
        try:
            return super().set_many(data, timeout, version)
        except _ERRORS:
            _warn("set_many")
            return list(data)

    def add(self, key, value, timeout=None, version=None):
        # True: a caller that waits for `add` to succeed (a lock) must not spin forever.
        try:
            return super().add(key, value, timeout, version)
        except _ERRORS:
            _warn("add")
            return True

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except _ERRORS:
            _warn("delete")
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except _ERRORS:
            _warn("delete_many")
            return None

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except _ERRORS:
            _warn("has_key")
            return False

    def touch(self, key, timeout=None, version=None):
        try:
            return super().touch(key, timeout, version)
        except _ERRORS:
            _warn("touch")
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except _ERRORS:
            _warn("incr")
            raise ValueError("cache unavailable") from None

    def clear(self):
        try:
            return super().clear()
        except _ERRORS:
            _warn("clear")
            return False
