"""Measures whether the sentence reader, asked a generic question about each sentence of a release, adds
to the salience model (summary_data/README.md): its score alone, and as an input beside the shipped
ones, in the salience model's release-grouped 5-fold cross-validation over its 320 training releases
(per-release ROC AUC of key-point sentences; key-point coverage of the 6-sentence MMR summary).

    python -m evals.measure_salience_reader   # needs ../shared/data (the releases' texts)

Questions: "What is the news in this press release?" (`news`), the release's title (`title`), "What are
the key points?" (`points`); each sentence is read with its title and neighbours, as served.

Measured 2026-12-05: per-release AUC of the reader's score alone 0.567 / 0.589 / 0.548; the salience
model (vector inputs, C 0.003, novelty 0.1) 0.7818 AUC, coverage 0.7256; with `news` 0.7813 / 0.7269,
`title` 0.7830 / 0.7238, `points` 0.7815 / 0.7256, `news` and `title` 0.7819 / 0.7263 (at C 0.01 the
same within 0.003). The reader learned to find an answer to a question, not what a release is about:
not taken."""

from __future__ import annotations

import random
from pathlib import Path
from statistics import mean

import numpy as np

from assistant.answer.salience import SalienceModel
from assistant.answer.salience_train import Release, coverage, load_key_points, prepare
from assistant.answer.summary import summarise
from assistant.reader.inputs import ReaderInput
from assistant.reader.onnx_reader import Reader
from assistant.reader.train import auc

from .senate import rows

QUESTIONS = {"news": "What is the news in this press release?", "title": None, "points": "What are the key points?"}
KEY_POINTS = Path(__file__).resolve().parents[1] / "assistant/answer/summary_data/key_points.jsonl.gz"
EXCLUDE = Path(__file__).parent / "datasets/senate-releases.jsonl.gz"
RELEASES = Path("../shared/data/senate-press-releases-10k.jsonl.gz")


def read_releases() -> list[tuple[Release, dict[str, np.ndarray]]]:
    """The key-point releases as the salience model trains on them (`salience_train.prepare`), with the
    sentence reader's raw score per sentence for each question, each sentence read with its release's
    title and its neighbours as served."""
    releases = prepare(load_key_points(KEY_POINTS, {r["id"] for r in rows(EXCLUDE)}), RELEASES)
    reader = Reader()
    out = []
    for release in releases:
        texts = [s.text for s in release.sentences]
        title = release.sentences[0].passage.chunk.title or ""
        scores = {name: reader.logits([ReaderInput(question or title, text, title, texts[i - 1] if i else "",
                                                   texts[i + 1] if i + 1 < len(texts) else "")
                                       for i, text in enumerate(texts)])
                  for name, question in QUESTIONS.items()}
        out.append((release, scores))
    return out


def inputs(release: Release, scores: dict[str, np.ndarray], extra: list[str]) -> np.ndarray:
    """The salience model's inputs, with each extra reader score raw and standardised within the release."""
    x = SalienceModel.inputs([s.text for s in release.sentences], release.vectors, release.title_vector, True)
    columns = [x] + [((scores[n] - scores[n].mean()) / (scores[n].std() + 1e-9))[:, None] for n in extra] + \
              [scores[n][:, None] for n in extra]
    return np.hstack(columns).astype(np.float64)


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    data = read_releases()
    print(len(data), "releases")
    for name in QUESTIONS:
        print(name, "per-release AUC alone",
              round(float(np.nanmean([auc(s[name][r.labels], s[name][~r.labels]) for r, s in data])), 4))
    random.Random(13).shuffle(data)
    folds = [data[k::5] for k in range(5)]
    for extra in ([], ["news"], ["title"], ["points"], ["news", "title"]):
        for c in (0.003, 0.01):
            held = []
            for k in range(5):
                train = [d for j, fold in enumerate(folds) if j != k for d in fold]
                x = np.vstack([inputs(r, s, extra) for r, s in train])
                y = np.concatenate([r.labels for r, _ in train])
                centre, scale = x.mean(axis=0), x.std(axis=0)
                scale[scale < 1e-9] = 1
                model = LogisticRegression(C=c, max_iter=3000).fit((x - centre) / scale, y)
                held += [(r, model.predict_proba((inputs(r, s, extra) - centre) / scale)[:, 1]) for r, s in folds[k]]
            release_auc = np.nanmean([auc(p[r.labels], p[~r.labels]) for r, p in held])
            covered = mean(coverage(r, summarise(r.sentences, r.vectors, size=6, novelty=0.1, salience=p)) for r, p in held)
            print(extra, c, "auc", round(float(release_auc), 4), "coverage", round(covered, 4), flush=True)


if __name__ == "__main__":
    main()
