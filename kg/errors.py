"""One exception family for govkg. The CLI turns each into a one-line error and an exit code."""
from __future__ import annotations

__all__ = ["GovKGError", "InputError", "StoreError", "QueryError", "ValidationError"]


class GovKGError(Exception):
    """Base class of every error govkg raises on purpose."""


class InputError(GovKGError):
    """An input file could not be read or parsed; the message names the file and the problem."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class StoreError(GovKGError):
    """The persistent store could not be opened or written."""


class QueryError(GovKGError):
    """A SPARQL query was malformed, refused, or ran past its limits."""


class ValidationError(GovKGError):
    """A graph does not conform to the SHACL shapes."""
