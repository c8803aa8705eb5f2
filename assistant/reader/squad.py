"""SQuAD 2.0 articles as reader training pairs, and which articles play which role.

Articles, not questions, are split: a question about an article the reader was trained on says
nothing about text it has never seen. Roles:
- train: everything not named below;
- tune: calibration, refusal threshold and candidate count are chosen on these (the `dev` split of
  the `squad` evaluation set);
- test: held out; never trained or tuned on (the `test` split of the `squad` evaluation set).
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.ingest.sentences import split_sentences
from assistant.text import content_terms, stem
from assistant.reader.inputs import ReaderInput

TUNE_ARTICLES = ("Packet_switching", "Islamism")
TEST_ARTICLES = ("French_and_Indian_War", "Force")
FILES = ("squad2-train-part.json", "squad2-dev-part.json")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offsets in the paragraph
    end: int


@dataclass(frozen=True)
class Paragraph:
    article: str
    index: int
    context: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    paragraph: Paragraph
    answers: tuple[str, ...]  # distinct answer texts; empty when unanswerable
    answer_sentences: tuple[int, ...]  # indexes of the sentences holding an answer
    plausible_sentences: tuple[int, ...] = ()  # unanswerable: the sentences holding the writer's plausible answer

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


def role(article: str) -> str:
    if article in TEST_ARTICLES:
        return "test"
    if article in TUNE_ARTICLES:
        return "tune"
    return "train"


def articles(folder: Path) -> Iterator[tuple[str, list[dict]]]:
    """(title, paragraphs) of every article in the SQuAD files of `folder`."""
    for name in FILES:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        for article in data["data"]:
            yield article["title"], article["paragraphs"]


def questions(folder: Path, wanted_role: str) -> list[Question]:
    out = []
    for title, paragraphs in articles(folder):
        if role(title) != wanted_role:
            continue
        for index, raw in enumerate(paragraphs):
            context = raw["context"]
            spans = split_sentences(context)
            paragraph = Paragraph(title, index, context,
                                  tuple(Sentence(context[s.start : s.end], s.start, s.end) for s in spans))
            for qa in raw["qas"]:
                answers = [] if qa.get("is_impossible") else qa["answers"]
                holding = sorted({i for a in answers for i, s in enumerate(paragraph.sentences)
                                  if s.start <= a["answer_start"] and a["answer_start"] + len(a["text"]) <= s.end})
                if answers and not holding:  # the answer crosses a sentence break: no sentence holds it whole
                    continue
                plausible = sorted({i for a in qa.get("plausible_answers", []) if not answers
                                    for i, s in enumerate(paragraph.sentences)
                                    if s.start <= a["answer_start"] < s.end})
                out.append(Question(qa["id"], qa["question"].strip(), paragraph,
                                    tuple(dict.fromkeys(a["text"] for a in answers)), tuple(holding),
                                    tuple(plausible)))
    return out


def reader_input(question: str, paragraph: Paragraph, i: int) -> ReaderInput:
    sentences = paragraph.sentences
    return ReaderInput(question, sentences[i].text, paragraph.article.replace("_", " "),
                       sentences[i - 1].text if i > 0 else "",
                       sentences[i + 1].text if i + 1 < len(sentences) else "")


class Overlap:
    """IDF-weighted share of a question's terms in a sentence: how a lexical retriever would rank it."""

    def __init__(self, texts: list[str]):
        counts = Counter(t for text in texts for t in _terms(text))
        self.idf = {t: math.log(1 + len(texts) / c) for t, c in counts.items()}

    def __call__(self, question: str, sentence: str) -> float:
        terms = _terms(question)
        total = sum(self.idf.get(t, 1.0) for t in terms) or 1.0
        return sum(self.idf.get(t, 1.0) for t in terms & _terms(sentence)) / total


@lru_cache(maxsize=200_000)
def _terms(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_terms(text))


@dataclass(frozen=True)
class Pair:
    input: ReaderInput
    label: float
    question_id: str


def training_pairs(items: list[Question], *, same_paragraph: int = 2, other_paragraph: int = 1,
                   random_negatives: int = 0, swapped: bool = False, plausible: bool = False,
                   negated: bool = False, seed: int = 13) -> list[Pair]:
    """Positives: the sentence holding the answer. Negatives, hardest first: the sentences of the same
    paragraph that share most words with the question (for an unanswerable question these are the
    ones written to look like its answer), the best-overlapping sentences of other paragraphs of the
    article (what retrieval puts beside the answer), and optionally random sentences of the paragraph.
    `swapped`: also the answer sentence against the question with one of its names or numbers swapped
    for one the paragraph never mentions (see `swap_name`): the commonest way SQuAD 2.0's writers made
    a question unanswerable, and a question about something the text does not name at all.
    `plausible`: for an unanswerable question, the sentence holding the answer its writer made it look
    for (SQuAD 2.0's `plausible_answers`) is always among its negatives: the hardest one there is.
    `negated`: also the answer sentence against the question negated (`negate`), when the sentence
    negates nothing itself: it says what happened, not what did not."""
    rng = random.Random(seed)
    by_article: dict[str, list[Paragraph]] = {}
    for q in items:
        paragraphs = by_article.setdefault(q.paragraph.article, [])
        if q.paragraph not in paragraphs:
            paragraphs.append(q.paragraph)
    overlap = {a: Overlap([s.text for p in ps for s in p.sentences]) for a, ps in by_article.items()}
    names = {a: sorted({n for p in ps for s in p.sentences for n in _names(s.text)})
             for a, ps in by_article.items()} if swapped else {}
    pairs: list[Pair] = []
    for q in items:
        p, score = q.paragraph, overlap[q.paragraph.article]
        for i in q.answer_sentences:
            pairs.append(Pair(reader_input(q.text, p, i), 1.0, q.id))
        changed = swap_name(q.text, p.context, names[p.article], rng) if swapped and q.answer_sentences else None
        if changed:
            pairs.append(Pair(reader_input(changed, p, q.answer_sentences[0]), 0.0, q.id))
        opposite = negated_question(q.text, p.sentences[q.answer_sentences[0]].text) \
            if negated and q.answer_sentences else None
        if opposite:
            pairs.append(Pair(reader_input(opposite, p, q.answer_sentences[0]), 0.0, q.id))
        # a sentence that states an answer text is not a clean negative, even if it is not the marked one
        negatives = [i for i in range(len(p.sentences)) if i not in q.answer_sentences
                     and not any(a.lower() in p.sentences[i].text.lower() for a in q.answers)]
        ranked = sorted(negatives, key=lambda i: -score(q.text, p.sentences[i].text))
        chosen = ranked[:same_paragraph]
        if plausible:
            chosen += [i for i in q.plausible_sentences if i not in chosen]
        rest = ranked[same_paragraph:]
        if rest and random_negatives:
            chosen += rng.sample(rest, min(random_negatives, len(rest)))
        pairs.extend(Pair(reader_input(q.text, p, i), 0.0, q.id) for i in chosen)
        others = [(score(q.text, s.text), other, j) for other in by_article[p.article] if other is not p
                  for j, s in enumerate(other.sentences)
                  if not any(a.lower() in s.text.lower() for a in q.answers)]
        others.sort(key=lambda t: -t[0])
        pairs.extend(Pair(reader_input(q.text, other, j), 0.0, q.id) for _, other, j in others[:other_paragraph])
    rng.shuffle(pairs)
    return pairs


_NAME = re.compile(r"\b(?:[A-Z][\w'’-]*(?:\s+(?:of|the|de|von|van|and)?\s*[A-Z][\w'’-]*)*|\d{3,4})\b")


def _names(sentence: str) -> list[str]:
    """Capitalised word runs and 3-4 digit numbers (years mostly) of a sentence, past its first word
    (capitalised anyway): what a swap puts in."""
    return [m.group(0) for m in _NAME.finditer(sentence) if m.start() > 0]


def swap_name(question: str, context: str, article_names: list[str], rng: random.Random) -> str | None:
    """The question with one name or number that its paragraph holds (never its first word, which is
    capitalised anyway) replaced by one from elsewhere in the article that the paragraph never
    mentions; None when there is none to swap."""
    found = [m for m in _NAME.finditer(question) if m.start() > 0 and m.group(0) in context]
    pool = [n for n in article_names if n not in context and n.lower() not in question.lower()]
    if not found or not pool:
        return None
    target = rng.choice(found)
    kind = str.isdigit if target.group(0).isdigit() else (lambda n: not n.isdigit())
    pool = [n for n in pool if kind(n)]
    if not pool:
        return None
    return question[: target.start()] + rng.choice(pool) + question[target.end() :]


_NEGATION = re.compile(r"n[’']t\b|\b(?:not|never|no|none|nor|neither|nothing|nobody|without)\b", re.I)
_AUXILIARY = re.compile(r"\b(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|must)\b", re.I)
_NEGATED_FORM = {"can": "can't", "will": "won't"}
QUESTION_HEAD = 6  # words: a negation goes into the question's own clause, not a clause further on


def negates(text: str) -> bool:
    """The text holds a negation ("not", "never", "didn't", ...)."""
    return bool(_NEGATION.search(text))


def negate(question: str) -> str | None:
    """The question with its first auxiliary verb negated ("When was the treaty signed?" -> "When wasn't
    the treaty signed?"), the way SQuAD 2.0's writers made many questions unanswerable (Rajpurkar et al.
    2018 name negation one of its kinds); None when it negates something already, has no auxiliary
    among its first `QUESTION_HEAD` words, or starts with it: "Isn't Norway in the EU?" asks what "Is
    Norway in the EU?" asks."""
    if negates(question):
        return None
    found = _AUXILIARY.search(question)
    if not found or not 0 < len(question[: found.start()].split()) < QUESTION_HEAD:
        return None
    word = found.group(1)
    form = _NEGATED_FORM.get(word.lower(), word.lower() + "n't")
    form = form[0].upper() + form[1:] if word[0].isupper() else form
    return question[: found.start()] + form + question[found.end() :]


def negated_question(question: str, answer: str) -> str | None:
    """The question negated (`negate`), which its answer sentence no longer answers; None when the
    sentence negates something itself (it may answer the negated question) or there is none."""
    return None if negates(answer) else negate(question)


def candidate_sets(items: list[Question]) -> list[tuple[Question, list[ReaderInput]]]:
    """Every sentence of each question's paragraph, for dev metrics: does the reader's best sentence
    hold the answer, and does its best score tell answerable from unanswerable questions?"""
    return [(q, [reader_input(q.text, q.paragraph, i) for i in range(len(q.paragraph.sentences))]) for q in items]
