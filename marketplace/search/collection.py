"""One document type's index: keeping a fresh snapshot open, and writing.

Reading: the snapshot (open segment readers plus cached numpy views) is
reused across searches.  At most every `refresh_interval` seconds we check
CURRENT (a rebuild swapped generations) and the latest TOC generation (a
commit); only segments we have not seen are opened, so a commit costs the
size of the change, not of the index.

Writing: every write is a short transaction under the cross-process flock:
Whoosh commit, fsync, then the applied sequence.  A crash between the commit
and the sequence leaves the sequence behind, so the application replays a
few changes (upserts and deletes are idempotent) - never the reverse.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from whoosh.index import TOC, FileIndex, clean_files
from whoosh.reading import SegmentReader
from whoosh.writing import MERGE_SMALL, SegmentWriter

from marketplace.search import builder
from marketplace.search.codec import EngineCodec
from marketplace.search.feed import FeedBatch, advance, gaps_of
from marketplace.search.schema import ID, DocType, build_schema
from marketplace.search.segments import PostingsCache, SegmentView, Snapshot
from marketplace.search.store import INDEXNAME, DoctypeStore, fsync_files

# ("upsert", [extracted docs], batch) / ("delete", [ids], batch): batch is where the feed now is
Op = tuple[str, list[Any], FeedBatch | int | None]
_RETRYABLE = (OSError, EOFError, ValueError)


class RebuildInProgressError(RuntimeError):
    """Only one rebuild of a document type may run at a time."""


class IndexOutdatedError(RuntimeError):
    """The index was built from an older document type definition."""


class IndexUnavailableError(RuntimeError):
    """The index is missing or cannot be read: it needs rebuilding from the database."""


@contextlib.contextmanager
def closing_on_error(storage: Any) -> Iterator[None]:
    """Close the files Whoosh opens from `storage` in this block if it raises: TOC.read and
    SegmentReader leave them open when a file is corrupt (then the garbage collector warns)."""
    opened: list[Any] = []
    open_file = storage.open_file

    def tracking_open(*args: Any, **kwargs: Any) -> Any:
        handle = open_file(*args, **kwargs)
        opened.append(handle)
        return handle

    storage.open_file = tracking_open
    try:
        yield
    except BaseException:
        for handle in opened:
            with contextlib.suppress(Exception):
                handle.close()
        raise
    finally:
        del storage.open_file  # back to the class's method


class Collection:
    def __init__(
        self, root: Path, doctype: DocType, cache: PostingsCache, lock_timeout: float, refresh_interval: float
    ) -> None:
        self.doctype = doctype
        self.store = DoctypeStore(root, doctype.name, lock_timeout)
        self.cache = cache
        self.refresh_interval = refresh_interval
        self.lock = threading.RLock()  # Whoosh file objects are not thread-safe
        self._gen: str | None = None
        self._storage: Any = None
        self._toc_gen = -1
        self._views: dict[str, SegmentView] = {}
        self._snap: Snapshot | None = None
        self._checked = float("-inf")
        self._had_index = False  # this process has seen a generation: its disappearance is a fault

    # -- reading -------------------------------------------------------------
    def snapshot(self) -> Snapshot | None:
        """Call with self.lock held."""
        now = time.monotonic()
        if now - self._checked < self.refresh_interval:
            return self._snap
        for attempt in range(6):
            try:
                self._refresh()
                break
            except _RETRYABLE as error:
                # A concurrent merge deleted files between our reading the
                # TOC and opening them; the next TOC will not mention them.
                if attempt == 5:
                    self.close()
                    raise IndexUnavailableError(f"the {self.doctype.name} index cannot be read: {error!r}") from error
                time.sleep(0.01 * (attempt + 1))
            except Exception as error:  # a corrupt file: pickle, zlib, struct errors...
                self.close()
                raise IndexUnavailableError(f"the {self.doctype.name} index cannot be read: {error!r}") from error
        self._checked = time.monotonic()
        return self._snap

    def _refresh(self) -> None:
        gen = self.store.current_name()
        if gen is None and self._had_index:
            raise IndexUnavailableError(f"the {self.doctype.name} index has disappeared")
        if gen is not None and not self.store.generation_dir(gen).is_dir():
            raise IndexUnavailableError(f"the {self.doctype.name} index folder {gen} is missing")
        if gen != self._gen:
            self.close()
            self._gen = gen
            self._had_index = self._had_index or gen is not None
            self._storage = self.store.storage(gen) if gen else None
        if self._storage is None:
            return
        latest = TOC._latest_generation(self._storage, INDEXNAME)
        if latest == self._toc_gen and self._snap is not None:
            return
        opened: list[SegmentView] = []
        views = []
        with closing_on_error(self._storage):
            toc = TOC.read(self._storage, INDEXNAME, gen=latest)
        try:
            for segment in toc.segments:
                view = self._views.get(segment.segid)
                if view is None:
                    with closing_on_error(self._storage):
                        reader = SegmentReader(self._storage, toc.schema, segment, generation=latest)
                    view = SegmentView(reader, segment.segid, segment.doc_count_all(), self.cache)
                    opened.append(view)
                views.append(view)
            snap = Snapshot(views, list(toc.segments), self.doctype)
        except BaseException:
            for view in opened:
                view.close()
            raise
        current = {v.segid for v in views}
        gone = {segid: v for segid, v in self._views.items() if segid not in current}
        for view in gone.values():
            view.close()
        self.cache.forget_segments(set(gone))
        self._views = {v.segid: v for v in views}
        self._snap = snap
        self._toc_gen = latest

    def status(self) -> str:
        """ "ok", "empty" (never written), "missing" (its files are gone) or "unreadable"."""
        gen = self.store.current_name()
        if gen is None:
            return "missing" if self._had_index else "empty"
        if not self.store.generation_dir(gen).is_dir():
            return "missing"
        with self.lock:  # the snapshot is re-checked at most every refresh_interval: cheap per search
            try:
                self.snapshot()
            except IndexUnavailableError:
                return "unreadable"
        return "ok"

    def check(self) -> tuple[str, dict[str, Any]]:
        """`status()` and `state()` together, each file read once: the per-search health check."""
        gen = self.store.current_name()
        if gen is None:
            return ("missing" if self._had_index else "empty"), {"sequence": 0, "fingerprint": None}
        if not self.store.has_generation(gen):
            return "missing", {"sequence": 0, "fingerprint": None}
        with self.lock:
            try:
                self.snapshot()
            except IndexUnavailableError:
                return "unreadable", self.store.read_state(gen)
        return "ok", self.store.read_state(gen)

    def _check_readable(self, gen: str) -> None:
        try:
            storage = self.store.storage(gen)
            with closing_on_error(storage):
                TOC.read(storage, INDEXNAME)
        except Exception as error:
            raise IndexUnavailableError(f"the {self.doctype.name} index cannot be read: {error!r}") from error

    def invalidate(self) -> None:
        """Make the next search check for changes (after our own writes)."""
        self._checked = float("-inf")

    def close(self) -> None:
        for view in self._views.values():
            view.close()
        self.cache.forget_segments(set(self._views))
        self._views, self._snap, self._toc_gen, self._gen = {}, None, -1, None

    # -- writing -------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        gen = self.store.current_name()
        return self.store.read_state(gen) if gen else {"sequence": 0, "fingerprint": None}

    def write(self, op: Op) -> None:
        with self.store.write_lock():
            gen = self._ensure_current()
            self._check_readable(gen)
            state = self.store.read_state(gen)
            if state.get("fingerprint") != self.doctype.fingerprint():
                raise IndexOutdatedError(f"the {self.doctype.name} index needs a rebuild (definition changed)")
            if op[1]:
                self._apply(gen, [op])
            rebuilding = self.store.rebuilding_name()
            if rebuilding and rebuilding != gen:
                self.store.append_journal(rebuilding, op)
            self._advance(gen, state, op[2])
        self.invalidate()

    def _ensure_current(self) -> str:
        gen = self.store.current_name()
        if gen is None:
            if self._had_index:  # we had one: it was deleted under us
                raise IndexUnavailableError(f"the {self.doctype.name} index has disappeared")
            gen = self.store.new_generation()
            self._create_index(gen)
            self.store.write_state(gen, {"sequence": 0, "fingerprint": self.doctype.fingerprint()})
            self.store.set_current(gen)
        return gen

    def _create_index(self, gen: str) -> Any:
        storage = self.store.storage(gen)
        storage.create()
        storage.create_index(build_schema(self.doctype), INDEXNAME)
        return storage

    def _apply(self, gen: str, ops: list[Op]) -> None:
        storage = self.store.storage(gen)
        directory = self.store.generation_dir(gen)
        before = set(os.listdir(directory))
        writer = SegmentWriter(
            FileIndex(storage, indexname=INDEXNAME), codec=EngineCodec(), compound=False, timeout=5.0, delay=0.01
        )
        try:
            for kind, items, _seq in ops:
                for item in items:
                    if kind == "upsert":
                        writer.update_document(**item)
                    else:
                        writer.delete_by_term(ID, item)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=MERGE_SMALL)
        fsync_files(directory, sorted(set(os.listdir(directory)) - before))

    def _advance(self, gen: str, state: dict[str, Any], batch: FeedBatch | int | None) -> None:
        new = advance(state, batch)
        if new != state:
            self.store.write_state(gen, new)

    # -- rebuilding ----------------------------------------------------------
    def rebuild(
        self,
        docs: Iterable[dict[str, Any]],
        *,
        total: int | None,
        progress: Any,
        sequence: int | None,
        procs: int,
        reset_sequence: bool = False,
        missing: tuple[int, ...] = (),
    ) -> int:
        with contextlib.ExitStack() as stack:
            with self.store.write_lock():
                if self.store.rebuilding_name():
                    raise RebuildInProgressError(f"a {self.doctype.name} rebuild is already running")
                gen = self.store.new_generation()
                storage = self._create_index(gen)
                # From here on, writers also journal into the new generation.
                stack.enter_context(self.store.building(gen))
            counted = _Counter(docs)
            if procs > 1:
                segments = builder.build_segments_parallel(
                    str(self.store.generation_dir(gen)), INDEXNAME, self.doctype, counted, procs, total, progress
                )
            else:
                schema = storage.open_index(INDEXNAME).schema
                segments = builder.build_segments_inline(
                    storage, INDEXNAME, schema, self.doctype, counted, total, progress
                )
            schema = storage.open_index(INDEXNAME).schema
            TOC(schema, segments, 1).write(storage, INDEXNAME)
            clean_files(storage, INDEXNAME, 1, segments)
            shutil.rmtree(self.store.generation_dir(gen) / f"{INDEXNAME}.tmp", ignore_errors=True)
            self._had_index = True
            self._swap_in(gen, FeedBatch(upto=int(sequence or 0), missing=missing), reset_sequence)
        self.invalidate()
        return counted.count

    def _swap_in(self, gen: str, batch: FeedBatch, reset_sequence: bool = False) -> None:
        with self.store.write_lock():
            ops = self.store.read_journal(gen)
            if ops:
                self._apply(gen, ops)
            previous = self.store.current_name()
            # A reset (the database was restored to an older state) must not keep the old, higher sequence.
            old = self.store.read_state(previous) if previous and not reset_sequence else {}
            state: dict[str, Any] = {"sequence": 0, "gaps": {}, "fingerprint": self.doctype.fingerprint()}
            # The build read the database after `batch.upto`'s moment: its gaps are the ones to wait for.
            state = advance(state, batch)
            state = advance(state, FeedBatch(upto=int(old.get("sequence", 0))))
            state["gaps"] = {**{str(k): v for k, v in gaps_of(old).items()}, **state["gaps"]}
            for op in ops:  # writes made during the build moved the feed on too
                state = advance(state, op[2])
            self.store.write_state(gen, state)
            directory = self.store.generation_dir(gen)
            fsync_files(directory, os.listdir(directory))
            self.store.set_current(gen)
            self.store.remove_old_generations(keep={gen} if previous is None else {gen, previous})


class _Counter:
    def __init__(self, docs: Iterable[dict[str, Any]]) -> None:
        self.docs = docs
        self.count = 0

    def __iter__(self) -> Any:
        for doc in self.docs:
            self.count += 1
            yield doc
