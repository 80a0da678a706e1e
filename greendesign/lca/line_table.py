"""The lines of a lifecycle model as columns of small integers and amounts.

A product of 10,000 parts has some 70,000 lines. Held as named tuples they
are slow to group and to score; held as columns (stage, dataset, part,
material and kind as codes into :class:`Vocabulary` lists, amounts as floats)
every grouping of the results is one ``numpy.bincount`` or one sparse product
(:mod:`greendesign.lca.engine`), and the live model
(:mod:`greendesign.lca.live`) replaces one part's rows without touching the
others.

A vocabulary only grows, so the codes of a table stay valid when a newer table
of the same live model adds strings: results taken before an edit keep their
meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from greendesign.lca.lifecycle import CREDIT, STAGES

#: Stage codes of a table: the five stages, then the credits beyond the boundary.
STAGE_CODES = (*STAGES, CREDIT)
CREDIT_CODE = STAGE_CODES.index(CREDIT)
_STAGE_INDEX = {stage: i for i, stage in enumerate(STAGE_CODES)}
#: The columns of :meth:`LineTable.frame`, as :func:`greendesign.lca.engine.lines_frame`.
COLUMNS = ("stage", "dataset", "amount", "part_id", "material", "kind")


class Vocabulary(dict):
    """Strings and their codes, 0, 1, 2 ... in order of first use (never reordered)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: list[str] = []
        self._array: np.ndarray | None = None

    def __missing__(self, value: str) -> int:
        code = self[value] = len(self.values)
        self.values.append(value)
        return code

    def array(self) -> np.ndarray:
        """The strings as an object array (code -> string by indexing)."""
        if self._array is None or len(self._array) != len(self.values):
            self._array = np.array(self.values, dtype=object)
        return self._array


@dataclass(frozen=True)
class Vocabularies:
    """The string columns' vocabularies of the tables of one model."""

    datasets: Vocabulary
    parts: Vocabulary
    materials: Vocabulary
    kinds: Vocabulary

    @classmethod
    def new(cls) -> Vocabularies:
        vocab = cls(Vocabulary(), Vocabulary(), Vocabulary(), Vocabulary())
        for column in (vocab.parts, vocab.materials, vocab.kinds):
            column[""]  # noqa: B018 - code 0 is the empty string (no part, material, kind)
        return vocab


@dataclass(frozen=True, eq=False)
class LineTable:
    """Lines as columns: ``stage`` (codes of :data:`STAGE_CODES`), ``dataset``, ``part``,
    ``material``, ``kind`` (codes of :attr:`vocab`) and ``amount``."""

    stage: np.ndarray
    dataset: np.ndarray
    amount: np.ndarray
    part: np.ndarray
    material: np.ndarray
    kind: np.ndarray
    vocab: Vocabularies

    @classmethod
    def from_lines(cls, lines, vocab: Vocabularies | None = None) -> LineTable:
        """The table of ``lines`` (:class:`~greendesign.lca.lifecycle.Line`), coded with
        ``vocab`` (grown as needed; a new one when None)."""
        vocab = vocab or Vocabularies.new()
        n = len(lines)
        if not n:
            return cls.empty(vocab)
        stages, datasets, amounts, parts, materials, kinds = zip(*lines, strict=True)
        return cls(np.fromiter(map(_STAGE_INDEX.__getitem__, stages), np.int8, n),
                   np.fromiter(map(vocab.datasets.__getitem__, datasets), np.int32, n),
                   np.array(amounts, dtype=float),
                   np.fromiter(map(vocab.parts.__getitem__, parts), np.int32, n),
                   np.fromiter(map(vocab.materials.__getitem__, materials), np.int32, n),
                   np.fromiter(map(vocab.kinds.__getitem__, kinds), np.int16, n), vocab)

    @classmethod
    def empty(cls, vocab: Vocabularies) -> LineTable:
        return cls(np.zeros(0, np.int8), np.zeros(0, np.int32), np.zeros(0), np.zeros(0, np.int32),
                   np.zeros(0, np.int32), np.zeros(0, np.int16), vocab)

    def __len__(self) -> int:
        return len(self.amount)

    def splice(self, pieces: list[tuple[int, int, LineTable]]) -> LineTable:
        """A new table with rows ``start:stop`` replaced by each piece's table.

        ``pieces`` are ``(start, stop, table)`` in increasing order, not overlapping, all
        coded with this table's vocabularies."""
        if not pieces:
            return self
        columns = []
        for name in ("stage", "dataset", "amount", "part", "material", "kind"):
            old = getattr(self, name)
            parts, at = [], 0
            for start, stop, table in pieces:
                parts += [old[at:start], getattr(table, name)]
                at = stop
            parts.append(old[at:])
            columns.append(np.concatenate(parts))
        return LineTable(*columns, self.vocab)

    @cached_property
    def in_total(self) -> np.ndarray:
        """Per line: whether it counts in the total (every stage but the credits)."""
        return self.stage != CREDIT_CODE

    def strings(self, column: str) -> np.ndarray:
        """One string column (``dataset``, ``part_id``, ``material``, ``kind``, ``stage``)
        as an object array."""
        if column == "stage":
            return np.array(STAGE_CODES, dtype=object)[self.stage]
        name = "part" if column == "part_id" else column
        vocab = getattr(self.vocab, {"dataset": "datasets", "part": "parts",
                                     "material": "materials", "kind": "kinds"}[name])
        return vocab.array()[getattr(self, name)]

    def frame(self) -> pd.DataFrame:
        """The lines as a frame with the columns of :data:`COLUMNS`."""
        return pd.DataFrame({column: self.amount if column == "amount" else
                             self.strings(column) for column in COLUMNS})

    def codes_matching(self, column: str, predicate) -> np.ndarray:
        """Per line: whether its ``column`` string satisfies ``predicate`` (decided once
        per distinct string)."""
        name = {"dataset": "datasets", "material": "materials", "kind": "kinds",
                "part_id": "parts"}[column]
        values = getattr(self.vocab, name).values
        hit = np.fromiter((bool(predicate(v)) for v in values), bool, len(values))
        return hit[getattr(self, "part" if column == "part_id" else column)]
