"""The corpus folder and the index kept in step: add, sync, remove, list, show.

The corpus folder is the source of truth; every write goes file first, index second, so an
interrupted run is completed by the next `sync`."""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.ingest.chunking import Chunker
from assistant.ingest import letterhead
from assistant.errors import ReleaseError, ReleaseNotFoundError, WriterBusyError
from assistant.records import IngestResult, IngestStatus, Release, ReleaseInfo, StoredChunk
from assistant.ingest.parsing import SUPPORTED_SUFFIXES, read_release
from assistant.ingest.sentences import RULES as SENTENCE_RULES
from assistant.settings import Settings
from assistant.index.store import ReleaseStore

log = logging.getLogger(__name__)

LOCK_NAME = ".writer.lock"
WRITE_BATCH = 32  # releases per index write when adding or syncing many



@dataclass(frozen=True)
class ReleaseView:
    info: ReleaseInfo
    text: str | None  # None when the corpus file is gone
    chunks: list[StoredChunk]


class Library:
    def __init__(self, settings: Settings, store: ReleaseStore, chunker: Chunker):
        self.settings = settings
        self.store = store
        self.chunker = chunker
        self.corpus_dir = settings.corpus_dir

    # -- paths -----------------------------------------------------------------------------------
    def source_for(self, corpus_path: Path) -> str:
        rel = corpus_path.resolve().relative_to(self.corpus_dir.resolve())
        return f"{self.corpus_dir.name}/{rel.as_posix()}"

    def path_for(self, source: str) -> Path:
        return self.corpus_dir / source.split("/", 1)[1]

    def corpus_files(self) -> list[Path]:
        if not self.corpus_dir.is_dir():
            return []
        return sorted(
            p
            for p in self.corpus_dir.rglob("*")
            if p.is_file()
            and p.suffix.lower() in SUPPORTED_SUFFIXES
            and not any(part.startswith((".", "_")) for part in p.relative_to(self.corpus_dir).parts)
            and not p.name.lower().startswith("readme")
        )

    @staticmethod
    def expand(paths: Iterable[Path]) -> list[Path]:
        """Files as given; folders by their supported files, recursively. Missing paths stay, to be
        reported."""
        out: list[Path] = []
        for path in paths:
            if path.is_dir():
                out.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
            else:
                out.append(path)
        return out

    # -- writing ---------------------------------------------------------------------------------
    @contextmanager
    def writing(self, timeout: float = 10.0):
        """One writer at a time: a second one waits `timeout` seconds, then fails clearly."""
        self.settings.index_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.settings.index_dir / LOCK_NAME)
        try:
            lock.acquire(timeout=timeout)
        except Timeout as exc:
            raise WriterBusyError(
                f"another process is writing to the index in {self.settings.index_dir}; try again when it is done"
            ) from exc
        try:
            yield
        finally:
            lock.release()

    def add(self, path: Path) -> IngestResult:
        """Copy one file into the corpus (unless it is there already) and index it."""
        return next(iter(self.add_many([path])))

    def add_many(self, paths: Iterable[Path], batch: int = WRITE_BATCH) -> Iterator[IngestResult]:
        """`add` for many files, one result each, in order; releases are written to the index
        `batch` at a time (a batch that fails is retried one release at a time)."""
        pending: list[_Pending] = []
        claimed: dict[str, str] = {}  # release ids and content hashes taken by this batch -> source
        for path in paths:
            try:
                prepared = self._prepare(path, claimed)
            except ReleaseError as exc:
                prepared = IngestResult(str(path), IngestStatus.REJECTED, reason=exc.reason)
            if isinstance(prepared, IngestResult):
                if pending:  # results come out in the order the files went in
                    yield from self._flush(pending)
                    pending, claimed = [], {}
                yield prepared
                continue
            pending.append(prepared)
            claimed[prepared.release.id] = claimed[prepared.release.content_hash] = prepared.release.source
            if len(pending) >= batch:
                yield from self._flush(pending)
                pending, claimed = [], {}
        yield from self._flush(pending)
        self.retitle()

    def _prepare(self, path: Path, claimed: dict[str, str]) -> "_Pending | IngestResult":
        """Reads, checks and chunks one file and copies it into the corpus; nothing is indexed yet."""
        inside = _is_inside(path, self.corpus_dir)
        dest = path if inside else self.corpus_dir / safe_name(path.name)
        release = read_release(path, max_bytes=self.settings.max_file_bytes, source=self._source_of(dest))
        if release.id in claimed:
            raise ReleaseError(path, f"release id {release.id!r} is already used by {claimed[release.id]}")
        if release.content_hash in claimed:
            return IngestResult(str(path), IngestStatus.UNCHANGED, reason=f"same content as {claimed[release.content_hash]}")
        existing = self.store.release(release.id)
        if existing and existing.source != release.source and self.path_for(existing.source).exists():
            raise ReleaseError(path, f"release id {release.id!r} is already used by {existing.source}")
        if existing and existing.content_hash == release.content_hash and existing.issuer == release.issuer \
                and dest.exists():
            return IngestResult(str(path), IngestStatus.UNCHANGED, release.id, existing.chunks)
        twin = self._same_content(release)
        if twin and twin.id != release.id:
            return IngestResult(
                str(path), IngestStatus.UNCHANGED, twin.id, twin.chunks, reason=f"same content as {twin.source}"
            )
        chunks = self.chunker.split(release)
        previous = dest.read_bytes() if dest.exists() and not inside else None
        if not inside:
            _atomic_write(dest, path.read_bytes())
        return _Pending(path, dest, inside, previous, release, chunks, existing is not None)

    def _flush(self, pending: list["_Pending"]) -> list[IngestResult]:
        if not pending:
            return []
        try:
            self._write([(p.release, p.chunks) for p in pending])
            return [p.result() for p in pending]
        except Exception as exc:
            if len(pending) > 1:  # find the release that fails; the others still go in
                return [result for p in pending for result in self._flush([p])]
            return [self._give_up(pending[0], exc)]

    def _give_up(self, item: "_Pending", exc: Exception) -> IngestResult:
        if not item.inside:  # put the corpus back as it was
            _atomic_write(item.dest, item.previous) if item.previous is not None else item.dest.unlink(missing_ok=True)
        return IngestResult(str(item.path), IngestStatus.REJECTED, reason=f"indexing failed ({exc})")

    def sync(self, rebuild: bool = False) -> Iterator[IngestResult]:
        """Make the index match the corpus folder: add new files, replace changed ones, drop gone ones.
        An index split into sentences by other rules is built again."""
        if not rebuild and self.split_by_other_rules():
            log.warning("the index was split into sentences by other rules than version %s: building it again",
                        SENTENCE_RULES)
            rebuild = True
        if rebuild:
            self.store.drop()
        for leftover in self.corpus_dir.glob(".incoming-*"):  # copies cut short by a crash
            leftover.unlink(missing_ok=True)
        known = {info.id: info for info in self.store.releases()}
        with_opening = {row[0] for row in self.store.title_rows()}
        backfill: dict[str, str] = {}  # openings a catalog written before they were kept lacks
        seen: dict[str, str] = {}
        pending: list[tuple[Path, Release, IngestStatus]] = []
        for path in self.corpus_files():
            try:
                release = read_release(path, max_bytes=self.settings.max_file_bytes, source=self.source_for(path))
                if release.id in seen:
                    raise ReleaseError(path, f"release id {release.id!r} is already used by {seen[release.id]}")
                seen[release.id] = release.source
                before = known.get(release.id)
                # same bytes, but a catalog written before `issuer` existed has it empty: read again
                if before and before.content_hash == release.content_hash and before.source == release.source \
                        and before.issuer == release.issuer:
                    if release.opening is not None and release.id not in with_opening:
                        backfill[release.id] = release.opening
                    yield IngestResult(str(path), IngestStatus.UNCHANGED, release.id, before.chunks)
                    continue
                pending.append((path, release, IngestStatus.REPLACED if before else IngestStatus.ADDED))
            except ReleaseError as exc:
                yield IngestResult(str(path), IngestStatus.REJECTED, reason=exc.reason)
            if len(pending) >= WRITE_BATCH:
                yield from self._sync_batch(pending)
                pending = []
        yield from self._sync_batch(pending)
        for release_id, info in known.items():
            if release_id not in seen:
                self.store.delete_release(release_id)
                yield IngestResult(info.source, IngestStatus.REMOVED, release_id)
        stale = self.store.delete_stale_chunks()
        if stale:
            log.info("deleted %d chunks left over by an interrupted write", stale)
        if backfill:
            self.store.set_openings(backfill)
        self.retitle()

    def retitle(self) -> int:
        """Reads again the titles found in the releases' text that the corpus's letterhead lines may have
        changed (`ingest/letterhead.py`: those of releases written anew, or heading a line now judged
        otherwise); returns how many titles changed. Run after every write: a release added or removed
        can make a line letterhead or stop it being one."""
        rows = [letterhead.TitleRow(*row) for row in self.store.title_rows()]
        counts = {line: letterhead.LineCount(*count) for line, count in self.store.head_line_counts().items()}
        plan = letterhead.retitle(rows, counts, self.store.openings_of)
        if plan.heads or plan.titled or plan.counts or plan.dropped:
            self.store.save_titling(heads=plan.heads, titles=plan.titles, titled=plan.titled,
                                    lines={line: (c.releases, c.letterhead) for line, c in plan.counts.items()},
                                    dropped=plan.dropped)
        if plan.titles:
            log.info("%d titles read again past letterhead lines", len(plan.titles))
        return len(plan.titles)

    def _write(self, items: list[tuple[Release, list]]) -> None:
        """Writes releases; a write into an empty index first records the sentence rules they were split by
        (first: a write that fails after its catalog commit must not leave chunks under no rules)."""
        if items and not self.store.count_chunks():
            self.store.record_sentence_rules(SENTENCE_RULES)
        self.store.write_releases(items)

    def split_by_other_rules(self) -> bool:
        """Whether the indexed releases were split into sentences by rules other than those in force
        (an index written before they were recorded too): their quotes and vectors are the old ones."""
        return self.store.sentence_rules() != SENTENCE_RULES and self.store.count_chunks() > 0

    def _sync_batch(self, pending: list[tuple[Path, Release, IngestStatus]]) -> list[IngestResult]:
        items = [(release, self.chunker.split(release)) for _, release, _ in pending]
        self._write(items)
        return [IngestResult(str(path), status, release.id, len(chunks))
                for (path, _, status), (release, chunks) in zip(pending, items)]

    def remove(self, release_id: str) -> IngestResult:
        info = self.store.release(release_id)
        if info is None:
            raise ReleaseNotFoundError(release_id)
        self.path_for(info.source).unlink(missing_ok=True)  # the file first: sync finishes a crash
        self.store.delete_release(release_id)
        self.retitle()
        return IngestResult(info.source, IngestStatus.REMOVED, release_id, info.chunks)

    def _same_content(self, release: Release) -> ReleaseInfo | None:
        return self.store.release_with_hash(release.content_hash)

    def _source_of(self, dest: Path) -> str:
        self.corpus_dir.mkdir(parents=True, exist_ok=True)
        return self.source_for(dest)

    # -- reading ---------------------------------------------------------------------------------
    def releases(self) -> list[ReleaseInfo]:
        return self.store.releases()

    def show(self, release_id: str) -> ReleaseView:
        info = self.store.release(release_id)
        if info is None:
            raise ReleaseNotFoundError(release_id)
        path = self.path_for(info.source)
        text = None
        if path.exists():
            try:
                text = read_release(path, max_bytes=self.settings.max_file_bytes).text
            except ReleaseError:
                text = None
        return ReleaseView(info, text, self.store.release_chunks(release_id))


@dataclass
class _Pending:
    """A release read, chunked and copied into the corpus, waiting for its index write."""

    path: Path
    dest: Path
    inside: bool
    previous: bytes | None
    release: Release
    chunks: list
    replaces: bool

    def result(self) -> IngestResult:
        status = IngestStatus.REPLACED if self.replaces else IngestStatus.ADDED
        return IngestResult(str(self.path), status, self.release.id, len(self.chunks))


def safe_name(name: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", stem if dot else name).strip("-.") or "release"
    return f"{cleaned}.{suffix.lower()}" if dot else cleaned


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _atomic_write(dest: Path, data: bytes) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
