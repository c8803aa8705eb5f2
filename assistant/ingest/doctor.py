"""Checks the corpus folder against the index and repairs what it finds.

Problems: a corpus file not indexed or indexed in an older version, an indexed release whose file is
gone, a release whose chunk set is incomplete or doubled, chunks of no committed version (left by an
interrupted write), and a lexical index out of step with the vectors."""

from __future__ import annotations

from collections import Counter, defaultdict
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
    registry = {r.id: r for r in store.releases()}
    on_disk: dict[str, str] = {}
    for path in library.corpus_files():
        try:
            release = read_release(path, max_bytes=library.settings.max_file_bytes, source=library.source_for(path))
        except ReleaseError as exc:
            problems.append(Problem("unreadable file", None, f"{path}: {exc.reason}"))
            continue
        on_disk[release.id] = release.content_hash
        indexed = registry.get(release.id)
        if indexed is None:
            problems.append(Problem("not indexed", release.id, f"{release.source} is not in the index"))
        elif indexed.content_hash != release.content_hash:
            problems.append(Problem("out of date", release.id, f"{release.source} changed since it was indexed"))
    for release_id, info in registry.items():
        if release_id not in on_disk:
            problems.append(Problem("orphan", release_id, f"indexed but {info.source} is gone"))

    got = store.chunks.get(include=["metadatas"])
    positions: dict[str, list[int]] = defaultdict(list)
    leftovers = 0
    for meta in got["metadatas"]:
        info = registry.get(meta.get("release_id"))
        if info is None or info.content_hash != meta.get("content_hash"):
            leftovers += 1
        else:
            positions[info.id].append(int(meta["position"]))
    for release_id, info in registry.items():
        found = sorted(positions.get(release_id, []))
        if found != list(range(info.chunks)):
            doubled = [p for p, n in Counter(found).items() if n > 1]
            detail = (f"{len(found)} of {info.chunks} chunks" + (f", positions {doubled} doubled" if doubled else ""))
            problems.append(Problem("incomplete chunk set", release_id, detail))
    if leftovers:
        problems.append(Problem("leftover chunks", None, f"{leftovers} chunks of no committed version"))

    lexical_versions = store.lexical.versions()
    lexical_counts = store.lexical.counts()
    for release_id, info in registry.items():
        if lexical_versions.get(release_id) != info.content_hash or lexical_counts.get(release_id, 0) != info.chunks:
            problems.append(Problem("lexical index out of step", release_id,
                                    f"{lexical_counts.get(release_id, 0)} lexical rows for {info.chunks} chunks"))
    for release_id in set(lexical_versions) - set(registry):
        problems.append(Problem("lexical index out of step", release_id, "rows of a release that is not indexed"))
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
        library.store.lexical.delete_releases(relex)
        library.store.reconcile_lexical()
