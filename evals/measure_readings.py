"""Which person an ambiguous "his" is taken to mean, by the follow-up rule and by the reader
(`python -m evals.measure_short_answer --readings`); moved out of measure_short_answer.py to keep it short."""

from __future__ import annotations

import numpy as np

from assistant.answer.short_answer import _without
from assistant.reader.inputs import ReaderInput
from assistant.reader.onnx_reader import Reader

# Which person "his" means after an answer naming several: (previous question, its answer sentence, the
# person that answered it). Written for this measurement; none from evals/datasets.
READING_CASES = [
    ("Who chaired the talks for the Commission?",
     "The talks were chaired by Jonas Lie, Director General for the Commission, and Eva Berg for Norway.", "Jonas Lie"),
    ("Who represented the Commission at the talks?",
     "Norway was represented by Eva Berg and the Commission by Jonas Lie.", "Jonas Lie"),
    ("Who will lead the new agency?", "The agency will be led by Anna Holm, while Per Dahl remains head of the old "
     "office and Liv Strand advises both.", "Anna Holm"),
    ("Who heads the old office?", "The agency will be led by Anna Holm, while Per Dahl remains head of the old "
     "office and Liv Strand advises both.", "Per Dahl"),
    ("Who spoke for the Coast Guard?", "The panel heard Tomas Lind, chief of staff of the Coast Guard, as well as "
     "Mari Vik of the Ministry of Trade and Director Jon Haug of the Ministry of Fisheries.", "Tomas Lind"),
    ("Who spoke for the Ministry of Trade?", "The panel heard Tomas Lind, chief of staff of the Coast Guard, as well "
     "as Mari Vik of the Ministry of Trade and Director Jon Haug of the Ministry of Fisheries.", "Mari Vik"),
    ("Who co-signed the treaty for Chile?", "The treaty was co-signed by Ana Ruiz for Chile, Pedro Soto for Peru and "
     "Lucia Vega for Bolivia.", "Ana Ruiz"),
    ("Who co-signed the treaty for Bolivia?", "The treaty was co-signed by Ana Ruiz for Chile, Pedro Soto for Peru and "
     "Lucia Vega for Bolivia.", "Lucia Vega"),
]


def compare_readings(reader: Reader) -> tuple[int, int]:
    """How often each rule picks the person who answered the previous question: the proximity rule of
    followup.py, or the reader (the name whose removal from the sentence costs the answer most)."""
    from assistant.answer.entities import person_names
    from assistant.answer.followup import Turn, resolve

    proximity = occlusion = 0
    for question, sentence, person in READING_CASES:
        names = [n for _, n in person_names(sentence)]
        inputs = [ReaderInput(question, sentence)] + [
            ReaderInput(question, _without(sentence, sentence.index(n), sentence.index(n) + len(n))) for n in names]
        logits = reader.logits(inputs, together=True)
        by_reader = names[int(np.argmax(logits[0] - logits[1:]))]
        by_proximity = resolve("What is his title?", [Turn(question, question, f"{sentence} [1]", False)]).referent
        print(f"  {person:12s} proximity: {by_proximity!s:12s} reader: {by_reader}")
        proximity += by_proximity == person
        occlusion += by_reader == person
    return proximity, occlusion
