"""Whether a message is written in another language than English, the only one the assistant reads.

The embedding model, the readers and the intent model learned English; asked "Où s'est tenu le dialogue ?",
the assistant said the releases don't say, and its speller "corrected" the French ("tenu" -> "ten").
Now such a message gets a reply saying so, instead of an answer or a refusal that would be wrong.

Two models decide, neither fitted to this project's examples:
- py3langid (langid.py's model: naive Bayes over byte n-grams, 97 languages; BSD) gives the probability
  that the message is English and its likeliest other language;
- spaCy's stop-word lists (shipped inside spaCy, one per language) say whether the message holds that
  language's function words ("le", "der", "wie") and none of English's own ("the", "what", "did").
A message is taken for another language only when both agree: a name or a foreign title in an English
question ("Who is Hans Christian Hveem Kjølseth?", "Bundeswehr numbers?") has letters langid reads as
Norwegian or German, but no Norwegian or German function word; one capitalised opens a name ("Los
Alamos", "Le Monde"), and a message of three words or fewer needs two ("de minimis exemption", "ok ty"
stay English). A word or two with none ("pesco?", "riassunto?"), and any single word ("Å"), stays English,
since nothing tells it apart (the reader reads it and refuses what it cannot). A message mostly in
another script than Latin is langid's call alone.
"""

from __future__ import annotations

import importlib
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ENGLISH_AT_MOST = 0.2  # langid's probability of English, chosen on the dev messages (evals/datasets/languages.jsonl)
# langid's codes where spaCy's differ (Norwegian Bokmål and Nynorsk share a stop-word list in spaCy)
SPACY_CODE = {"no": "nb", "nn": "nb"}
_WORD = re.compile(r"[^\W\d_]+")
_lock = threading.Lock()


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as langid gives it
    name: str  # in English ("French"), from spaCy's language classes; the code when spaCy has none


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=None)
def _stop_words(code: str) -> frozenset[str]:
    try:
        return frozenset(w.lower() for w in importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS)
    except ImportError:
        return frozenset()


@lru_cache(maxsize=None)
def _function_words(code: str) -> frozenset[str]:
    """A language's function words that English's list lacks."""
    return _stop_words(code) - _stop_words("en")


@lru_cache(maxsize=1)
def _english_only() -> frozenset[str]:
    """English's function words that no other language's list holds ("the", "what", "did"; not "in", "a")."""
    import pkgutil

    import spacy.lang

    others = set().union(*(_stop_words(m.name) for m in pkgutil.iter_modules(spacy.lang.__path__) if m.name != "en"))
    return _stop_words("en") - others


def warm_up() -> None:
    """Loads langid's model and the stop-word lists now (about a second), not on the first question."""
    with _lock:
        _identifier()
        _english_only()


def written_in(text: str) -> Language | None:
    """The language the message is written in when it is taken for one other than English; else None."""
    tokens = [(m.group(), m.group().lower()) for m in _WORD.finditer(text)]
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return None
    with _lock:  # the identifier is not documented as thread-safe; it takes a tenth of a millisecond
        ranked = _identifier().rank(text)
    english = next((p for code, p in ranked if code == "en"), 0.0)
    other = next((code for code, _ in ranked if code != "en"), None)
    if english > ENGLISH_AT_MOST or other is None:
        return None
    spacy_code = SPACY_CODE.get(other, other)
    if sum(not unicodedata.name(c, "").startswith("LATIN") for c in letters) > len(letters) / 2:
        # another script ("谁主持了会议？" is one "word" to the pattern; no stop-word list splits it): langid decides
        return Language(other, _name(spacy_code))
    if len(tokens) < 2 or any(lower in _english_only() for _, lower in tokens):
        return None  # one word says too little ("Oslo?", "Å"); "the", "what", "did" say English
    found = {lower for k, (_, lower) in enumerate(tokens) if lower in _function_words(spacy_code)
             and _as_function_word(tokens, k)}
    # a short message needs two: "ok ty" ("ty": Polish "you"), "de minimis exemption", "per se"
    if len(found) < (2 if len(tokens) <= 3 else 1):
        return None
    return Language(other, _name(spacy_code))


def _as_function_word(tokens: list[tuple[str, str]], k: int) -> bool:
    """A function word is written in lower case, or opens the message before a word in lower case ("Wo
    findet ..."); capitalised, it opens a name ("Los Alamos", "El Paso", "Des Moines", "Le Monde")."""
    word, lower = tokens[k]
    return word == lower or (k == 0 and len(tokens) > 1 and tokens[1][0] == tokens[1][1])


def _name(code: str) -> str:
    try:
        from spacy.util import get_lang_class

        return get_lang_class(code).__name__
    except Exception:  # a language spaCy has no class for: its code is all there is to say
        return code


def reply_text(language: Language) -> str:
    return f"I read questions in English only, and this looks like {language.name}. Please ask again in English."
