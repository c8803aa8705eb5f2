"""Rewrites a follow-up question into a standalone one, without an LLM.

"What is his title?" after "Who co-chaired the dialogue for the EEAS?" becomes "What is Charles
Fries's title?": the pronoun is replaced by the person the previous answer names next to the thing
the previous question asked about, or by the previous question's subject. When the previous answer
names several people, that reading is searched and the question with each other person in its
place comes back in `Rewrite.others` (the choice by proximity: on the follow-up cases measured it
picked the intended person more often than the reader's occlusion of each name; see the report of
issue 14). "And who represented X?" is a question of its own: the "and" is dropped, nothing else. A
follow-up that names nothing at all ("until when?", "where", "for what?": no word but question words,
pronouns and stopwords) asks only of the last question, so it is searched joined to it ("How many agents
would the bill add? Until when?"): on the dev conversations this read 4 more of 82 follow-ups right and
none wrong (docs/followups.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.answer import grammar
from assistant.answer.entities import covers, likeliest_person, person_names
from assistant.answer.persons import POSSESSIVE, TITLES, PersonModel
from assistant.records import Answer
from assistant.text import STOPWORDS, WORD, content_terms, stem

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "these", "those"}
POSSESSIVES = {"his", "her", "hers", "its", "their", "theirs"}
PRONOUN = re.compile(r"\b(he|him|his|she|her|hers|it|its|they|them|their|theirs|there|this|that|these|those)\b", re.I)
ELLIPSIS = re.compile(r"^\s*(?:and|what about|how about)\s+(?P<rest>.+?)\??\s*$", re.I)
# A capitalised phrase: "Operation ASPIDES", "the European Peace Facility", "PESCO".
PHRASE = re.compile(r"\b[A-Z][\w\-’']*(?:\s+(?:of\s+the\s+|of\s+|for\s+|and\s+)?[A-Z][\w\-’']*)*")
MARKERS = re.compile(r"\s*\[\d+\]")
MAX_THING_WORDS = 6  # a short answer longer than this is a clause, not the name of a thing
MAX_READINGS = 4  # other readings offered at most (a list answer may name many people)
# the words a follow-up's new subject may bring with it ("and for Norway?", "what about the Commission?")
PREPOSITIONS = {"for", "in", "of", "on", "at", "about", "with", "to", "from", "by", "during", "since", "after",
                "before", "under", "over", "between", "among", "against", "into"}
ARTICLES = {"the", "a", "an"}
BE_FORMS = {"is", "are", "was", "were", "will", "would", "could", "can", "has", "have", "had", "might", "may"}
AUXILIARIES = BE_FORMS | {"do", "does", "did"}
KINDS = {"kind", "kinds", "type", "types", "sort", "sorts", "form", "forms"}  # "what kind of X" asks for an X
# a follow-up after "and" that starts with one of these is a whole question, not an ellipsis
QUESTION_STARTS = {"who", "whom", "whose", "what", "where", "when", "which", "how", "why", "is", "are", "was",
                   "were", "did", "does", "do", "will", "can", "could", "has", "have", "had"}
ASKING = re.compile(r"\b(?:who|whom|whose|what|where|when|which|how|why)\b", re.I)
WH_WORDS = {"who", "what", "where", "when", "which", "how", "why", "whose", "whom", "did", "does", "do", "is",
            "are", "was", "were", "will", "can", "could", "in", "on", "at", "and"}


@dataclass(frozen=True)
class Turn:
    question: str
    standalone: str
    answer: str  # the answer text, markers included
    abstained: bool
    release_ids: tuple[str, ...] = ()  # the releases the answer cited, first cited first ("this release")
    quotes: tuple[str, ...] = ()  # the sentences the answer quoted
    short_answer: str | None = None  # the words of the quote that answer, when the reader found them


@dataclass(frozen=True)
class Rewrite:
    """The standalone question searched, and for an ambiguous pronoun the other readings."""

    standalone: str
    pronoun: str | None = None  # the ambiguous pronoun, when there was one
    referent: str | None = None  # whom it was taken to mean
    others: tuple[str, ...] = ()  # the standalone question for each other person it could mean
    alternatives: tuple[str, ...] = ()  # those other people, in the order of `others`
    joined: bool = False  # the follow-up names nothing: it was joined to the last question, not rewritten


def condense(question: str, history: list[Turn]) -> str:
    return resolve(question, history).standalone


def resolve(question: str, history: list[Turn]) -> Rewrite:
    if not history:
        return Rewrite(question)
    previous = history[-1]
    leading_and = re.match(r"\s*and\s+(\w+)", question, re.I)
    if leading_and and leading_and.group(1).lower() in QUESTION_STARTS:
        question = question[leading_and.start(1):]  # "And who represented X?": a question of its own
    if not content_terms(question):  # "until when?", "where", "for what?": it asks only of the last question
        return Rewrite(f"{previous.standalone.rstrip(' ?')}? {_capitalised(question.strip())}", joined=True)
    ellipsis = ELLIPSIS.match(question)
    if ellipsis and len(ellipsis["rest"].split()) <= 5 and ASKING.search(ellipsis["rest"]):
        # "and on what date?": a question of the last question's; a longer one ("and if they find no
        # manipulation, who gets notified") is a question of its own, whose pronouns are rewritten below
        return Rewrite(f"{previous.standalone.rstrip(' ?')}? {_capitalised(ellipsis['rest'].strip())}?", joined=True)
    if ellipsis and len(ellipsis["rest"].split()) <= 5:
        # a phrase the ellipsis brings with no preposition ("And the tabletop trainers?", "What about
        # schools?") takes the place of the last question's last noun phrase ("How much did the state spend
        # on roads?"); one with a preposition, of its phrase of that preposition (below)
        subject = subject_of(previous.standalone, words=False)
        if not subject and ellipsis["rest"].split()[0].lower() not in PREPOSITIONS:
            subject = last_noun_phrase(previous.standalone)
        if subject and subject in previous.standalone:
            return Rewrite(in_place_of(subject, previous.standalone, ellipsis["rest"].strip()))
        return Rewrite(in_place_of_phrase(previous.standalone, ellipsis["rest"].strip()))
    question = named_again(_expanded(question), history)
    people = [] if previous.abstained else list(dict.fromkeys(name for _, name in person_names(previous.answer)))
    chosen: dict[str, str] = {}  # the ambiguous pronoun -> the person it was read as
    at_end: list[str] = []  # the place an existential "there" leaves to the end of the question

    def substitute(match: re.Match, person: str | None = None) -> str:
        pronoun = match.group(1).lower()
        if pronoun in POSSESSIVES and (_binds(question[:match.start()], pronoun)
                                       or _bound_by_subject(question, match.start(), pronoun)):
            return match.group(0)  # "What did Senator Lugar say in his letter?": bound by the name before it
        if pronoun in PERSON_PRONOUNS:
            # never the last question's leftover words: "spoke ministry" is no one ("his title" stays)
            referent = person or person_in(previous) or named_agent(previous.standalone)
            if len(people) > 1 and referent in people:
                chosen.setdefault(pronoun, referent)
        elif pronoun == "there":
            referent = place_in(previous)
            if referent and _existential(question, match) and len(re.findall(r"\bthere\b", question, re.I)) == 1:
                # "Is there a ferry?": the place goes at the end (once: "Is there a ferry from there?" has it)
                at_end[:] = [f"in {referent}"]
                return match.group(0)
            return f"in {referent}" if referent else match.group(0)
        else:
            if pronoun in {"this", "that", "these", "those"} and _followed_by_noun(question, match.end()) \
                    and not _subject_before_last_verb(question, match):
                return match.group(0)  # "this year", "that meeting": a determiner, not a pronoun
            referent = answered_entity(previous, plural=pronoun in PLURAL_PRONOUNS)
            if referent and person_names(referent):
                referent = None  # "who puts it out": a thing, not "Committee Chairman Dick Lugar"
            if not referent and pronoun in PLURAL_PRONOUNS:
                plural = plural_phrase(previous.standalone)
                if plural:
                    return f"{plural}'" if pronoun in POSSESSIVES else plural  # "their jobs": "the offices' jobs"
            referent = referent or thing_of(previous)
        if not referent:
            return match.group(0)
        return f"{referent}'s" if pronoun in POSSESSIVES else referent

    standalone = _with_end(_capitalised(PRONOUN.sub(substitute, question)), at_end)
    if not chosen:
        return Rewrite(standalone)
    pronoun, referent = next(iter(chosen.items()))
    alternatives = tuple(p for p in people if p != referent)[:MAX_READINGS]
    others = tuple(_with_end(_capitalised(PRONOUN.sub(lambda m, p=p: substitute(m, p), question)), at_end)
                   for p in alternatives)
    return Rewrite(standalone, pronoun, referent, others, alternatives)


def with_reading_note(answer: Answer, rewrite: Rewrite) -> Answer:
    """The answer with a first line naming the reading searched, and the other readings to offer."""
    if not rewrite.others:
        return answer
    note = (f'Read "{rewrite.pronoun}" as {rewrite.referent}; it could also mean '
            f'{" or ".join(rewrite.alternatives)}.')
    return replace(answer, answer=f"{note}\n{answer.answer}", other_readings=rewrite.others)


def named_again(question: str, history: list[Turn]) -> str:
    """The question with a bare "the X" or "that X" written as an earlier question of the chat (the latest
    first) named X: "When's the group meeting next?" after "Who co-chairs the Senate High Tech Working Group?"
    asks of the Senate High Tech Working Group; "What would the bill cost?" after "... the long-term care bill
    George Allen introduced?" of the long-term care bill. The same head noun, a longer phrase that asks
    nothing and owns nothing of a pronoun's ("his energy plan" would need its own turn read). Not "this X":
    "this release" is the release in view."""
    earlier = [p for turn in reversed(history) for p in grammar.noun_phrases(turn.standalone)
               if not (p.asked or p.pronoun) and p.text.split()[0].lower() not in POSSESSIVES]
    for phrase in grammar.noun_phrases(question):
        words = phrase.text.split()
        if len(words) != 2 or words[0].lower() not in {"the", "that"} or not words[1].islower():
            continue
        head = stem(words[1])
        fuller = next((p for p in earlier if stem(p.text.split()[-1].lower()) == head
                       and len([w for w in p.text.split() if w.lower() not in STOPWORDS]) > 1), None)
        if fuller:
            text = _as_named(fuller)  # "the Allard meeting", "Senator Smith's farm bill"
            question = question[:phrase.start] + text + question[phrase.start + len(phrase.text):]
            break  # offsets after a replacement no longer hold; one phrase is what a follow-up names again
    return question


def _expanded(question: str) -> str:
    """A pronoun's contraction written out, so the pronoun can give way to a name: "they're" -> "they are"."""
    question = re.sub(r"\b(they|we|you)['’]re\b", r"\1 are", question, flags=re.I)
    question = re.sub(r"\b(they|we|you)['’]ve\b", r"\1 have", question, flags=re.I)
    return re.sub(r"\b(it|that|this|there)['’]s\b", r"\1 is", question, flags=re.I)


def _capitalised(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def person_in(turn: Turn) -> str | None:
    """The person the previous answer names closest before what the previous question was about (its
    capitalised phrases, else its content words, where the answer repeats them)."""
    if turn.abstained:
        return None
    names = person_names(turn.answer)
    if re.match(r"\s*(?:who|whom)\b(?!\s+(?:is|was|are|were)\b)", turn.standalone, re.I):
        # "Who co-chairs the group with Ben Nelson?": the answer is the person the question did not name
        # ("Who is Jane Doe?" is answered by a sentence about her)
        unasked = [n for n in names if n[1].lower() not in turn.standalone.lower()]
        names = unasked or names
    if not names:
        names = person_names(turn.standalone)
        return names[-1][1] if names else likeliest_person(MARKERS.sub("", turn.answer))
    anchors = [m.start() for phrase in _phrases(turn.standalone) for m in re.finditer(re.escape(phrase), turn.answer)]
    if not anchors:
        asked = {stem(w) for w in content_terms(turn.standalone)}
        anchors = [m.start() for m in WORD.finditer(turn.answer) if stem(m.group()) in asked
                   and not any(a <= m.start() < a + len(n) for a, n in names)]
    if not anchors:
        return names[0][1]
    anchor = anchors[0]
    before = [n for n in names if n[0] < anchor]
    chosen = max(before, key=lambda n: n[0]) if before else min(names, key=lambda n: abs(n[0] - anchor))
    return chosen[1]


def named_agent(question: str) -> str | None:
    """The question's longest capitalised phrase that the entity recogniser does not take for a place or an
    organisation: "he" after "How much could White Pine County get?" is no county."""
    places = {p.text for p in grammar.noun_phrases(question) if p.place}
    names = [p for p in _phrases(question) if not any(p in place or place in p for place in places)]
    return max(names, key=len) if names else None


def answered_entity(turn: Turn, plural: bool = False) -> str | None:
    """For "Which naval operation ...?" the named thing the answer gives: "Operation ASPIDES"; for "What did
    the committee approve?" what the answer's verb was done to; else, for a "which X", the reader's short
    answer when it names a thing. `plural` ("they", "those") takes only a name the answer gives."""
    if turn.abstained:
        return None
    head = re.search(r"\b(?:which|what)\s+((?:[\w\-’']+\s+){0,5}?[\w\-’']+)\s+(?:is|was|are|were|did|does|do|will|has|have)\b",
                     turn.standalone, re.I) or re.search(r"\bwhich\s+([\w\-’']+)", turn.standalone, re.I)
    if not head:  # "Which agency awarded ...", "Which countries met ...": the noun after "which"
        head = re.search(r"\b(what)\s+(?:did|does|do|will|has|have)\b", turn.standalone, re.I)  # "What did the EU fund?"
    if not head:
        return None
    # the noun asked for comes before its modifiers: "Which aid programme for Ukraine did ..." asks for a programme
    asked = head.group(1).lower().split()
    if len(asked) > 2 and asked[0] in KINDS and asked[1] == "of":  # "What kind of threats ...": threats
        asked = asked[2:]
    # "What did the EU fund?" asks for no noun: only the name the answer brings (below) can be what it asked
    noun = None if asked[0] in WH_WORDS or asked == ["what"] else \
        asked[:next((i for i, w in enumerate(asked) if i and w in PREPOSITIONS), len(asked))][-1]
    text = MARKERS.sub("", turn.answer)
    # a headline set in capitals ("ALLARD IDENTITY THEFT AMENDMENT INCLUDED IN ...") names nothing in particular
    found = [p for p in PHRASE.finditer(text) if sum(w.isupper() and len(w) > 1 for w in p.group().split()) < 3]
    for phrase in (p.group() for p in found if noun):
        if covers(noun, {w.lower() for w in phrase.split()}) and len(phrase.split()) > 1:
            return phrase
    # else the one name the answer brings that the question did not: "Operation Atalanta" for "Which naval
    # mission ...?", "Iceland and Norway" for "Which countries met ...?"; a word capitalised only because it
    # opens a sentence ("Grants were ...", "Yesterday") is none
    names = (_without_opening_stopword(p.group()) for p in found
             if " " in p.group() or not re.search(r"(?:^|[.!?]\s+)$", text[:p.start()]))
    new = list(dict.fromkeys(p for p in names if p and p.lower() not in turn.standalone.lower()))
    if len(new) == 1:
        return new[0]
    if not noun and not plural and (turn.quotes or text):  # "What did the committee approve?": what it approved
        done = grammar.done_to(turn.standalone, turn.quotes[0] if turn.quotes else text)
        if done and not person_names(done):  # named again, it is a known one: "a new strategy" -> "the new strategy"
            return re.sub(r"^(?:a|an|the)\s+", "the ", done, flags=re.I)
    # else the short answer, when it is a thing ("Which domain did they call strategic?": space), not a number
    short = turn.short_answer
    if noun and not plural and short and len(short.split()) <= MAX_THING_WORDS and not re.search(r"\d", short):
        return short
    return None


def _without_opening_stopword(phrase: str) -> str:
    """"Both Norway" -> "Norway", "The" -> "": a capitalised function word opening a sentence is no name."""
    words = phrase.split()
    while words and words[0].lower() in STOPWORDS:
        words.pop(0)
    return " ".join(words)


def in_place_of(subject: str, question: str, words: str) -> str:
    """`question` with `words` in place of `subject` and of the preposition and article before it that
    `words` bring their own of: "and for Norway?" after "Who chaired the talks for the Commission?" is
    "Who chaired the talks for Norway?", not "... for the for Norway?"."""
    first = words.split()[0].lower()
    possessed = re.search(rf"{re.escape(subject)}['’]s\b", question)
    if possessed and first in PREPOSITIONS:  # "What is Fries's role?" + "and for Norway?": the role for Norway
        return _with_end(f"{question[:possessed.start()]}the{question[possessed.end():]}", [words])
    lead = rf"(?:{re.escape(first)}\s+)?" if first in PREPOSITIONS else ""
    if first in PREPOSITIONS | ARTICLES:
        lead += r"(?:(?:the|a|an)\s+)?"
    m = re.search(rf"\b{lead}{re.escape(subject)}", question, re.I) if lead else None
    start, end = (m.start(), m.end()) if m else (question.index(subject), question.index(subject) + len(subject))
    return question[:start] + words + question[end:]


def in_place_of_phrase(question: str, words: str) -> str:
    """`question`, which names no subject to replace, with `words` in place of its last phrase that opens
    with their preposition (to the next preposition or the end): "and about peace mediation?" after "What
    did they decide about space?" is "What did they decide about peace mediation?", not "... about space
    about peace mediation?". Words without a preposition take the question's last one ("and NATO?" is
    about NATO). Otherwise, or when that phrase would take a verb of the question with it ("Which of the
    projects were funded?"), or its preposition opens the question or a question word ("In which year
    ..."), `words` are added at the end: what the question is asked about ("What about China?" after
    "Summarize the release" is "Summarize the release about China?")."""
    first = words.split()[0].lower()
    end_of_question = len(question.rstrip().rstrip("?.!").rstrip())
    body = question[:end_of_question]
    prepositions = [m for m in re.finditer(r"(?<![\w-])[A-Za-z]+(?![\w-])", body)
                    if m.group().lower() in PREPOSITIONS and m.start() > 0
                    and not ASKING.match(body[m.end():].lstrip())]
    mine = [m for m in prepositions if m.group().lower() == first] if first in PREPOSITIONS else prepositions[-1:]
    if mine:
        start, after = mine[-1].start(), mine[-1].end()
        following = next((m for m in prepositions if m.start() >= after), None)
        end = following.start() if following else end_of_question
        if not set(re.findall(r"[a-z]+", body[after:end].lower())) & AUXILIARIES:
            replacement = words if first in PREPOSITIONS else f"{mine[-1].group().lower()} {words}"
            return f"{body[:start]}{replacement} {body[end:]}".rstrip() + "?"
    joiner = "" if first in PREPOSITIONS else "about "
    return f"{body} {joiner}{words}?"


def place_in(turn: Turn) -> str | None:
    if turn.abstained:
        return None
    m = re.search(r"\b(?:in|at)\s+([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)*)", turn.answer)
    return m.group(1) if m else None


# the roles a pronoun's referent is looked for in, likeliest first: what is done to (the passive subject,
# the object) before who does it ("Why did the mayor close the library?" + "When will it reopen?": the
# library), before what a preposition adds
_ROLES = ("nsubjpass", "dobj", "nsubj", "pobj", "attr")


def thing_of(turn: Turn) -> str | None:
    """What "it", "its", "this" or "that" mean in the last question when its answer named no thing: the thing
    it asked for ("What report ...?": the report); else its noun phrase that is no person, no pronoun and not
    plural, by role (`_ROLES`), and for "the number of X" X. "Who chaired it?" after "Where was the dialogue
    held?" asks who chaired the dialogue, and "How much would it cut?" after "What's the number of Allard's
    amendment?" asks what the amendment would cut, not Allard."""
    phrases = grammar.noun_phrases(turn.standalone)
    known = {w for _, name in person_names(f"{turn.standalone} {MARKERS.sub('', turn.answer)}")
             for w in re.findall(r"[\w'’\-]+", name)}

    def thing(p: grammar.NounPhrase) -> bool:
        return not (p.pronoun or p.person or p.plural or p.asked or p.coordinated or p.text in known)

    def about(p: grammar.NounPhrase) -> grammar.NounPhrase:
        seen = {p}
        while p.about is not None and thing(phrases[p.about]) and phrases[p.about] not in seen:
            p = phrases[p.about]
            seen.add(p)
        return p

    asked = next((p for p in phrases if p.asked and not (p.pronoun or p.plural or p.person) and p.named != p.text
                  and not p.named.lower().startswith(("many ", "much "))), None)
    if asked and asked.about is not None:  # "What kind of research centre ...": the research centre
        return _as_named(phrases[asked.about])
    if asked:  # "What report did Lugar pass along in his letter?": "who puts it out" asks of the report
        return f"the {asked.named}"
    ranked = sorted((p for p in phrases if thing(p)),
                    key=lambda p: _ROLES.index(p.role) if p.role in _ROLES else len(_ROLES))
    if ranked:
        return _owned(_as_named(about(ranked[0])), phrases)
    # the parser, trained on statements, misses some phrases of questions: the capitalised ones still name things
    people = {p.text for p in phrases if p.person}
    named = [p for p in _phrases(turn.standalone) if p not in known | people and not person_names(p)]
    return max(named, key=len) if named else None


def _owned(phrase: str, phrases: tuple[grammar.NounPhrase, ...]) -> str:
    """The phrase with its possessive pronoun written as the subject it means: "their fourth dialogue" in
    "When did the EU and Norway hold their fourth dialogue?" is the EU and Norway's fourth dialogue."""
    first, _, rest = phrase.partition(" ")
    if first.lower() not in {"their", "its"} or not rest:
        return phrase
    owner = next((p for p in phrases if p.role in {"nsubj", "nsubjpass"} and not (p.pronoun or p.asked)
                  and p.plural == (first.lower() == "their")), None)
    return f"{owner.text}'s {rest}" if owner else phrase


def _as_named(phrase: grammar.NounPhrase) -> str:
    """The phrase as a question names it again: a name as it is ("Norway"), a common noun as a known one."""
    text = re.sub(r"^(?:that|this|these|those)\b", "the", POSSESSIVE.sub("", phrase.text), flags=re.I)
    return text if phrase.proper else _definite(text)


def _definite(phrase: str) -> str:
    """"research centre" -> "the research centre", "Allard meeting" -> "the Allard meeting": a common noun
    named again is a known one; a phrase with its own determiner or a possessive is left as it is."""
    first = phrase.split()[0]
    if first.lower() in STOPWORDS or re.search(r"['’]s\b", phrase):
        return phrase
    return f"the {phrase}"


def _without_asking(phrase: str) -> str:
    """"many vests" -> "vests": the words of a question's "how many" are no part of the thing."""
    return re.sub(r"^(?:many|much)\s+", "", phrase, flags=re.I)


def plural_phrase(question: str) -> str | None:
    """The question's last plural noun phrase that is no pronoun and asks nothing: "those" after "What
    threats will the EU-Norway expert consultations cover?" are "the EU-Norway expert consultations"."""
    plurals = [p for p in grammar.noun_phrases(question) if p.plural and not (p.pronoun or p.asked)]
    if plurals:
        return POSSESSIVE.sub("", plurals[-1].text)
    asked = [p for p in grammar.noun_phrases(question) if p.plural and p.asked and p.named != p.text]
    return f"the {_without_asking(asked[-1].named)}" if asked else _plural_word(question)


def _plural_word(question: str) -> str | None:
    """The question's last word read as a plural from its ending, for a question the parser finds no plural
    phrase in ("From which services?"): "-s", not "-ss", "-us", "-is" or "-ous", and no name."""
    words = re.findall(r"[\w\-’']+", question)
    for w in reversed(words[1:]):
        if w.lower() not in STOPWORDS | WH_WORDS and not w[0].isupper() and len(w) >= 4 and w.endswith("s") \
                and not w.endswith(("ss", "us", "is", "ous")):
            return f"the {w}"
    return None


def subject_of(question: str, words: bool = True) -> str | None:
    """The question's longest capitalised phrase; else, with `words`, its last three content words."""
    phrases = _phrases(question)
    if phrases:
        return max(phrases, key=len)
    if not words:
        return None
    content = [w for w in re.findall(r"[\w\-]+", question) if w.lower() not in STOPWORDS | WH_WORDS]
    return " ".join(content[-3:]) if content else None


def last_noun_phrase(question: str) -> str | None:
    """The question's last noun phrase that asks nothing and is no pronoun ("What is that thing exactly?":
    that thing), what an ellipsis ("And the tabletop trainers?") varies."""
    nouns = [p for p in grammar.noun_phrases(question) if not (p.asked or p.pronoun or p.coordinated)]
    return nouns[-1].text if nouns else None


def _phrases(question: str) -> list[str]:
    out = []
    opening = len(question) - len(question.lstrip())
    for m in PHRASE.finditer(question):
        phrase = POSSESSIVE.sub("", m.group())  # "Blanche Lincoln's provision": the phrase names Blanche Lincoln
        first, *rest = phrase.split()
        # the question's first word is capitalised as the first, not as a name: "Where's that money coming
        # from", "From which services?", "Over what time frame" (but "Will Smith", "May Day" are names)
        if POSSESSIVE.sub("", first.lower()) in WH_WORDS or (m.start() == opening and not rest
                                                               and first.lower() in STOPWORDS):
            if not rest:
                continue
            phrase = " ".join(rest)
        out.append(phrase)
    return out


def _binds(before: str, pronoun: str) -> bool:
    """Whether a name in `before` (the question up to a possessive) can be what the possessive means: "his"
    or "her" a person ("Did Senator Lugar send his letter?", "Blanche Lincoln's ... her provision"), "its"
    or "their" a thing that is no person ("When did Norway announce its pledge?"). Not a capitalised word
    opening the question or one of its sentences ("Summarize his remarks.", "Thanks! What is its budget?")."""
    sentence = re.split(r"[.!?]\s+", before)[-1]
    opening = re.match(r"\s*\S+", sentence)
    inside = sentence[opening.end():] if opening else ""
    names = [p for p in _phrases(inside) if p != "I"]
    if not names:
        return False
    people = {name for _, name in person_names(inside)} | \
        {p for p in names if p.split()[0] in TITLES and len(p.split()) > 1}
    wanted_person = pronoun in PERSON_PRONOUNS
    return any((p in people or any(p.endswith(person) for person in people)) == wanted_person for p in names)


def _bound_by_subject(question: str, at: int, pronoun: str) -> bool:
    """Whether the possessive at `at` is its own question's subject's, read in the parse of the whole
    question: "their" after a subject that asks how many or which ("How many people lost their jobs?"),
    "his" or "her" after a name read as the subject that the person-name model takes for a person ("When
    does Allard hope to get his bill passed?"; `person_names` reads runs of two words or more). The subject
    ends before the possessive."""
    before = [p for p in grammar.noun_phrases(question) if p.start + len(p.text) <= at
              and p.role in {"nsubj", "nsubjpass"} and not p.pronoun]
    if pronoun in {"their", "theirs"}:
        return any(p.plural and p.asked for p in before)
    # the person-name model, not the entity recogniser, which takes "Lugar" for a place, tells the person
    return pronoun in {"his", "her"} and any(p.proper and PersonModel.load().is_person(p.text) for p in before)


def _with_end(question: str, words: list[str]) -> str:
    """The question with `words` added before its question mark."""
    if not words:
        return question
    end = question.rstrip().rstrip("?").rstrip()
    return f"{end} {' '.join(words)}" + ("?" if question.rstrip().endswith("?") else "")


def _existential(question: str, match: re.Match) -> bool:
    """ "there" with a form of "be" next to it asks whether something exists ("Is there a ferry?", "there are
    plans to ..."), not where: it is no place to replace."""
    before = _word_before(question, match.start())
    after = re.match(r"\s*(?:'s\b|(\w+))", question[match.end():])
    return bool(before in BE_FORMS or
                (after and (after.group(1) is None or after.group(1).lower() in BE_FORMS | {"be"})))


def _subject_before_last_verb(question: str, match: re.Match) -> bool:
    """ "when does that start", "Which projects did that include?": a demonstrative right after an auxiliary
    with one word after it, the question's last, is the subject of that word (its verb), not a determiner
    ("does that plan start" would have two)."""
    return bool(_word_before(question, match.start()) in AUXILIARIES
                and re.fullmatch(r"\s+[a-z][\w\-]*\s*[?.!]?\s*", question[match.end():]))


def _word_before(question: str, at: int) -> str | None:
    """The word right before `at`, in lower case."""
    before = re.search(r"(\w+)\s+$", question[:at])
    return before.group(1).lower() if before else None


def _followed_by_noun(question: str, at: int) -> bool:
    following = re.match(r"\s+([a-z][\w\-]*)", question[at:])
    return bool(following and following.group(1) not in STOPWORDS | WH_WORDS)
