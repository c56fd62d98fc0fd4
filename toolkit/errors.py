"""The toolkit's own exceptions.

Every error caused by a user's input is a :class:`ToolkitError` whose message
is one line naming the file (and line, where there is one). The command line
prints that line and exits non-zero, without a traceback.
"""

from __future__ import annotations

import os


class ToolkitError(Exception):
    """An error in the user's input or request, explained in one line."""

    def __init__(self, message: str, *, path: str | os.PathLike[str] | None = None, line: int | None = None):
        self.path = None if path is None else os.fspath(path)
        self.line = line
        self._message = str(message)
        where = ""
        if self.path is not None:
            where = self.path if line is None else f"{self.path}:{line}"
            where += ": "
        # one line, always
        super().__init__(where + " ".join(str(message).split()))

    def __reduce__(self) -> tuple[object, ...]:
        # keep path and line when the error crosses processes (a Dask worker's error reaching the driver)
        return (_rebuild, (type(self), self._message, self.path, self.line))


def _rebuild(cls: type[ToolkitError], message: str, path: str | None, line: int | None) -> ToolkitError:
    return cls(message, path=path, line=line)


class InputError(ToolkitError):
    """A file or value given to the toolkit cannot be read or is not valid."""


class DataNotFoundError(ToolkitError):
    """A validation or benchmark data set is not where the toolkit looked for it."""
