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


class FileTooLarge(InputError):
    """More bytes than the configured limit for its kind (``Limits.max_bytes`` / ``max_text_bytes``)."""

    code = "E108"


class TooManyPages(InputError):
    """More pages than ``Limits.max_pages``: refused before any page is read."""

    code = "E109"


class Unreadable(InputError):
    """The operating system refused to read the file (permissions, I/O error, vanished)."""

    code = "E110"


class SpecialFile(InputError):
    """A FIFO, device or socket: never opened (reading a FIFO would block the run forever)."""

    code = "E111"


class OutsideRoot(InputError):
    """A symbolic link whose target lies outside the input folder: not followed."""

    code = "E112"


class UnreadableFolder(InputError):
    """A folder under the input that cannot be listed: its files are not in the run."""

    code = "E113"


class FileTimeout(InputError):
    """The file used more than ``Limits.file_timeout`` seconds of work; its remaining pages were dropped."""

    code = "E114"


class OutputFolderInInput(InputError):
    """A folder under the input holds a vnreports output (another run's): not read as input."""

    code = "E115"


class WorkerLost(InputError):
    """The worker reading this file died (killed, out of memory) twice in a row."""

    code = "E116"


class StageError(VnReportsError):
    """A stage broke on a document that was read fine (a bug, or unexpected content)."""

    code = "E200"


class ContractError(StageError):
    """A stage wrote something the declared contract between stages does not allow (a bug)."""

    code = "E201"


class EmitError(StageError):
    """A document's rows break the dataset's schema: the document is left out, the others are written."""

    code = "E202"


class MissingDependency(VnReportsError):
    """An external program or model file is missing (tesseract, its language data, ...)."""

    code = "E300"


class OutputBusy(VnReportsError):
    """Another run holds the output folder's lock."""

    code = "E301"


class SchedulerUnavailable(VnReportsError):
    """The Dask scheduler named by ``--scheduler`` cannot be reached (or Dask is not installed)."""

    code = "E302"
