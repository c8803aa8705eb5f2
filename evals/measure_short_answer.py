"""How well the reader finds the short answer inside the sentence that holds it, on SQuAD dev articles.

`python -m evals.measure_short_answer --data ../shared/data/qa [--limit N] [--sentence gold|reader]`
(`--latency`: the added ms over 50 seed and SQuAD dev questions; `--readings`: which person an
ambiguous "his" is taken to mean, by the follow-up rule and by the reader, on cases written for it)

Only the tune articles of assistant/reader/squad.py are read (never the test articles). For each
answerable question the sentence is the gold one (`--sentence gold`) or the reader's best sentence
of the paragraph (`--sentence reader`, as the assistant would quote it). Every candidate span holding
a number (as the assistant reads them) is scored by occlusion; the chosen span is scored against the gold
answers (token F1, and "contains": the span holds a gold answer), and for the
occlusion method the precision / coverage curve over the reliability threshold is printed, with
the lowest threshold whose precision (F1 >= 0.5) reaches the target. The span head
(assistant/reader/span_head.py) reads the same sentence with its context (`reader_input`, as trained
and as the assistant reads it), from the reader call that chose the sentence when it is the reader's;
it is scored the same way (plus exact match), with its curve over the span probability. So is the
end-to-end span reader (`--span-reader DIR`, assistant/reader/span_reader.py; when DIR holds one),
on the same sentence read alone and with the reader's context. Per-question
rows go to --out as JSON lines. Timing: the milliseconds the occlusion batch adds, p50 over the questions (and, with --sentence
gold, the one-input read the span head needs).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from pathlib import Path

import numpy as np

from assistant.answer.numbers_asked import NumbersAsked
from assistant.answer.short_answer import (KEEP, MIN_DROP, MIN_SCORE, _without, choose, holds_number,
                                           occlusion_spans)
from assistant.reader.inputs import ReaderInput
from assistant.reader.onnx_reader import Reader
from assistant.reader.span_head import SpanHead
from assistant.reader.span_reader import SPAN_DIR, SpanReader
from assistant.reader.squad import questions, reader_input
from evals.scoring import normalise, token_f1

GOOD_F1 = 0.5  # a shown short answer counts as right at this token F1 against a gold answer


def best_f1(text: str, answers: tuple[str, ...]) -> float:
    return max(token_f1(text, a) or 0.0 for a in answers)


def contains(text: str, answers: tuple[str, ...]) -> bool:
    return any(a.lower().strip(" .,") in text.lower() for a in answers)


def exact(text: str, answers: tuple[str, ...]) -> bool:
    """SQuAD's exact match: the same words, case, punctuation and articles aside."""
    def words(t: str) -> list[str]:
        return [w for w in re.findall(r"\w+", normalise(t)) if w not in ("a", "an", "the")]
    return any(words(text) == words(a) for a in answers)


def span_reader_row(span_reader: SpanReader, x: ReaderInput, answers: tuple[str, ...]) -> dict:
    """The span reader on one sentence, read alone ("sr_") and with the reader's context ("src_")."""
    row: dict = {}
    for prefix, context in (("sr", False), ("src", True)):
        started = time.perf_counter()
        span = span_reader.best(x, context)
        ms = (time.perf_counter() - started) * 1000
        text = x.sentence[span.start : span.end] if span else ""
        row |= {f"{prefix}_span": text, f"{prefix}_score": round(span.score, 4) if span else 0.0,
                f"{prefix}_f1": round(best_f1(text, answers), 4), f"{prefix}_em": exact(text, answers),
                f"{prefix}_ms": round(ms, 1)}
    return row


def measure(reader: Reader, head: SpanHead, items, sentence_from: str, keep: float,
            span_reader: SpanReader | None = None) -> list[dict]:
    rows = []
    for q in items:
        p = q.paragraph
        if sentence_from == "gold":
            i = q.answer_sentences[0]
            started = time.perf_counter()  # what the head would add: one more input, read with its states
            _, states = reader.read([reader_input(q.text, p, i)])
            state = states[0]
        else:  # one reader call chooses the sentence and gives its token states
            logits, states = reader.read([reader_input(q.text, p, j) for j in range(len(p.sentences))])
            i = int(np.argmax(logits))
            state = states[i]
        sentence, title = p.sentences[i].text, p.article.replace("_", " ")
        span = head.best(state, sentence)
        span_ms = (time.perf_counter() - started) * 1000 if sentence_from == "gold" else 0.0
        text = sentence[span.start : span.end] if span else ""
        row = {"id": q.id, "question": q.text, "gold": list(q.answers), "span": text,
               "span_score": round(span.score, 4) if span else 0.0,
               "span_f1": round(best_f1(text, q.answers), 4), "span_em": exact(text, q.answers),
               "span_ms": round(span_ms, 1)}
        if span_reader is not None:
            row |= span_reader_row(span_reader, reader_input(q.text, p, i), q.answers)
        spans = occlusion_spans(sentence, q.text)  # as the assistant reads them
        if not spans:
            rows.append(row | {"spans": 0})
            continue
        started = time.perf_counter()
        inputs = [ReaderInput(q.text, sentence, title)] + [ReaderInput(q.text, _without(sentence, a, b), title)
                                                          for a, b in spans]
        probs = reader.calibrate(reader.logits(inputs, together=True))
        occlusion_ms = (time.perf_counter() - started) * 1000
        drops = [float(probs[0] - x) for x in probs[1:]]
        chosen = choose(sentence, spans, drops, keep)
        in_sentence = any(a.lower() in sentence.lower() for a in q.answers)
        rows.append(row | {"sentence_has_answer": in_sentence, "spans": len(spans), "short_answer": chosen.text,
                           "drop": chosen.drop, "f1": round(best_f1(chosen.text, q.answers), 4),
                           "em": exact(chosen.text, q.answers), "contains": contains(chosen.text, q.answers),
                           "occlusion_ms": round(occlusion_ms, 1)})
    return rows


METHODS = {"occlusion": ("drop", "short_answer", "f1", np.arange(0.0, 0.5, 0.025)),
           "span head": ("span_score", "span", "span_f1", np.arange(0.0, 1.0, 0.05)),
           "span reader": ("sr_score", "sr_span", "sr_f1", np.arange(0.0, 1.0, 0.05)),
           "span reader + context": ("src_score", "src_span", "src_f1", np.arange(0.0, 1.0, 0.05))}
# (score, text, F1, thresholds) per method


def curve(rows: list[dict], target: float, numbers: bool | None = None, method: str = "occlusion"
          ) -> tuple[list[tuple[float, float, float, float, int]], float | None]:
    """(threshold, overlap precision, F1 >= GOOD_F1 precision, coverage, shown) for thresholds on the
    method's score, and the lowest threshold whose overlap precision (the shown span shares words with
    a gold answer, token F1 > 0) reaches `target` with at least 10 shown (None when none does).
    Coverage is over all answerable questions; `numbers` keeps only the spans that hold a number
    (True) or only those that do not (False)."""
    key, text, f1, thresholds = METHODS[method]
    scored = [r for r in rows if key in r and (numbers is None or holds_number(r[text]) == numbers)]
    out, chosen = [], None
    for t in [round(float(x), 3) for x in thresholds]:
        shown = [r for r in scored if r[key] >= t]
        if not shown:
            break
        overlap = sum(r[f1] > 0 for r in shown) / len(shown)
        good = sum(r[f1] >= GOOD_F1 for r in shown) / len(shown)
        out.append((t, overlap, good, len(shown) / len(rows), len(shown)))
        if chosen is None and overlap >= target and len(shown) >= 10:
            chosen = t
    return out, chosen


def with_numbers_asked(rows: list[dict]) -> list[dict]:
    """Each row with `asks_number`: the numbers model's probability that its question asks for a number
    (numbers_asked.py), from the question's vector as the search embeds it."""
    from assistant.answer.subject_train import embedder

    numbers, embeddings = numbers_model(), embedder()
    vectors = embeddings.embed_documents([r["question"] for r in rows])
    if vectors and not numbers.model.reads(embeddings.model_name, len(vectors[0])):
        raise SystemExit(f"the numbers model reads {numbers.model.embedding_model!r} vectors, not "
                         f"{embeddings.model_name!r}'s: measure with the default embedding model")
    return [r | {"asks_number": round(numbers.probability(v), 4)} for r, v in zip(rows, vectors)]


def numbers_model() -> NumbersAsked:
    numbers = NumbersAsked.load()
    if numbers is None:
        raise SystemExit("no numbers model (assistant/answer/numbers_model.json): python -m assistant.answer.numbers_train")
    return numbers


def print_as_served(rows: list[dict], n: int) -> None:
    """The short answers shown as served (occlusion from MIN_DROP, else the span head from MIN_SCORE; spans
    holding a number), without the numbers model and with it at bars around the shipped one."""
    rows = with_numbers_asked(rows)
    shipped_bar = numbers_model().bar
    def served_f1(r: dict) -> float | None:  # the shown span's F1; None when nothing is shown
        if r.get("drop", 0) >= MIN_DROP and holds_number(r["short_answer"]):
            return r["f1"]
        return r["span_f1"] if r["span_score"] >= MIN_SCORE and holds_number(r["span"]) else None

    for bar in (None, 0.1, 0.2, shipped_bar, 0.3, 0.4, 0.5):
        shown = [f for r in rows if (f := served_f1(r)) is not None and (bar is None or r["asks_number"] >= bar)]
        label = "without the numbers model" if bar is None else \
            f"numbers model from {bar}" + (" (shipped)" if bar == shipped_bar else "")
        print(f"  as served, {label}: shown {len(shown)}, overlap precision "
              f"{sum(f > 0 for f in shown) / max(len(shown), 1):.3f}, F1 >= {GOOD_F1}: "
              f"{sum(f >= GOOD_F1 for f in shown) / max(len(shown), 1):.3f} ({sum(f >= GOOD_F1 for f in shown)}), "
              f"coverage {len(shown) / n:.3f}")


def seed_latency(reader: Reader, data: Path, limit: int = 50) -> list[float]:
    """Milliseconds `ShortAnswerFinder.find` adds per one-fact answer: seed dev questions with their
    evidence sentence, then SQuAD dev questions with their gold sentence, `limit` in all."""
    from assistant.answer.short_answer import ShortAnswerFinder
    from evals.dataset import load

    finder = ShortAnswerFinder(reader)
    pairs = [(t.question, t.evidence) for item in load("seed") if item.split == "dev" for t in item.as_turns()
             if t.answerable and t.evidence]
    pairs += [(q.text, q.paragraph.sentences[q.answer_sentences[0]].text)
              for q in questions(data, "tune") if q.answerable]
    out = []
    for question, sentence in pairs[:limit]:
        started = time.perf_counter()
        finder.find(question, sentence)
        out.append((time.perf_counter() - started) * 1000)
    return out


def release_rows(reader: Reader, head: SpanHead) -> list[dict]:
    """The span head and occlusion on the press releases' own dev questions (seed and senate `dev`
    splits, never `test`): each answerable turn's evidence sentence, scored against its key facts."""
    from evals.dataset import load

    rows = []
    for name in ("seed", "senate"):
        for item in load(name):
            for t in item.as_turns() if item.split == "dev" else ():
                if not (t.answerable and t.evidence):
                    continue
                facts = tuple(v for group in t.key_facts for v in group)
                _, (state,) = reader.read([ReaderInput(t.question, t.evidence)])
                span = head.best(state, t.evidence)
                text = t.evidence[span.start : span.end] if span else ""
                spans = occlusion_spans(t.evidence, t.question)  # as the assistant reads them
                occluded = ""
                if spans:
                    probs = reader.calibrate(reader.logits([ReaderInput(t.question, t.evidence)] + [
                        ReaderInput(t.question, _without(t.evidence, a, b)) for a, b in spans], together=True))
                    chosen = choose(t.evidence, spans, [float(probs[0] - x) for x in probs[1:]], KEEP)
                    occluded = chosen.text if chosen.drop >= MIN_DROP and holds_number(chosen.text) else ""
                rows.append({"dataset": name, "question": t.question, "facts": list(facts), "span": text,
                             "span_score": round(span.score, 4) if span else 0.0,
                             "span_f1": round(best_f1(text, facts), 4), "occlusion_shown": occluded,
                             "occlusion_f1": round(best_f1(occluded, facts), 4) if occluded else 0.0})
    return rows


def print_release_rows(rows: list[dict], thresholds: tuple[float, ...] = (0.25, 0.4)) -> None:
    print(f"{len(rows)} answerable seed/senate dev turns (evidence sentence)")
    for t in thresholds:
        for label, keep in (("every span", lambda r: True), ("holding a number", lambda r: holds_number(r["span"]))):
            shown = [r for r in rows if r["span_score"] >= t and keep(r)]
            right = sum(r["span_f1"] > 0 for r in shown)
            print(f"  span head >= {t}, {label}: shown {len(shown)}, overlap precision "
                  f"{right / max(len(shown), 1):.3f}, coverage {len(shown) / len(rows):.3f}")
    shown = [r for r in rows if r["occlusion_shown"]]
    print(f"  occlusion alone: shown {len(shown)}, overlap precision "
          f"{sum(r['occlusion_f1'] > 0 for r in shown) / max(len(shown), 1):.3f}")
    both = [r["occlusion_f1"] if r["occlusion_shown"] else r["span_f1"] for r in rows
            if r["occlusion_shown"] or (r["span_score"] >= MIN_SCORE and holds_number(r["span"]))]
    print(f"  as shipped (occlusion, else the head from {MIN_SCORE}): shown {len(both)}, overlap precision "
          f"{sum(f > 0 for f in both) / max(len(both), 1):.3f}")
    bar = numbers_model().bar
    gated = [r["occlusion_f1"] if r["occlusion_shown"] else r["span_f1"] for r in with_numbers_asked(rows)
             if (r["occlusion_shown"] or (r["span_score"] >= MIN_SCORE and holds_number(r["span"])))
             and r["asks_number"] >= bar]
    print(f"  as served (and the numbers model from {bar}): shown {len(gated)}, overlap precision "
          f"{sum(f > 0 for f in gated) / max(len(gated), 1):.3f}")
    print(f"  span head, any score: overlap {sum(r['span_f1'] > 0 for r in rows) / len(rows):.3f}")


def count_rows(reader: Reader, data: Path) -> list[dict]:
    """The answerable "how many" questions (`counting.counted_noun`) of the SQuAD train articles (the
    tune articles hold 5; the test articles are never read): in the sentence the reader ranks first in
    the paragraph, the short answer as served (`ShortAnswerFinder.find`) and as it was before the stated
    count (a finder built with `counts=False`)."""
    from assistant.answer.counting import counted_noun
    from assistant.answer.short_answer import ShortAnswerFinder

    finder, uncounting = ShortAnswerFinder(reader), ShortAnswerFinder(reader, counts=False)
    rows = []
    for q in (q for q in questions(data, "train") if q.answerable and counted_noun(q.text)):
        p = q.paragraph
        logits, states = reader.read([reader_input(q.text, p, j) for j in range(len(p.sentences))])
        i = int(np.argmax(logits))
        x = reader_input(q.text, p, i)
        served = finder.find(q.text, x.sentence, x.title, x.previous, x.following, states[i])
        before = uncounting.find(q.text, x.sentence, x.title, x.previous, x.following, states[i])
        rows.append({"question": q.text, "gold": list(q.answers), "served": served.text if served else None,
                     "stated": served is not None and served.count is not None,
                     "before": before.text if before else None})
    return rows


def print_count_rows(rows: list[dict]) -> None:
    n = len(rows)
    for name, key in (("before the stated count", "before"), ("as served", "served")):
        shown = [r for r in rows if r[key]]
        right = sum(best_f1(r[key], tuple(r["gold"])) > 0 for r in shown)
        print(f"{name:24s}: {len(shown)} of {n} shown ({len(shown) / max(n, 1):.2f}), overlap precision "
              f"{right / max(len(shown), 1):.3f}")
    stated = [r for r in rows if r["stated"]]
    print(f"  of which a stated count: {len(stated)}, overlap precision "
          f"{sum(best_f1(r['served'], tuple(r['gold'])) > 0 for r in stated) / max(len(stated), 1):.3f}, "
          f"the number of a gold answer {sum(_same_number(r['served'], r['gold']) for r in stated) / max(len(stated), 1):.3f}")
    for name, key in (("before the stated count", "before"), ("as served", "served")):
        shown = [r for r in rows if r[key]]
        print(f"  {name}: the number of a gold answer {sum(_same_number(r[key], r['gold']) for r in shown)} of {len(shown)}")


def _same_number(text: str, gold: list[str]) -> bool:
    """Whether the span's first number (digits or a number word) is a number some gold answer holds: overlap
    alone takes "5,000 people" for "10,000" (both hold "000")."""
    from assistant.answer.counting import _number

    def numbers(t: str) -> list[int]:
        return [n for n in (_number(w.strip(".,")) for w in t.split()) if n is not None]
    said = numbers(text)
    return bool(said) and any(said[0] in numbers(g) for g in gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/qa"))
    parser.add_argument("--sentence", choices=["gold", "reader"], default="gold")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--keep", type=float, default=KEEP)
    parser.add_argument("--target", type=float, default=0.8)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--span-reader", type=Path, default=SPAN_DIR, help="the end-to-end span reader's folder")
    parser.add_argument("--latency", action="store_true", help="only the added ms over ~50 seed/dev questions")
    parser.add_argument("--readings", action="store_true", help="only the ambiguous follow-up comparison")
    parser.add_argument("--releases", action="store_true", help="only the seed and senate dev questions")
    parser.add_argument("--counts", action="store_true",
                        help='only the "how many" questions of the SQuAD train articles: the short answer as served, '
                             'with and without the stated count')
    args = parser.parse_args()
    reader = Reader()
    reader.warm_up()
    if args.readings:
        from evals.measure_readings import READING_CASES, compare_readings

        proximity, occlusion = compare_readings(reader)
        print(f"reading chosen right: proximity {proximity}/{len(READING_CASES)}, reader {occlusion}/{len(READING_CASES)}")
        return
    if args.releases:
        rows = release_rows(reader, SpanHead.load(reader.folder))
        print_release_rows(rows)
        if args.out:
            args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        return
    if args.counts:
        print_count_rows(count_rows(reader, args.data))
        return
    if args.latency:
        ms = seed_latency(reader, args.data)
        print(f"short answer: {len(ms)} questions, added ms p50 {statistics.median(ms):.1f}, "
              f"p90 {sorted(ms)[int(0.9 * len(ms))]:.1f}, read at all: {sum(m > 1 for m in ms)}")
        return
    items = [q for q in questions(args.data, "tune") if q.answerable]
    if args.limit:
        items = items[: args.limit]
    head = SpanHead.load(reader.folder)
    assert head is not None, "no span head beside the reader: python -m assistant.reader.train_span_head"
    span_reader = SpanReader(args.span_reader) if SpanReader.available(args.span_reader) else None
    rows = measure(reader, head, items, args.sentence, args.keep, span_reader)
    scored = [r for r in rows if "drop" in r]
    n = len(rows)
    print(f"{n} answerable dev questions ({args.sentence} sentence); {len(scored)} with candidate spans")
    for name, em, f1 in (("occlusion", "em", "f1"), ("span head", "span_em", "span_f1"), ("span reader", "sr_em", "sr_f1"),
                         ("span reader + context", "src_em", "src_f1")):
        done = [r for r in rows if f1 in r]
        print(f"  {name:9s}: exact match {sum(r[em] for r in done) / n:.3f}, mean F1 {sum(r[f1] for r in done) / n:.3f}, "
              f"F1 >= {GOOD_F1}: {sum(r[f1] >= GOOD_F1 for r in done) / n:.3f}, "
              f"overlaps (F1 > 0): {sum(r[f1] > 0 for r in done) / n:.3f}")
    print(f"  occlusion contains a gold answer: {sum(r['contains'] for r in scored) / n:.3f}; "
          f"ms p50 {statistics.median(r['occlusion_ms'] for r in scored):.1f} (span head, gold sentence: "
          f"{statistics.median(r['span_ms'] for r in rows):.1f}), "
          f"spans per sentence p50 {statistics.median(r['spans'] for r in scored):.0f}")
    if span_reader is not None:
        print(f"  span reader ms p50: sentence alone {statistics.median(r['sr_ms'] for r in rows):.1f}, "
              f"with context {statistics.median(r['src_ms'] for r in rows):.1f}")
    for method in [m for m in METHODS if any(METHODS[m][0] in r for r in rows)]:
        for numbers, label in ((None, "every span"), (True, "spans holding a number"), (False, "spans without a number")):
            points, threshold = curve(rows, args.target, numbers, method)
            print(f"  {method}, {label}:")
            print(f"  threshold | precision (overlap) | precision (F1 >= {GOOD_F1}) | coverage | shown")
            for t, overlap, good, coverage, shown in points:
                print(f"  {t:9.3f} | {overlap:19.3f} | {good:22.3f} | {coverage:8.3f} | {shown}")
            print(f"  lowest threshold with overlap precision >= {args.target}: {threshold}")
    print_as_served(rows, n)
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
