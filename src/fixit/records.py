"""One shared `__repr__`, `__eq__` and `__hash__` for the frozen dataclasses a start creates.

`@dataclass` compiles each method it writes, for each class: about 0.15 ms a method on Python
3.11, six methods for a frozen class. The node kinds, the journal events, the engine's values, a
tree and its summary, and the YAML values and problems (about 30 classes, all created before the
first prompt) take these three from `Record` instead, declared with
`@dataclass(frozen=True, repr=False, eq=False)`, and behave as `@dataclass(frozen=True)` would
have made them: the same repr, equal when of the same class with equal fields, and hashed by
their fields (docs/performance.md)."""

from __future__ import annotations

from dataclasses import fields


class Record:
    """What `@dataclass(frozen=True)` would add, written once for every subclass."""

    __slots__ = ()

    def _compared(self) -> tuple[object, ...]:
        return tuple(getattr(self, f.name) for f in fields(self) if f.compare)  # type: ignore[arg-type]

    def __repr__(self) -> str:
        shown = (f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({', '.join(shown)})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        hashed = (
            getattr(self, f.name)
            for f in fields(self)  # type: ignore[arg-type]
            if f.hash or (f.hash is None and f.compare)
        )
        return hash(tuple(hashed))
