"""Writing outputs whole or not at all: to a temporary file beside the target, then renamed over it.

A reader (or a later run) sees either the old file or the new one, never a truncated one: a full disk, an
error or Ctrl-C while writing leaves the old file as it was and removes the temporary one.

A folder of outputs (the export's ``reports/``) is replaced whole the same way (:func:`staged_folder`): it is
written as a copy beside it and swapped in by one atomic step, so a reader, or a folder left by a process
killed at any point, holds the old files or the new ones, never a mix of two.

Example:
    >>> path = getfixture("tmp_path") / "out.txt"
    >>> write_atomic(path, "new\\n")
    >>> path.read_text(), sorted(p.name for p in path.parent.iterdir())
    ('new\\n', ['out.txt'])
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import filecmp
import functools
import os
import shutil
import signal
import stat
import tempfile
import threading
from pathlib import Path

__all__ = ["check_folder", "copy_atomic", "staged_folder", "swap_folders", "write_atomic"]


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
def _name(exc: BaseException, path: Path) -> None:
    """Raise ``exc`` again; an OSError that names no file (a full disk says only "No space left on device")
    names the output it could not write."""
    if isinstance(exc, OSError) and exc.filename is None and exc.errno is not None:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    raise exc


@contextlib.contextmanager
def _replacing(path: Path):
    """A binary file handle whose bytes replace ``path`` whole once the block ends: written to a temporary file
    beside it (with the mode a plain write would give), synced, renamed over it; on any error the temporary file
    is removed, ``path`` is left as it was and the error names ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _mode(path))  # mkstemp makes the file private (0600): give it the mode it should have
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        _name(exc, path)


def write_atomic(path: Path | str, data: str | bytes, *, newline: str = "") -> None:
    """Write ``data`` (text as UTF-8, line ends as given) to ``path`` through a temporary file and a rename."""
    if isinstance(data, str):
        data = (data.replace("\n", newline) if newline else data).encode("utf-8")
    with _replacing(Path(path)) as fh:
        _write_all(fh, data)


def copy_atomic(src: Path | str, dst: Path | str) -> None:
    """Copy a file to ``dst`` through a temporary file and a rename."""
    with _replacing(Path(dst)) as out, open(src, "rb") as inp:
        while chunk := inp.read(1 << 20):
            _write_all(out, chunk)


# --------------------------------------------------------------------------- a folder, swapped in whole

_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


@functools.lru_cache(maxsize=1)
def _renameat2():
    """glibc's renameat2 (Linux, glibc 2.28 and later), or None."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two folders in one atomic step (``renameat2(RENAME_EXCHANGE)``); False where the system or the
    file system cannot."""
    fn = _renameat2()
    if fn is None:
        return False
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_folders(new: Path, folder: Path) -> None:
    """Put the folder ``new`` in the place of ``folder``; ``new`` then holds the old contents (or is gone when
    there were none). One atomic exchange where the system has it (Linux); elsewhere two renames, between which
    ``folder`` is briefly absent (:func:`staged_folder` puts the old one back if a process dies there): never a
    mix of the two. Ctrl-C and SIGTERM are held back meanwhile."""
    held = {signal.SIGINT, signal.SIGTERM}
    in_main = threading.current_thread() is threading.main_thread()
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, held) if in_main else None
    try:
        if new.parent != folder.parent:  # staged inside the folder (its parent is not writable)
            _replace_entries(new, folder)
        elif not folder.exists():
            os.rename(new, folder)
        else:
            try:
                exchanged = _exchange(new, folder)
            except OSError as exc:
                if exc.errno not in (errno.EBUSY, errno.EXDEV):
                    raise
                _replace_entries(new, folder)  # a mount point cannot be exchanged
                return
            if not exchanged:
                old = new.with_name(new.name.replace(".new-", ".old-", 1))
                os.rename(folder, old)
                os.rename(new, folder)
                os.rename(old, new)
    finally:
        if old_mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)


def _replace_entries(new: Path, folder: Path) -> None:
    """The last resort where the folder cannot be swapped (a mount point, a parent that is not writable): its
    entries are replaced one by one by those of ``new`` and the others removed. Each file is whole, but a process
    killed meanwhile leaves a mix; the export says nothing of it, as this is rare (the copy of a mount point)."""
    names = {e.name for e in os.scandir(new)}
    for name in sorted(names):
        src, dst = new / name, folder / name
        if src.is_dir() and not src.is_symlink() and dst.is_dir() and not dst.is_symlink():
            _replace_entries(src, dst)
        elif not (dst.exists() and os.path.samefile(src, dst)):
            if dst.is_dir() and not dst.is_symlink():
                shutil.rmtree(dst)
            os.replace(src, dst)
    for entry in os.scandir(folder):
        if entry.name not in names and not (folder / entry.name).samefile(new) and not entry.name.startswith(
                f".{folder.name}.new-"):
            shutil.rmtree(entry.path) if entry.is_dir(follow_symlinks=False) else os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _leftovers(folder: Path) -> None:
    """Tidy what a killed run left beside ``folder``: its copy (removed) and, where a run died between the two
    renames of the fallback, the old folder (put back)."""
    for stale in sorted(folder.parent.glob(f".{folder.name}.*-*-*")):
        kind, _, rest = stale.name[len(folder.name) + 2:].partition("-")
        pid = rest.split("-", 1)[0]
        if kind not in ("new", "old") or not pid.isdigit() or _alive(int(pid)):
            continue
        if kind == "old" and not folder.exists():
            os.rename(stale, folder)
        else:
            shutil.rmtree(stale, ignore_errors=True)


def _link_tree(src: Path, dst: Path) -> None:
    """Fill ``dst`` with the files of ``src`` as hard links (a copy where links cannot be made). The writers
    of this module replace a file by a rename, never write into it, so the linked original stays as it was."""
    for entry in os.scandir(src):
        target = dst / entry.name
        if entry.name.startswith(f".{src.name}.new-"):  # a copy staged inside the folder
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), target)
        elif entry.is_dir():
            target.mkdir()
            _link_tree(Path(entry.path), target)
        else:
            try:
                os.link(entry.path, target)
            except OSError:
                shutil.copy2(entry.path, target)


def _keep_unchanged(stage: Path, folder: Path) -> None:
    """Link each file of ``folder`` over the file of the same name in ``stage`` that has the same bytes."""
    for entry in os.scandir(stage):
        old = folder / entry.name
        if not entry.is_file(follow_symlinks=False) or not old.is_file() or old.is_symlink():
            continue
        if os.path.samefile(entry.path, old) or not filecmp.cmp(entry.path, old, shallow=False):
            continue
        tmp = stage / f".{entry.name}.keep"
        os.link(old, tmp)
        os.replace(tmp, entry.path)


def check_folder(folder: Path | str) -> None:
    """Raise the error :func:`staged_folder` would raise for ``folder`` if it, or the nearest of its parents
    that exists, is not a folder: a command checks its output folder with it before any work, not after.

    >>> (getfixture("tmp_path") / "a-file").write_text("x")
    1
    >>> check_folder(getfixture("tmp_path") / "a-file" / "below")
    Traceback (most recent call last):
    NotADirectoryError: [Errno 20] not a folder: '...a-file'
    """
    folder = Path(folder)
    folder = folder.resolve() if folder.is_symlink() else folder
    for path in (folder, *folder.parents):
        if path.exists():
            if not path.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(path))
            return


@contextlib.contextmanager
def staged_folder(folder: Path | str, *, keep_unchanged: bool = False):
    """A copy of ``folder`` to write into, swapped in whole (:func:`swap_folders`) when the block ends without
    an error; on an error, Ctrl-C or a kill, ``folder`` keeps every old file and the copy is removed.

    The copy lies beside the folder (``.<name>.new-<pid>-*``, same file system) and starts as hard links to
    the folder's files: files the block does not write stay as they were, at no cost. Write into it only
    through :func:`write_atomic` and :func:`copy_atomic` (or by deleting), never into a file in place. A
    folder that is a symbolic link is resolved: its target is replaced. With ``keep_unchanged``, a file of the
    folder written again with the same bytes keeps its old copy (its time), as if not written.

    >>> folder = getfixture("tmp_path") / "reports"
    >>> with staged_folder(folder) as stage:
    ...     write_atomic(stage / "a.txt", "new")
    >>> sorted(p.name for p in folder.parent.iterdir()), (folder / "a.txt").read_text()
    (['reports'], 'new')
    """
    folder = Path(folder)
    if folder.is_symlink():
        folder = folder.resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    _leftovers(folder)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
    prefix = f".{folder.name}.new-{os.getpid()}-"
    try:
        if os.path.ismount(folder):
            raise PermissionError(errno.EBUSY, "a mount point cannot be swapped", str(folder))
        stage = Path(tempfile.mkdtemp(prefix=prefix, dir=folder.parent))
    except PermissionError:  # a mount point, a parent that is not writable: staged inside, replaced file by file
        if not folder.is_dir():
            raise
        _leftovers(folder / folder.name)
        stage = Path(tempfile.mkdtemp(prefix=prefix, dir=folder))
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(stage, folder.stat().st_mode & 0o7777 if folder.exists() else 0o777 & ~umask)
        if folder.exists():
            _link_tree(folder, stage)
        yield stage
        if keep_unchanged and folder.exists():
            _keep_unchanged(stage, folder)
        swap_folders(stage, folder)
    except OSError as exc:  # name the file as it would stand in the folder, not in the copy (removed below)
        name = os.fspath(exc.filename) if isinstance(exc.filename, (str, os.PathLike)) else None
        if name is not None and Path(name).is_relative_to(stage):
            raise OSError(exc.errno, exc.strerror, str(folder / Path(name).relative_to(stage))) from exc
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
