"""Fatal errors: problems that stop a run before anything is written.

Data problems are never raised; they are collected as findings (see findings.py).
Every message here is what the user reads, so it is in Bahasa Indonesia and says
how to fix the problem.
"""


class SakipError(Exception):
    """A fatal problem with a message for the user (Bahasa Indonesia)."""

    exit_code = 3

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InputFileError(SakipError):
    """The file cannot be read as a workbook (missing, not xlsx, encrypted, broken)."""

    exit_code = 3


class WorkbookLayoutError(SakipError):
    """The workbook is readable but lacks what the tool needs (a sheet, a column)."""

    exit_code = 3


class OutputError(SakipError):
    """The result cannot be written (read-only, missing folder, name conflict)."""

    exit_code = 4
