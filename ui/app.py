"""The Gradio web app: chat with cited, highlighted sources; corpus management; evaluation.

`create_app(assistant)` builds the Blocks without serving and without loading anything heavy;
`launch(app, settings, ...)` serves it."""

from __future__ import annotations

import logging
from pathlib import Path

import gradio as gr

from assistant.records import Answer
from assistant.answer.pipeline import Assistant
from assistant.errors import QuestionError
from assistant.ingest.chunking import Chunker
from assistant.errors import AssistantError
from assistant.answer.followup import Turn
from assistant.ingest.library import Library
from assistant.settings import Settings

from .views import CSS, answer_markdown, sources_html

log = logging.getLogger(__name__)

EXAMPLES = [
    "Where will the next PESCO military mobility meeting be held?",
    "Summarize the release",
    "What did the EU and Norway agree on?",
    "Which releases mention Ukraine?",
]


def library_for(assistant: Assistant) -> Library:
    store = assistant.search.store
    s = store.settings
    return Library(s, store, Chunker(s.chunk_size, s.chunk_overlap, s.max_sentence_chars))


class ChatHandlers:
    """The app's callbacks, as plain methods so they can be tested without a browser."""

    def __init__(self, assistant: Assistant, library: Library):
        self.assistant = assistant
        self.library = library

    # -- chat ---------------------------------------------------------------------------------------
    def respond(self, message: str, history: list, turns: list, mode: str, since: str, until: str):
        history = list(history or [])
        turns = list(turns or [])
        if not (message or "").strip():
            yield history, gr.update(), turns, "", gr.update()
            return
        history += [{"role": "user", "content": message}, {"role": "assistant", "content": "…"}]
        yield history, sources_html(None), turns, "", gr.update()
        options = {"history": [Turn(**{**t, "release_ids": tuple(t.get("release_ids", ()))}) for t in turns], "mode": (mode or "extractive").lower(),
                   "since": since.strip() or None, "until": until.strip() or None}
        try:
            streamed = ""
            for piece in self.assistant.stream(message, **options):
                if isinstance(piece, Answer):
                    answer = piece
                    break
                streamed += piece
                history[-1] = {"role": "assistant", "content": streamed}
                yield history, gr.update(), turns, "", gr.update()
        except (QuestionError, AssistantError) as exc:
            history[-1] = {"role": "assistant", "content": f"⚠ {exc}"}
            yield history, sources_html(None), turns, "", gr.update()
            return
        history[-1] = {"role": "assistant", "content": answer_markdown(answer)}
        cited = list(dict.fromkeys(c.release_id for c in answer.citations))
        turns.append({"question": answer.question, "standalone": answer.standalone_question,
                      "answer": answer.answer, "abstained": answer.abstained, "release_ids": cited})
        yield history, sources_html(answer), turns[-10:], "", self.cited_releases(answer)

    def cited_releases(self, answer: Answer):
        """The releases an answer cites, offered for opening (a list of releases is one click from each)."""
        choices = [(f"{c.title or c.release_id} ({c.date or 'undated'})", c.release_id)
                   for c in {c.release_id: c for c in answer.citations}.values()]
        return gr.update(choices=choices, value=choices[0][1] if choices else None, visible=bool(choices))

    def ask_api(self, question: str, mode: str = "extractive", since: str = "", until: str = "") -> dict:
        """One question, the DESIGN.md answer object back (for scripts through gradio_client)."""
        try:
            return self.assistant.ask(question, mode=mode or "extractive", since=since or None,
                                      until=until or None).to_json()
        except (QuestionError, AssistantError) as exc:
            raise gr.Error(str(exc)) from None

    # -- corpus -------------------------------------------------------------------------------------
    def releases_table(self) -> list[list]:
        return [[r.id, r.title or "", r.date or "", r.chunks] for r in self.library.releases()]

    def release_ids(self):
        return gr.update(choices=[r.id for r in self.library.releases()], value=None)

    def upload(self, files: list | None, progress=gr.Progress()):
        rows = []
        paths = [Path(f if isinstance(f, str) else f.name) for f in (files or [])]
        try:
            with self.library.writing():
                for path in progress.tqdm(paths, desc="adding releases"):
                    result = self.library.add(path)
                    rows.append([path.name, result.status.value, result.release_id or "", result.chunks,
                                 result.reason or ""])
        except AssistantError as exc:
            raise gr.Error(str(exc)) from None
        return rows, self.releases_table(), self.release_ids(), self.release_ids()

    def view(self, release_id: str | None) -> str:
        if not release_id:
            return ""
        try:
            shown = self.library.show(release_id)
        except AssistantError as exc:
            return f"⚠ {exc}"
        i = shown.info
        head = f"{i.title or i.id}\n{i.date or 'undated'} · {i.place or ''} · {i.kind or ''} · {i.source} · {i.chunks} chunks"
        return head + "\n\n" + (shown.text or "(the file is missing from the corpus folder)")

    def delete(self, release_id: str | None):
        if not release_id:
            raise gr.Error("choose a release to delete")
        try:
            with self.library.writing():
                result = self.library.remove(release_id)
        except AssistantError as exc:
            raise gr.Error(str(exc)) from None
        gr.Info(f"deleted {result.release_id}")
        return self.releases_table(), self.release_ids(), self.release_ids(), ""

    # -- evaluation ---------------------------------------------------------------------------------
    def evaluate(self, dataset: str, split: str, progress=gr.Progress()):
        from evals.harness import evaluate
        from evals.report import table, write

        settings = self.assistant.search.store.settings
        report = evaluate(dataset, split=split, settings=settings, progress=lambda items: progress.tqdm(items))
        folder = write(report)
        if "passed" in (report.systems["assistant"]["questions"] or [{}])[0]:  # summaries, lists, searches, intents
            rows = [[r["id"], r["question"], r["answer"][:300], _yes(r["passed"]), _yes(bool(r["cited_releases"])),
                     _yes(r["abstained"])] for r in report.systems["assistant"]["questions"]]
        else:
            rows = [[r["id"], r["question"], r["answer"][:300], _yes(r["correct"]), _yes(r["cited_evidence"]),
                     _yes(r["abstained"])] for r in report.systems["assistant"]["questions"]]
        return (table(report) + f"\n\nReport folder: `{folder}`", str(folder / "metrics.png"),
                str(folder / "latency.png"), rows)


def _example_text(event: gr.SelectData) -> str:
    return event.value["text"]


def _yes(value) -> str:
    return "–" if value is None else ("yes" if value else "no")


def create_app(assistant: Assistant, library: Library | None = None) -> gr.Blocks:
    handlers = ChatHandlers(assistant, library or library_for(assistant))
    with gr.Blocks(title="Press-release assistant") as app:
        gr.Markdown("## Press-release assistant\nAnswers cite the passage that says so and quote the exact sentence.")
        with gr.Tab("Chat", id="chat"):
            turns = gr.State([])
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="Chat", height=460, examples=[{"text": q} for q in EXAMPLES],
                                         placeholder="Ask about the releases. Answers quote their sources.",
                                         elem_id="chatbot")
                    with gr.Row():
                        box = gr.Textbox(placeholder="Ask a question…", show_label=False, scale=5,
                                         elem_id="question", max_length=2000)
                        send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                    with gr.Row():
                        new = gr.Button("New chat", size="sm", elem_id="new-chat")
                        mode = gr.Radio(["extractive", "generative"], value="extractive", label="Mode",
                                        visible=len(assistant.modes) > 1)
                        since = gr.Textbox(label="From (YYYY-MM-DD)", max_lines=1, scale=1)
                        until = gr.Textbox(label="Until (YYYY-MM-DD)", max_lines=1, scale=1)
                with gr.Column(scale=2):
                    sources = gr.HTML(sources_html(None), elem_id="sources")
                    opened = gr.Dropdown(label="Open a release from this answer", choices=[], visible=False,
                                         elem_id="open-release")
                    opened_text = gr.Textbox(label="Release", lines=10, interactive=False, elem_id="opened-release")
            inputs = [box, chatbot, turns, mode, since, until]
            outputs = [chatbot, sources, turns, box, opened]
            opened.change(handlers.view, opened, opened_text, api_name=False)
            box.submit(handlers.respond, inputs, outputs, api_name="chat", concurrency_limit=8)
            send.click(handlers.respond, inputs, outputs, api_name=False, concurrency_limit=8)
            chatbot.example_select(_example_text, None, box, api_name=False) \
                .then(handlers.respond, inputs, outputs, api_name=False, concurrency_limit=8)
            new.click(lambda: ([], sources_html(None), [], "", gr.update(choices=[], value=None, visible=False)),
                      None, outputs, api_name=False)
            api_q = gr.Textbox(visible=False)
            api_out = gr.JSON(visible=False)
            api_q.submit(handlers.ask_api, [api_q, mode, since, until], api_out, api_name="ask", concurrency_limit=8)
        with gr.Tab("Corpus", id="corpus"):
            releases = gr.Dataframe(headers=["id", "title", "date", "chunks"], value=handlers.releases_table,
                                    interactive=False, label="Releases", elem_id="releases")
            with gr.Row():
                files = gr.File(file_count="multiple", file_types=[".txt", ".md", ".html", ".htm", ".pdf"],
                                type="filepath", label="Add releases (txt, md, html, pdf)", elem_id="upload")
                results = gr.Dataframe(headers=["file", "result", "release", "chunks", "reason"],
                                       interactive=False, label="Upload results", elem_id="upload-results")
            with gr.Row():
                chosen = gr.Dropdown(label="View a release", choices=[], elem_id="view-id", allow_custom_value=True)
                doomed = gr.Dropdown(label="Delete a release", choices=[], elem_id="delete-id")
                remove = gr.Button("Delete", variant="stop", elem_id="delete")
            shown = gr.Textbox(label="Release", lines=14, interactive=False, elem_id="release-text")
            files.upload(handlers.upload, files, [results, releases, chosen, doomed], api_name="upload",
                         concurrency_limit=1)
            chosen.change(handlers.view, chosen, shown, api_name="view")
            remove.click(handlers.delete, doomed, [releases, chosen, doomed, shown], api_name="delete",
                         concurrency_limit=1)
            app.load(handlers.release_ids, None, chosen, api_name=False)
            app.load(handlers.release_ids, None, doomed, api_name=False)
        with gr.Tab("Evaluation", id="evaluation"):
            with gr.Row():
                dataset = gr.Dropdown(["seed", "senate", "squad", "tasks", "intents"], value="seed", label="Dataset")
                split = gr.Radio(["test", "dev", "all"], value="test", label="Split")
                run = gr.Button("Run evaluation", variant="primary", elem_id="run-eval")
            metrics = gr.Markdown(elem_id="eval-table")
            with gr.Row():
                plot = gr.Image(label="Assistant vs baselines", type="filepath")
                latency = gr.Image(label="Latency", type="filepath")
            per_question = gr.Dataframe(headers=["id", "question", "answer", "correct", "cited", "refused"],
                                        interactive=False, label="Per question", wrap=True)
            run.click(handlers.evaluate, [dataset, split], [metrics, plot, latency, per_question],
                      api_name="evaluate", concurrency_limit=1)
    app.handlers = handlers  # for tests and embedding
    return app


def launch(app: gr.Blocks, settings: Settings, host: str = "127.0.0.1", port: int = 7860,
           prevent_thread_lock: bool = False):
    """Serve the app: loopback by default, optional login, upload size limit, a bounded queue, and no
    file outside the app's own served (the corpus and index folders are blocked explicitly)."""
    auth = None
    if settings.ui_user and settings.ui_password:
        auth = (settings.ui_user, settings.ui_password.get_secret_value())
    app.queue(default_concurrency_limit=4, max_size=128)
    return app.launch(
        server_name=host, server_port=port, auth=auth, max_file_size=settings.max_file_bytes,
        blocked_paths=[str(settings.index_dir.resolve()), str(settings.corpus_dir.resolve())],
        allowed_paths=[], show_error=False, prevent_thread_lock=prevent_thread_lock, quiet=True,
        css=CSS, footer_links=["api"], ssr_mode=False, pwa=False, mcp_server=False,
    )
