"""Typos in a question, corrected before it is read: one misspelt word can turn the reader's answer into a
refusal ("whcih asian partners did the EU ...": 0.07 on the sentence that answers it, "which ...": 0.91).

A word is taken for a typo when neither English nor the corpus holds it. It is then replaced by the
nearest word one edit away with the same first letter that the corpus holds or that is among English's
10,000 commonest (SymSpell, with the English word frequencies its package ships), preferring one the
corpus holds beside the question's neighbouring words ("co-chared" -> "co-chaired", not "co-shared";
"peace facilty" -> "peace facility", not "faculty"), then one English pairs with them (the package's
word pairs), then the commoner. Words that look like names (capitalised inside the question, capitals
after the first letter, letters outside English's) are left as they are: a name the corpus lacks is
what the question asks about, not a typo."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.embedding.torch_model import Lazy

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # letters of any script: "Kjølseth" is one word
MIN_LENGTH = 4  # shorter tokens are abbreviations as often as typos ("pls" is no typo of "plus")
COMMON_WORDS = 10_000  # English's commonest words, by the package's counts, are taken whether or not the corpus holds them


@dataclass(frozen=True)
class Correction:
    start: int
    end: int
    word: str
    replacement: str


def _dictionary_files() -> tuple[Path, Path]:
    import symspellpy

    folder = Path(symspellpy.__file__).parent
    return folder / "frequency_dictionary_en_82_765.txt", folder / "frequency_bigramdictionary_en_243_342.txt"


class Speller:
    """`corpus_counts(terms)` tells how many chunks of the corpus hold each term (0: none)."""

    def __init__(self, corpus_counts: Callable[[Sequence[str]], dict[str, int]]):
        self.corpus_counts = corpus_counts
        self._words = Lazy(self._load_words)
        self._pairs = Lazy(self._load_pairs)
        self._symspell = Lazy(self._load_symspell)
        self._common = Lazy(lambda: sorted(self._words.get().values(), reverse=True)[COMMON_WORDS - 1])

    @staticmethod
    def _load_words() -> dict[str, int]:
        words, _ = _dictionary_files()
        counts = {}
        for line in words.read_text(encoding="utf-8").splitlines():
            word, _, count = line.partition(" ")
            if count:
                counts[word] = int(count)
        return counts

    @staticmethod
    def _load_pairs() -> dict[str, int]:
        _, pairs = _dictionary_files()
        counts = {}
        for line in pairs.read_text(encoding="utf-8").splitlines():
            parts = line.split(" ")
            if len(parts) == 3:
                counts[f"{parts[0]} {parts[1]}"] = int(parts[2])
        return counts

    def _load_symspell(self):
        from symspellpy import SymSpell

        speller = SymSpell(max_dictionary_edit_distance=1, prefix_length=7)
        for word, count in self._words.get().items():
            speller.create_dictionary_entry(word, count)
        return speller

    def warm_up(self) -> None:
        self._symspell.get()
        self._pairs.get()

    def corrections(self, question: str) -> list[Correction]:
        """The question's typos with their replacements, in reading order (none: nothing to correct)."""
        words = self._words.get()
        tokens = list(_WORD.finditer(question))
        suspects = [(i, m) for i, m in enumerate(tokens) if self._may_be_typo(question, m, words)]
        if not suspects:
            return []
        held = self.corpus_counts([m.group(0).lower() for _, m in suspects])
        out = []
        for i, m in suspects:
            word = m.group(0).lower()
            if held.get(word, 0):
                continue
            before = tokens[i - 1].group(0).lower() if i else ""
            after = tokens[i + 1].group(0).lower() if i + 1 < len(tokens) else ""
            replacement = self._best(word, before, after)
            if replacement:
                out.append(Correction(m.start(), m.end(), m.group(0), _cased_like(m.group(0), replacement)))
        return out

    def correct(self, question: str) -> str:
        """The question with its typos corrected (the same string when it has none)."""
        for c in reversed(self.corrections(question)):
            question = question[:c.start] + c.replacement + question[c.end:]
        return question

    @staticmethod
    def _may_be_typo(question: str, match: re.Match, words: dict[str, int]) -> bool:
        word = match.group(0)
        base = re.sub(r"['’]s$", "", word.lower())
        if len(base) < MIN_LENGTH or base in words or word.lower() in words or not word.isascii():
            return False
        if any(ch.isupper() for ch in word[1:]):  # "DECnet", "vBNS", "NATO": a name or an acronym
            return False
        first = not question[:match.start()].strip(" \"'“‘(")
        return first or not word[0].isupper()  # capitalised inside the question: a name

    def _best(self, word: str, before: str, after: str) -> str | None:
        from symspellpy import Verbosity

        # a typo seldom changes the first letter, a lower-case name the corpus lacks often is one edit from
        # a word ("hanford" -> "sanford", "mpox" -> "pox")
        candidates = [c.term for c in self._symspell.get().lookup(word, Verbosity.CLOSEST, max_edit_distance=1)
                      if c.term != word and c.term[0] == word[0]]
        if not candidates:
            return None
        in_corpus = self.corpus_counts([*candidates, *(f"{before} {c}" for c in candidates if before),
                                        *(f"{c} {after}" for c in candidates if after)])
        # a word the corpus holds, or one of English's commonest (a question's own words, "represented",
        # "mention", which one release need not hold); not a rare word the corpus lacks ("schoolers" ->
        # "schooners"), which cannot help the question find its answer
        words, pairs = self._words.get(), self._pairs.get()
        candidates = [c for c in candidates if in_corpus.get(c, 0) or words.get(c, 0) >= self._common.get()]
        if not candidates:
            return None

        def fit(candidate: str) -> tuple[int, int, int]:  # beside its neighbours in the corpus, in English; commoner
            pair = (f"{before} {candidate}", f"{candidate} {after}")
            return sum(in_corpus.get(p, 0) for p in pair), sum(pairs.get(p, 0) for p in pair), words.get(candidate, 0)

        return max(candidates, key=fit)


def _cased_like(original: str, word: str) -> str:
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
