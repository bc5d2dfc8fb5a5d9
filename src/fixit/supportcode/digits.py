"""Mixed-radix numbers: a sequence of digits, each with its own base, packed into one integer
(so a yes/no costs one bit and a node with one possible answer nothing), and read back."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_GAMMA_BITS = 64  # a number read back may take at most this many bits (hostile codes)


class DigitsError(ValueError):
    """Digits that do not read back: too few, too many, or a number too long."""


@dataclass
class Packer:
    """Collects digits, first to last; `number()` packs them (the first is the lowest)."""

    digits: list[tuple[int, int]] = field(default_factory=list)

    def put(self, digit: int, base: int) -> None:
        """Add a digit in [0, base)."""
        if not 0 <= digit < base:
            raise ValueError(f"digit {digit} outside base {base}")
        if base > 1:
            self.digits.append((digit, base))

    def put_gamma(self, n: int) -> None:
        """Add a whole number n >= 0, small ones cheaply (Elias gamma of n + 1: 2k - 1 bits for
        n + 1 of k bits)."""
        v = n + 1
        k = v.bit_length()
        for _i in range(k - 1):
            self.put(1, 2)
        self.put(0, 2)
        self.put(v - (1 << (k - 1)), 1 << (k - 1))

    def number(self) -> int:
        """The digits as one integer."""
        n = 0
        for digit, base in reversed(self.digits):
            n = n * base + digit
        return n


@dataclass
class Unpacker:
    """Reads digits back from an integer, first to last."""

    rest: int

    def take(self, base: int) -> int:
        """The next digit of `base` (0 once the number is used up, as packing left it)."""
        if base <= 1:
            return 0
        self.rest, digit = divmod(self.rest, base)
        return digit

    def take_gamma(self) -> int:
        """A number `put_gamma` wrote."""
        k = 1
        while self.take(2):
            k += 1
            if k > MAX_GAMMA_BITS:
                raise DigitsError("a number in the code is too long")
        return (1 << (k - 1)) + self.take(1 << (k - 1)) - 1

    def done(self) -> None:
        """Every digit was read: DigitsError when the number holds more."""
        if self.rest:
            raise DigitsError("the code holds more than its answers")


def to_symbols(n: int) -> list[int]:
    """An integer as base-32 symbols, most significant first (at least one)."""
    out = []
    while True:
        n, s = divmod(n, 32)
        out.append(s)
        if not n:
            return out[::-1]


def from_symbols(symbols: list[int]) -> int:
    """Base-32 symbols back to an integer."""
    n = 0
    for s in symbols:
        n = n * 32 + s
    return n
