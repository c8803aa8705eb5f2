"""Checks the corpus folder against the index and repairs what it finds.

Problems: releases split into sentences by other rules than those in force, a corpus file not indexed
or indexed in an older version, an indexed release whose file is gone, a release whose chunk set is
incomplete or doubled, chunks of no committed version (left by an interrupted write), and lexical rows
missing for catalog chunks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from assistant.errors import ReleaseError
from assistant.ingest.library import Library
from assistant.ingest.parsing import read_release


@dataclass(frozen=True)
class Problem:
    kind: str
    release_id: str | None
    detail: str

    def line(self) -> str:
        return f"{self.kind}: {self.release_id + ': ' if self.release_id else ''}{self.detail}"


def diagnose(library: Library) -> list[Problem]:
    store = library.store  # opening it checks the recorded embedding model (IndexMismatchError)
    problems: list[Problem] = []
    if library.split_by_other_rules():
        problems.append(Problem("old sentence rules", None, "the releases were split into sentences by other "
                                "rules than those in force: repairing builds the index again"))
    catalogued = {r.id: r for r in store.releases()}
    on_disk: dict[str, str] = {}
    for path in library.corpus_files():
        try:
            release = read_release(path, max_bytes=library.settings.max_file_bytes, source=library.source_for(path))
        except ReleaseError as exc:
            problems.append(Problem("unreadable file", None, f"{path}: {exc.reason}"))
            continue
        on_disk[release.id] = release.content_hash
        indexed = catalogued.get(release.id)
        if indexed is None:
            problems.append(Problem("not indexed", release.id, f"{release.source} is not in the index"))
        elif indexed.content_hash != release.content_hash:
            problems.append(Problem("out of date", release.id, f"{release.source} changed since it was indexed"))
    for release_id, info in catalogued.items():
        if release_id not in on_disk:
            problems.append(Problem("orphan", release_id, f"indexed but {info.source} is gone"))

    # vectors against the catalog's chunks: every committed chunk has its vector, no other vector is left
    committed = store.catalog.chunk_ids()
    vector_ids = set(store.vectors.all_ids())
    missing: dict[str, int] = defaultdict(int)
    for chunk_id, release_id in committed.items():
        if chunk_id not in vector_ids:
            missing[release_id] += 1
    for release_id, count in sorted(missing.items()):
        problems.append(Problem("incomplete chunk set", release_id,
                                f"{count} of {catalogued[release_id].chunks} chunks have no vector"))
    leftovers = len(vector_ids - set(committed))
    if leftovers:
        problems.append(Problem("leftover chunks", None, f"{leftovers} vectors of no committed version"))

    lexical_counts = store.catalog.lexical_counts()
    for release_id, info in catalogued.items():
        if lexical_counts.get(release_id, 0) != info.chunks:
            problems.append(Problem("lexical index out of step", release_id,
                                    f"{lexical_counts.get(release_id, 0)} lexical rows for {info.chunks} chunks"))
    return problems


def repair(library: Library, problems: list[Problem]) -> None:
    """Sync the corpus (adds, replaces, drops, deletes leftovers), then rewrite broken releases."""
    list(library.sync())
    broken = {p.release_id for p in problems if p.kind == "incomplete chunk set" and p.release_id}
    for release_id in broken:
        info = library.store.release(release_id)
        if info is not None:
            path = library.path_for(info.source)
            library.store.delete_release(release_id)
            library.add(path)
    relex = {p.release_id for p in problems if p.kind == "lexical index out of step" and p.release_id}
    if relex:
        library.store.catalog.reindex_lexical(relex)
