"""`assistant doctor` finds every kind of drift between corpus and index, and --repair fixes it."""

import shutil

from assistant.ingest.doctor import diagnose, repair

from .conftest import SEED_ID, run_cli


def kinds(problems):
    return sorted({p.kind for p in problems})


def test_doctor_finds_and_repairs(library, seed_file, tmp_path):
    library.add(seed_file)
    other = tmp_path / "other.txt"
    other.write_text("Other release\n\nOn 1 June 2025 the other release said something in Bergen. It said more.")
    library.add(other)
    assert diagnose(library) == []
    store = library.store
    # a chunk lost, a leftover chunk of an old version, lexical rows gone, a file edited, a file added
    victim = store.release_chunks(SEED_ID)[2].id
    store.vectors.delete_ids([victim])
    store.vectors.upsert(["leftover"], [[0.0] * 383 + [1.0]], [{"release_id": "other", "content_hash": "old"}])
    store.catalog.query("DELETE FROM chunk_text WHERE rowid IN (SELECT rowid FROM chunks WHERE release_id = 'other')")
    (library.corpus_dir / "other.txt").write_text("Other release\n\nIt changed on 2 June 2025.")
    shutil.copy(other, library.corpus_dir / "third.txt")
    problems = diagnose(library)
    assert kinds(problems) == ["incomplete chunk set", "leftover chunks", "lexical index out of step",
                               "not indexed", "out of date"]
    repair(library, problems)
    assert diagnose(library) == []
    assert len(store.release_chunks(SEED_ID)) == store.release(SEED_ID).chunks


def test_doctor_cli_exit_codes(tmp_path, seed_file):
    env = {"ASSISTANT_CORPUS_DIR": str(tmp_path / "corpus"), "ASSISTANT_INDEX_DIR": str(tmp_path / "index")}
    assert run_cli("add", str(seed_file), env=env).returncode == 0
    assert run_cli("doctor", env=env).returncode == 0
    (tmp_path / "corpus" / seed_file.name).unlink()
    run = run_cli("doctor", env=env)
    assert run.returncode == 1 and f"orphan: {SEED_ID}: indexed but" in run.stdout
    run = run_cli("doctor", "--repair", env=env)
    assert run.returncode == 0 and "repaired 1 of 1 problems" in run.stderr


def test_an_index_split_by_other_sentence_rules_is_found_and_built_again(library, tmp_path, monkeypatch):
    from assistant.ingest import library as library_module

    scraped = tmp_path / "scraped.txt"
    scraped.write_text("Allard backs park funding\n\nWASHINGTON  D C    U S  Sen    R Colo    a member of the Senate "
                       "Appropriations Subcommittee  secured  5 million for the park today     said a spokesman")
    library.add(scraped)
    assert diagnose(library) == []
    monkeypatch.setattr(library_module, "SENTENCE_RULES", "an older version")  # as if the rules had changed since
    problems = diagnose(library)
    assert kinds(problems) == ["old sentence rules"]
    results = list(library.sync())
    assert [r.status.value for r in results] == ["added"]  # read again, not left as it was
    assert library.store.sentence_rules() == "an older version" and diagnose(library) == []
