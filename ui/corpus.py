"""The corpus tab: the releases, uploads with a per-file result, viewing and deleting a release."""

from __future__ import annotations

import logging
from pathlib import Path

import gradio as gr

from assistant.errors import AssistantError
from assistant.ingest.library import Library

log = logging.getLogger(__name__)

FILE_TYPES = [".txt", ".md", ".html", ".htm", ".pdf"]


class CorpusHandlers:
    def __init__(self, library: Library):
        self.library = library

    def releases_table(self) -> list[list]:
        return [[r.id, r.title or "", r.date or "", r.chunks] for r in self.library.releases()]

    def release_ids(self):
        return gr.update(choices=[r.id for r in self.library.releases()], value=None)

    def upload(self, files: list | None, progress=gr.Progress()):
        paths = [Path(f if isinstance(f, str) else f.name) for f in (files or [])]
        rows = []
        try:
            with self.library.writing():
                results = self.library.add_many(paths)  # one result per file, in order
                for path, result in zip(paths, progress.tqdm(results, total=len(paths), desc="adding releases")):
                    rows.append([path.name, result.status.value, result.release_id or "", result.chunks,
                                 result.reason or ""])
        except AssistantError as exc:
            raise gr.Error(str(exc)) from None
        log.info("uploaded %d file(s)", len(rows))
        return rows, self.releases_table(), self.release_ids(), self.release_ids()

    def view(self, release_id: str | None) -> str:
        if not release_id:
            return ""
        try:
            shown = self.library.show(release_id)
        except AssistantError as exc:
            return f"⚠ {exc}"
        i = shown.info
        head = (f"{i.title or i.id}\n{i.date or 'undated'} · {i.place or ''} · {i.kind or ''} · {i.source} · "
                f"{i.chunks} chunks")
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


def corpus_tab(app: gr.Blocks, handlers: CorpusHandlers) -> None:
    """Lays out the tab inside the current `gr.Tab`; `/upload`, `/view` and `/delete` are its endpoints."""
    releases = gr.Dataframe(headers=["id", "title", "date", "chunks"], value=handlers.releases_table,
                            interactive=False, label="Releases", elem_id="releases")
    with gr.Row():
        files = gr.File(file_count="multiple", file_types=FILE_TYPES, type="filepath",
                        label="Add releases (txt, md, html, pdf)", elem_id="upload")
        results = gr.Dataframe(headers=["file", "result", "release", "chunks", "reason"],
                               interactive=False, label="Upload results", elem_id="upload-results")
    with gr.Row():
        chosen = gr.Dropdown(label="View a release", choices=[], elem_id="view-id", allow_custom_value=True)
        doomed = gr.Dropdown(label="Delete a release", choices=[], elem_id="delete-id")
        remove = gr.Button("Delete", variant="stop", elem_id="delete")
    shown = gr.Textbox(label="Release", lines=14, interactive=False, elem_id="release-text")
    files.upload(handlers.upload, files, [results, releases, chosen, doomed], api_name="upload", concurrency_limit=1)
    chosen.change(handlers.view, chosen, shown, api_name="view")
    remove.click(handlers.delete, doomed, [releases, chosen, doomed, shown], api_name="delete", concurrency_limit=1)
    app.load(handlers.release_ids, None, chosen, api_visibility="private")
    app.load(handlers.release_ids, None, doomed, api_visibility="private")
