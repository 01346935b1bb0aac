"""Cache stores bounded by size, so that no stream of requests can grow the cache without end.

An entry's size is its pickled value plus its key. The local store (one per process)
drops the least recently used entries first; the Redis store (shared by the workers)
drops the entries set longest ago, in one script so that workers never race, and
keeps its own running total, so the bound holds whatever Redis's ``maxmemory`` is.
Every entry also carries the cache timeout, and expires on its own after it.
"""

from __future__ import annotations

import pickle
import threading
import time
from collections import OrderedDict
from typing import Any

from flask import Flask
from flask_caching.backends.base import BaseCache
from flask_caching.backends.rediscache import RedisCache

#: The app config key holding the bound in bytes (from ``KPSS_CACHE_MB``).
MAX_BYTES_KEY = "KPSS_CACHE_MAX_BYTES"


class SizedCache(BaseCache):
    """A cache local to the process holding at most ``max_bytes``; least recently used out first."""

    def __init__(self, max_bytes: int, default_timeout: int = 300, **_options: Any) -> None:
        BaseCache.__init__(self, default_timeout=default_timeout)
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @classmethod
    def factory(cls, app: Flask, config: dict[str, Any], args: list[Any],
                kwargs: dict[str, Any]) -> SizedCache:
        """flask-caching's constructor hook: the bound comes from the app config."""
        return cls(config[MAX_BYTES_KEY], *args, **kwargs)

    @property
    def size_bytes(self) -> int:
        """Bytes held now (pickled values and keys)."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def _expiry(self, timeout: int | None) -> float:
        seconds = self._normalize_timeout(timeout)
        return time.monotonic() + seconds if seconds > 0 else 0.0

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= len(key) + len(entry[1])

    def get(self, key: str) -> Any:
        """The value, or None when absent or expired."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] and entry[0] <= time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            data = entry[1]
        return pickle.loads(data)

    def set(self, key: str, value: Any, timeout: int | None = None) -> bool:
        """Store a value, dropping the least recently used until it fits (False: larger than the bound)."""
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        size = len(key) + len(data)
        with self._lock:
            self._drop(key)
            if size > self.max_bytes:
                return False
            while self._bytes + size > self.max_bytes:
                self._drop(next(iter(self._entries)))
            self._entries[key] = (self._expiry(timeout), data)
            self._bytes += size
        return True

    def add(self, key: str, value: Any, timeout: int | None = None) -> bool:
        """Store a value only when the key holds none."""
        if self.has(key):
            return False
        return self.set(key, value, timeout)

    def has(self, key: str) -> bool:
        """True when the key holds a value that has not expired."""
        with self._lock:
            entry = self._entries.get(key)
            return entry is not None and not (entry[0] and entry[0] <= time.monotonic())

    def delete(self, key: str) -> bool:
        """Remove a key; True when it was there."""
        with self._lock:
            found = key in self._entries
            self._drop(key)
        return found

    def clear(self) -> bool:
        """Remove everything."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0
        return True


# KEYS: the entry, the index of entries by time set, their sizes, the running total.
# ARGV: the pickled value, seconds to live (0: none), the bound in bytes, the time now.
_SET_SCRIPT = """
local size = string.len(ARGV[1]) + string.len(KEYS[1])
local limit = tonumber(ARGV[3])
local old = redis.call('HGET', KEYS[3], KEYS[1])
local total = tonumber(redis.call('GET', KEYS[4]) or '0')
if old then
  total = total - tonumber(old)
  redis.call('ZREM', KEYS[2], KEYS[1])
  redis.call('HDEL', KEYS[3], KEYS[1])
end
if size > limit then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[4], total)
  return 0
end
while total + size > limit do
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)
  if #oldest == 0 then break end
  local victim = oldest[1]
  total = total - tonumber(redis.call('HGET', KEYS[3], victim) or '0')
  redis.call('ZREM', KEYS[2], victim)
  redis.call('HDEL', KEYS[3], victim)
  redis.call('DEL', victim)
end
if tonumber(ARGV[2]) > 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[1])
end
redis.call('ZADD', KEYS[2], ARGV[4], KEYS[1])
redis.call('HSET', KEYS[3], KEYS[1], size)
redis.call('SET', KEYS[4], total + size)
return 1
"""


class BoundedRedisCache(RedisCache):
    """Redis shared by the workers, holding at most ``max_bytes`` of entries; oldest set out first.

    Entries that expired on their own still count until they are dropped from the index,
    so the running total can only overstate what Redis holds: the bound is kept.
    """

    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self._set_script = self._write_client.register_script(_SET_SCRIPT)
        self._index, self._sizes, self._total = (
            f"{self.key_prefix}~{name}" for name in ("index", "sizes", "total"))

    @classmethod
    def factory(cls, app: Flask, config: dict[str, Any], args: list[Any],
                kwargs: dict[str, Any]) -> BoundedRedisCache:
        """flask-caching's constructor hook: the bound comes from the app config."""
        kwargs["max_bytes"] = config[MAX_BYTES_KEY]
        return super().factory(app, config, args, kwargs)  # type: ignore[return-value]

    @property
    def size_bytes(self) -> int:
        """Bytes counted now (pickled values and keys, expired ones until dropped)."""
        return int(self._read_client.get(self._total) or 0)

    def set(self, key: str, value: Any, timeout: int | None = None) -> bool:
        """Store a value, dropping the oldest entries until it fits (False: larger than the bound)."""
        data = self.serializer.dumps(value)
        stored = self._set_script(
            keys=[self.key_prefix + key, self._index, self._sizes, self._total],
            args=[data, self._normalize_timeout(timeout), self.max_bytes, time.time()])
        return bool(stored)

    def add(self, key: str, value: Any, timeout: int | None = None) -> bool:
        """Store a value only when the key holds none."""
        if self.has(key):
            return False
        return self.set(key, value, timeout)

    def set_many(self, mapping: dict[str, Any], timeout: int | None = None) -> list[Any]:
        """Store several values, each through the bounded ``set``."""
        return [key for key, value in mapping.items() if self.set(key, value, timeout)]
