"""On-disk layout, cross-process write lock, durable state and rebuild journal.

    <root>/<doctype>/
        write.lock          flock held for every write transaction (all processes)
        CURRENT             name of the live generation, replaced atomically
        REBUILDING          name of a generation being built (journal target)
        gen-000007/         a complete Whoosh index ("MAIN") plus
            state.json      {"sequence": int, "fingerprint": str}
            journal.pickle  writes made while this generation was being built
            .building       flock held by the rebuilding process

Why a generation directory per rebuild: readers with the old index open keep
reading it, new readers follow CURRENT, and nothing is half-built in place.
Why our own flock rather than Whoosh's lock: Whoosh's raises LockError at
once; we want writers from several gunicorn processes to queue for a short
while, and the same lock protects the sequence file and the journal.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import pickle
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage

INDEXNAME = "MAIN"
_GEN_PREFIX = "gen-"


class IndexBusyError(RuntimeError):
    """Another process held the write lock for longer than the timeout."""


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write-then-rename so readers never see a torn file, fsynced so a crash
    cannot leave the new name pointing at missing bytes."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def fsync_files(directory: Path, names: Iterator[str] | list[str]) -> None:
    for name in names:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            fd = os.open(directory / name, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(directory)


class DoctypeStore:
    """Files of one document type's index."""

    def __init__(self, root: Path, doctype: str, lock_timeout: float) -> None:
        self.root = root / doctype
        self.root.mkdir(parents=True, exist_ok=True)
        self.lock_timeout = lock_timeout
        # Read before every search (the CURRENT and state files): plain strings, not Path objects made each time.
        self._root = str(self.root)
        self._current = os.path.join(self._root, "CURRENT")

    # -- locking ---------------------------------------------------------
    @contextlib.contextmanager
    def write_lock(self) -> Iterator[None]:
        """Exclusive across processes and threads (flock is per open file)."""
        self.root.mkdir(parents=True, exist_ok=True)  # the folder may have been deleted under us
        handle = open(self.root / "write.lock", "a+b")
        try:
            deadline = time.monotonic() + self.lock_timeout
            delay = 0.002
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() > deadline:
                        raise IndexBusyError(f"search index {self.root} is locked") from exc
                    time.sleep(delay)
                    delay = min(delay * 2, 0.05)
            yield
        finally:
            handle.close()  # closing releases the flock

    # -- generations -----------------------------------------------------
    def current_name(self) -> str | None:
        try:
            with open(self._current, encoding="utf-8") as handle:
                return handle.read().strip() or None
        except FileNotFoundError:
            return None

    def generation_dir(self, name: str) -> Path:
        return self.root / name

    def has_generation(self, name: str) -> bool:
        return os.path.isdir(os.path.join(self._root, name))

    def storage(self, name: str) -> FileStorage:
        # No mmap: mapped index pages would count towards the process RSS.
        return FileStorage(str(self.generation_dir(name)), supports_mmap=False)

    def new_generation(self) -> str:
        numbers = [
            int(p.name[len(_GEN_PREFIX) :])
            for p in self.root.glob(_GEN_PREFIX + "*")
            if p.name[len(_GEN_PREFIX) :].isdigit()
        ]
        name = f"{_GEN_PREFIX}{max(numbers, default=0) + 1:06d}"
        self.generation_dir(name).mkdir()
        return name

    def set_current(self, name: str) -> None:
        write_atomic(self.root / "CURRENT", name.encode())

    def remove_old_generations(self, keep: set[str]) -> None:
        """Delete generations except `keep`; the previous one is kept by the
        caller so a search that started just before the swap can finish."""
        for path in self.root.glob(_GEN_PREFIX + "*"):
            if path.name not in keep and not self._being_built(path.name):
                shutil.rmtree(path, ignore_errors=True)

    def _being_built(self, name: str) -> bool:
        try:
            handle = open(self.generation_dir(name) / ".building", "rb")
        except FileNotFoundError:
            return False
        with handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return True
        return False

    # -- state -----------------------------------------------------------
    def read_state(self, name: str) -> dict[str, Any]:
        try:
            with open(os.path.join(self._root, name, "state.json"), encoding="utf-8") as handle:
                return json.loads(handle.read())
        except FileNotFoundError:
            return {"sequence": 0, "fingerprint": None}

    def write_state(self, name: str, state: dict[str, Any]) -> None:
        write_atomic(self.generation_dir(name) / "state.json", json.dumps(state).encode())

    # -- rebuild journal -----------------------------------------------------
    @contextlib.contextmanager
    def building(self, name: str) -> Iterator[None]:
        """Mark `name` as being rebuilt; held flock proves the builder is alive."""
        handle = open(self.generation_dir(name) / ".building", "a+b")
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            write_atomic(self.root / "REBUILDING", name.encode())
            yield
        finally:
            with contextlib.suppress(FileNotFoundError):
                if (self.root / "REBUILDING").read_text().strip() == name:
                    (self.root / "REBUILDING").unlink()
            handle.close()

    def rebuilding_name(self) -> str | None:
        """The generation under construction, if its builder is still alive."""
        try:
            name = (self.root / "REBUILDING").read_text().strip()
        except FileNotFoundError:
            return None
        # A held flock on .building proves the builder is alive; otherwise
        # the marker is left over from a crashed rebuild.
        return name if self._being_built(name) else None

    def append_journal(self, name: str, op: tuple[Any, ...]) -> None:
        with open(self.generation_dir(name) / "journal.pickle", "ab") as handle:
            pickle.dump(op, handle, protocol=pickle.HIGHEST_PROTOCOL)

    def read_journal(self, name: str) -> list[tuple[Any, ...]]:
        ops = []
        try:
            with open(self.generation_dir(name) / "journal.pickle", "rb") as handle:
                while True:
                    try:
                        ops.append(pickle.load(handle))
                    except EOFError:
                        break
        except FileNotFoundError:
            pass
        return ops
