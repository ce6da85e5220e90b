"""The atomic writer gives a file the permissions a plain write would: a new file 0666 less the umask (not
mkstemp's private 0600, which made a re-run notebook or README unreadable to the group), a replaced file its own."""

from __future__ import annotations

import os
import stat

from timeline.atomic import copy_atomic, write_atomic


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_mode_and_a_replaced_file_keeps_its_own(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", "x")
        copy_atomic(tmp_path / "new.txt", tmp_path / "copy.txt")
        assert _mode(tmp_path / "new.txt") == _mode(tmp_path / "copy.txt") == 0o644
        (tmp_path / "kept.txt").write_text("old")
        (tmp_path / "kept.txt").chmod(0o640)
        write_atomic(tmp_path / "kept.txt", "new")
        copy_atomic(tmp_path / "new.txt", tmp_path / "kept.txt")
        assert _mode(tmp_path / "kept.txt") == 0o640 and (tmp_path / "kept.txt").read_text() == "x"
    finally:
        os.umask(old)
