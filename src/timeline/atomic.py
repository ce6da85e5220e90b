"""Writing outputs whole or not at all: to a temporary file beside the target, then renamed over it.

A reader (or a later run) sees either the old file or the new one, never a truncated one: a full disk, an
error or Ctrl-C while writing leaves the old file as it was and removes the temporary one.

Example:
    >>> path = getfixture("tmp_path") / "out.txt"
    >>> write_atomic(path, "new\\n")
    >>> path.read_text(), sorted(p.name for p in path.parent.iterdir())
    ('new\\n', ['out.txt'])
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

__all__ = ["copy_atomic", "write_atomic"]


def _write_all(fh, data: bytes) -> None:
    fh.write(data)


def _mode(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else what ``open`` would give a new
    file (0666 less the umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path | str, data: str | bytes, *, newline: str = "") -> None:
    """Write ``data`` (text as UTF-8, line ends as given) to ``path`` through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = (data.replace("\n", newline) if newline else data).encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _mode(path))  # mkstemp makes the file private (0600): give it the mode it should have
        with os.fdopen(fd, "wb") as fh:
            _write_all(fh, data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def copy_atomic(src: Path | str, dst: Path | str) -> None:
    """Copy a file to ``dst`` through a temporary file and a rename."""
    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _mode(dst))
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            while chunk := inp.read(1 << 20):
                _write_all(out, chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
