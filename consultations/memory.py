"""A store in the worker's memory, bounded in bytes, least recently used first out: the
kept pages (pagecache.py), the kept fragments and, counted one unit each, the kept results
(fragments.py)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class BoundedStore(Generic[Value]):
    """Values by key while their sizes (`size(value)`, in bytes) add up to `max_bytes`."""

    def __init__(self, max_bytes: int, size: Callable[[Value], int]):
        self.max_bytes = max_bytes
        self._sized = size
        self._entries: OrderedDict[Hashable, Value] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable, accept: Callable[[Value], bool] | None = None) -> Value | None:
        """The value under `key`, unless there is none or `accept` refuses it (a miss)."""
        with self._lock:
            value = self._entries.get(key)
            if value is None or (accept is not None and not accept(value)):
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: Hashable, value: Value) -> None:
        size = self._sized(value)
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= self._sized(old)
            self._entries[key] = value
            self._size += size
            while self._size > self.max_bytes:
                _key, evicted = self._entries.popitem(last=False)
                self._size -= self._sized(evicted)

    def clear(self) -> None:
        """Forget everything, as a restart does (after a change of settings, say)."""
        with self._lock:
            self._entries.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._entries)
