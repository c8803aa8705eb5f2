"""Trains the person-name model (`persons.py`): whether a run of capitalised words names a person.

    python -m assistant.answer.person_train --releases ../shared/data/senate-press-releases-10k.jsonl.gz \
        --exclude evals/datasets/senate-releases.jsonl.gz [--out FILE]

- data, labelled by where a run stands, never by what it says: in the Senate releases (less those the
  evaluation uses), a run of two to four capitalised words right after a person's title ("Sen. Conrad
  Burns", "Secretary Mike Leavitt") is a person; one right after "the", "in" or "at" ("the Armed
  Services Committee", "in North Korea") is not. The model sees only the run's own words, so it learns
  what names look like (given names, surnames, their endings), not the contexts; each distinct run
  counts once, and a run seen in both kinds of context is left out. A title with the name ("Secretary Mike
  Leavitt") and a run of titles alone ("Deputy Director") are not a name (served, `persons.TITLES` are
  left out of a run before the model reads it; these teach it that a title is no name);
- inputs and models: a logistic regression over the run's words, its first and last word, its words' letter
  trigrams, shapes and length (`persons.features`; a word outside the fold's other runs is "?"), and one
  over its vector from the default embedding model; each one's regularisation, then the bar on their
  average, chosen by balanced accuracy in 5-fold cross-validation over distinct runs (a run, its possessive
  and its spelling in capitals count as one; the bar is chosen on the scores it is reported on, so its
  number is a little optimistic);
- held out: runs followed by "said" or "says" and after no article ("... , said John Smith" is not one:
  the run must come first), none of whose contexts trained it, should mostly be people.

Writes the model fitted on every run, with the cross-validation table and the held-out share."""

from __future__ import annotations

import argparse
import json
import logging
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from assistant.answer.persons import HONORIFICS, MODEL_FILE, POSSESSIVE, TITLES, PersonModel, features, run_words

log = logging.getLogger("assistant.answer.person_train")
NOT_PERSON_BEFORE = frozenset({"the", "The", "in", "In", "at", "At"})
RUN = re.compile(r"(?<![\w\-'’])([A-Z][a-z][\w'’\-]*(?: (?:van |von |de |da |der |Mc|O')?[A-Z][a-z][\w'’\-]*){1,3})(?![\w\-'’])")
PREVIOUS = re.compile(r"([A-Za-z]+)\.? $")
WORDS_C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
VECTOR_C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
BARS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def labelled_runs(texts) -> tuple[dict[str, bool], list[str]]:
    """Distinct runs with their label (True: a person), and the held-out runs (before "said"/"says")."""
    seen: dict[str, set[bool]] = defaultdict(set)
    held: set[str] = set()
    for text in texts:
        for m in RUN.finditer(text):
            run = POSSESSIVE.sub("", m.group(1))  # "George Allen's" is George Allen
            before = PREVIOUS.search(text[max(0, m.start() - 20):m.start()])
            word = before.group(1) if before else ""
            first, _, rest = run.partition(" ")
            if all(w in TITLES for w in run.split()):  # "Deputy Director": a title, no one's name
                seen[run].add(False)
                continue
            if first in HONORIFICS or first in NOT_PERSON_BEFORE:  # "Senator Wayne Allard", "The Armed Services Committee"
                if " " not in rest:
                    continue
                if first in HONORIFICS:  # the name is the run without its title
                    seen[run].add(False)
                word, run = first, rest
            if word in HONORIFICS or word == "said":
                seen[run].add(True)
            elif word in NOT_PERSON_BEFORE:
                seen[run].add(False)
            elif re.match(r" (?:said|says)\b", text[m.end():m.end() + 6]) and not word:
                held.add(run)
    by_form: dict[str, set[bool]] = defaultdict(set)  # a run and its spelling in capitals or lower case are one
    spelling: dict[str, str] = {}
    for run, labels in seen.items():
        by_form[run.lower()] |= labels
        spelling.setdefault(run.lower(), run)
    labelled = {spelling[form]: labels.pop() for form, labels in by_form.items() if len(labels) == 1}
    forms = set(by_form)
    return labelled, sorted({run for run in held if run.lower() not in forms})


def releases(path: Path, exclude: frozenset[str]) -> list[str]:
    """The texts of the releases at `path` less those in `exclude` (every row with text: `evals.senate.rows`
    would drop the 22 shortest, which the shipped model was trained with)."""
    from evals.senate import read_jsonl

    return [row["text"] for row in read_jsonl(path) if row.get("id") not in exclude and row.get("text")]


def known_elsewhere(runs: list[str], folds: int, seed: int) -> list[frozenset[str]]:
    """For each run, the words of the runs outside its fold: what a model trained without it would know, so
    that "?" (a word not known) is learned from words as new to the model as a new corpus's names are."""
    fold = np.random.default_rng(seed).integers(0, folds, len(runs))
    counts = [Counter() for _ in range(folds)]
    for run, k in zip(runs, fold):
        counts[k].update(words_of(run))
    every = sum(counts, Counter())
    return [frozenset(w for w in words_of(run) if every[w] > counts[k][w]) for run, k in zip(runs, fold)]


def words_of(run: str) -> set[str]:
    return set(run_words(run))


def vectorised(runs: list[str], known: list[frozenset[str]], vocabulary: dict[str, int] | None = None):
    from scipy.sparse import csr_matrix

    grow = vocabulary is None
    vocabulary = {} if vocabulary is None else vocabulary
    rows, cols = [], []
    for i, (run, words) in enumerate(zip(runs, known)):
        for f in set(features(run, words)):
            if grow and f not in vocabulary:
                vocabulary[f] = len(vocabulary)
            if f in vocabulary:
                rows.append(i)
                cols.append(vocabulary[f])
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(runs), len(vocabulary))), vocabulary


def cross_validated(x_of, y: np.ndarray, grid: tuple[float, ...], seed: int) -> tuple[float, np.ndarray, list[dict]]:
    """The regularisation with the best balanced accuracy at 0.5 by 5-fold cross-validation, its out-of-fold
    probabilities, and the table. `x_of(train, test)`: the two folds' inputs."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    table, out = [], {}
    splits = list(StratifiedKFold(5, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))
    for c in grid:
        probability = np.zeros(len(y))
        for train, test in splits:
            x_train, x_test = x_of(train, test)
            model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x_train, y[train])
            probability[test] = model.predict_proba(x_test)[:, 1]
        table.append({"c": c, **scores(probability, y)})
        out[c] = probability
    best = max(table, key=lambda row: (row["balanced_accuracy"], -row["c"]))
    return best["c"], out[best["c"]], table


def scores(probability: np.ndarray, y: np.ndarray, bar: float = 0.5) -> dict:
    said = probability >= bar
    people, others = float(np.mean(said[y])), float(np.mean(said[~y]))
    return {"balanced_accuracy": round((people + 1 - others) / 2, 4), "people_taken": round(people, 4),
            "others_taken": round(others, 4)}


def main(argv: list[str] | None = None) -> None:
    from sklearn.linear_model import LogisticRegression

    from assistant.answer.subject_train import embedder
    from evals.senate import rows

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=Path, required=True)
    parser.add_argument("--exclude", type=Path, help="releases (jsonl.gz with ids) never to learn from")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    exclude = frozenset(row["id"] for row in rows(args.exclude)) if args.exclude else frozenset()
    labelled, held = labelled_runs(releases(args.releases, exclude))
    runs = sorted(labelled)
    y = np.array([labelled[r] for r in runs])
    log.info("%d runs (%d people), %d held out", len(runs), int(y.sum()), len(held))
    def words_x(train, test):
        """A fold's inputs: its training runs' words known as their inner folds know them, and the test
        runs' words known when the training runs hold them, as a new corpus's words are."""
        train_runs = [runs[i] for i in train]
        x_train, vocabulary = vectorised(train_runs, known_elsewhere(train_runs, 5, args.seed))
        seen = frozenset(w for run in train_runs for w in words_of(run))
        test_runs = [runs[i] for i in test]
        return x_train, vectorised(test_runs, [seen] * len(test_runs), vocabulary)[0]

    embed = embedder()
    vectors = np.asarray(embed.embed_documents(runs), dtype=np.float64)
    words_c, words_p, words_table = cross_validated(words_x, y, WORDS_C_GRID, args.seed)
    vector_c, vector_p, vector_table = cross_validated(lambda tr, te: (vectors[tr], vectors[te]), y, VECTOR_C_GRID, args.seed)
    bars = [{"bar": bar, **scores((words_p + vector_p) / 2, y, bar)} for bar in BARS]
    both = max(bars, key=lambda row: (row["balanced_accuracy"], row["bar"]))
    for row in bars:
        log.info("the two averaged, out of fold: %s", row)
    for name, table in (("words", words_table), ("vector", vector_table)):
        for row in table:
            log.info("%-6s C %-5s %s", name, row["c"], row)

    x, vocabulary = vectorised(runs, known_elsewhere(runs, 5, args.seed))
    words_model = LogisticRegression(C=words_c, max_iter=3000, class_weight="balanced").fit(x, y)
    vector_model = LogisticRegression(C=vector_c, max_iter=3000, class_weight="balanced").fit(vectors, y)
    every_word = frozenset(w for run in runs for w in words_of(run))
    weights = {f: round(float(w), 4) for f, w in zip(sorted(vocabulary, key=vocabulary.get), words_model.coef_[0])
               if abs(w) >= 1e-3}
    model = {
        "intercept": round(float(words_model.intercept_[0]), 4), "weights": dict(sorted(weights.items())),
        "vocabulary": sorted(every_word),
        "vector_intercept": round(float(vector_model.intercept_[0]), 6),
        "vector_weights": [round(float(w), 6) for w in vector_model.coef_[0]], "bar": both["bar"],
    }
    served = PersonModel.from_json(model, embed.embed_documents)
    held_share = float(np.mean([served.is_person(run) for run in held])) if held else None
    log.info("held-out runs before 'said' taken for people: %s", held_share)
    model["training"] = {
        "runs": len(runs), "people": int(y.sum()), "releases": args.releases.name, "excluded_releases": len(exclude),
        "words_cross_validation": words_table, "vector_cross_validation": vector_table, "words_c": words_c,
        "vector_c": vector_c, "averaged_cross_validation": bars, "held_out_runs_before_said": len(held),
        "held_out_taken_for_people": held_share}
    args.out.write_text(json.dumps(model, ensure_ascii=False) + "\n", encoding="utf-8")
    log.info("wrote %s (%d word weights)", args.out, len(weights))


if __name__ == "__main__":
    main()
