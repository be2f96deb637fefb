"""A few values computed from objects that cannot be hashed and are not changed once built
(a Taxonomy holds dicts; a JSON Schema is a dict), kept by the object's identity: a record
schema per taxonomy, a validator per schema, a set per `enum`."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class IdentityCache(Generic[K, V]):
    """`make(key)`, made once per key object. The key is kept with its value, so that its
    id cannot pass to another object while the entry lives; past `limit` entries the
    oldest is dropped, so memory stays bounded however many objects come by."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._entries: OrderedDict[int, tuple[K, V]] = OrderedDict()

    def get(self, key: K, make: Callable[[K], V]) -> V:
        entry = self._entries.get(id(key))
        if entry is None:
            entry = (key, make(key))
            self._entries[id(key)] = entry
            while len(self._entries) > self._limit:
                self._entries.popitem(last=False)
        return entry[1]
