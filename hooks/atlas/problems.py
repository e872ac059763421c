"""A problem found in a file a contributor edits, said the way every message of the build says it:
`path:line: message` (the data files of the risk groups and of the evidence records share it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileProblem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"
