"""Typed errors with stable codes: each says, in one line, what is wrong with an input file.

The code goes into ``outputs/manifest.csv`` (status column) and the message into its error column.
"""

from __future__ import annotations


class VnReportsError(Exception):
    code = "E000"
    status = "failed"

    def __str__(self) -> str:  # one line, prefixed with the code
        msg = super().__str__().replace("\n", " ")
        return f"{self.code} {msg}"


class InputError(VnReportsError):
    """Something is wrong with an input file; the batch goes on."""

    code = "E100"


class EmptyFile(InputError):
    code = "E101"


class NotADocument(InputError):
    code = "E102"


class CorruptFile(InputError):
    code = "E103"


class EncryptedPDF(InputError):
    code = "E104"


class ImageTooLarge(InputError):
    code = "E105"


class PageTimeout(InputError):
    code = "E106"


class OCRFailed(InputError):
    code = "E107"


class StageError(VnReportsError):
    """A stage broke on a document that was read fine (a bug, or unexpected content)."""

    code = "E200"


class ContractError(StageError):
    """A stage wrote something the declared contract between stages does not allow (a bug)."""

    code = "E201"


class MissingDependency(VnReportsError):
    """An external program or model file is missing (tesseract, its language data, ...)."""

    code = "E300"
