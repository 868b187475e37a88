"""What to tell a user whose data folder cannot be used: one line saying what failed, where,
and the fix (the embedded store's errors; a SPARQL server's are the server's).

The system's error is read for its cause (its errno, else RocksDB's text, which carries no
errno): no permission, a read-only file system, a full disk, another process holding the
store, or a file where the folder should be.

>>> line = open_failure(Path("/srv/finreg"), PermissionError(13, "Permission denied"), False)
>>> line.startswith("cannot write the store in /srv/finreg: permission denied; give the user")
True
>>> line.endswith("or choose another data folder with --data DIR or FINREG_DATA")
True
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

FIX_ELSEWHERE = "choose another data folder with --data DIR or FINREG_DATA"

_CAUSES = (
    ("permission", (errno.EACCES, errno.EPERM), "permission denied"),
    ("read-only", (errno.EROFS,), "read-only file system"),
    ("full", (errno.ENOSPC, errno.EDQUOT), "no space left on device"),
    ("in the way", (errno.EEXIST, errno.ENOTDIR), "not a directory"),
)


def cause(error: OSError) -> str | None:
    """Why ``error`` happened, as far as a user can fix it: ``permission``, ``read-only``,
    ``full``, ``in the way``, ``locked``, or None."""
    text = str(error).lower()
    for name, numbers, words in _CAUSES:
        if error.errno in numbers or words in text:
            return name
    if "lock" in text:
        return "locked"
    return None


def user() -> str:
    """The user finreg runs as, by name where the system knows it."""
    try:
        import pwd  # not on every platform

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError, AttributeError):
        return f"uid {os.geteuid()}" if hasattr(os, "geteuid") else "this user"


def _existing(directory: Path) -> Path:
    """``directory``, or its nearest folder that exists (the one to make writable)."""
    for candidate in (directory, *directory.parents):
        if candidate.exists():
            return candidate
    return directory


def open_failure(directory: Path, error: OSError, read_only: bool) -> str:
    """The line for a store in ``directory`` that could not be opened (for reading only, or
    for writing)."""
    found = cause(error)
    if found == "in the way" or (directory.exists() and not directory.is_dir()):
        return f"{directory} is a file, not a store folder; {FIX_ELSEWHERE}"
    if found == "locked":
        return (
            f"cannot open the store in {directory} for writing: another finreg process, such "
            "as 'finreg serve', has it open; stop it first (commands that only read work "
            "meanwhile)"
        )
    if found == "permission":
        verb, access = ("read", "read") if read_only else ("write", "read and write")
        return (
            f"cannot {verb} the store in {directory}: permission denied; give the user "
            f"finreg runs as ({user()}) {access} access to {_existing(directory)}, or "
            f"{FIX_ELSEWHERE}"
        )
    if found == "read-only":
        return (
            f"cannot write the store in {directory}: its file system is read-only; remount it "
            f"read-write, or {FIX_ELSEWHERE} (commands that only read work as they are)"
        )
    if found == "full":
        return (
            f"cannot write the store in {directory}: no space left on device; free some "
            f"space, or {FIX_ELSEWHERE}"
        )
    return f"cannot open the store in {directory}: {error}"


def write_failure(location: str, error: OSError) -> str:
    """The line for a write to the open store at ``location`` that failed (a full disk, a
    folder whose permissions changed): the system's own words, then the fix."""
    fixes = {
        "permission": f"give the user finreg runs as ({user()}) write access to {location}",
        "read-only": "remount its file system read-write",
        "full": "free some space",
    }
    fix = fixes.get(cause(error) or "")
    detail = error.strerror or str(error)
    if fix is None:
        return f"cannot write the store in {location}: {detail}"
    return f"cannot write the store in {location}: {detail}; {fix}, or {FIX_ELSEWHERE}"


def missing_store(directory: Path) -> str:
    """The line for a command that reads a store where there is none."""
    if directory.exists() and not directory.is_dir():
        return f"{directory} is a file, not a store folder; {FIX_ELSEWHERE}"
    return (
        f"no store in {directory}: load some files first ('finreg load FILE...'), or "
        "point --data DIR or FINREG_DATA at the folder of a store"
    )
