"""The corpus tab: the releases, uploads with a per-file result, viewing and deleting a release.

Every choice of files starts the results table afresh. Gradio refuses some files in the browser before
anything reaches the server (another type, over the upload limit): it shows a toast and sends no event.
A small script beside the upload box tells the server which files were chosen, so the table shows a
row for each file Gradio will refuse (the same checks, from the same settings) instead of the last
upload's rows; the upload's own results follow them."""

from __future__ import annotations

import logging
from pathlib import Path

import gradio as gr

from assistant.errors import AssistantError
from assistant.ingest.library import Library

log = logging.getLogger(__name__)

FILE_TYPES = [".txt", ".md", ".html", ".htm", ".pdf"]
RELEASE_COLUMNS = ["id", "title", "date", "chunks"]
RESULT_COLUMNS = ["file", "result", "release", "chunks", "reason"]
PENDING = "uploading…"
REFUSED = "refused"

# runs in the page: reports every choice of files (picker or drop) with names and sizes, before Gradio
# checks them; capture phase on the box around the upload component, so it sees the choice first
WATCH_CHOSEN = """
const tell = files => { if (files && files.length) trigger('select', {
  files: Array.from(files, f => ({name: f.name, size: f.size}))}); };
element.addEventListener('change', e => { if (e.target.type === 'file') tell(e.target.files); }, true);
element.addEventListener('drop', e => tell(e.dataTransfer && e.dataTransfer.files), true);
"""


class CorpusHandlers:
    def __init__(self, library: Library):
        self.library = library

    def releases_table(self) -> list[list]:
        return [[r.id, r.title or "", r.date or "", r.chunks] for r in self.library.releases()]

    def release_ids(self):
        return gr.update(choices=[r.id for r in self.library.releases()], value=None)

    def type_refusal(self, name: str) -> str | None:
        """Why Gradio drops this file in the browser: not one of FILE_TYPES (case aside)."""
        suffix = Path(name).suffix.lower()
        if suffix in FILE_TYPES:
            return None
        return f"{suffix or 'no extension'}: not a type the upload takes ({', '.join(t[1:] for t in FILE_TYPES)})"

    def size_refusal(self, size: int) -> str | None:
        """Why Gradio stops an upload in the browser: over `max_file_size`, which launch() sets from this."""
        limit = self.library.settings.max_file_bytes
        if size <= limit:
            return None
        return f"{_size(size)} is over the upload limit of {_size(limit)} (ASSISTANT_MAX_FILE_BYTES)"

    def chosen(self, evt: gr.EventData) -> tuple[list[list], list[list]]:
        """A new choice of files: the table restarts with a row per file, refused ones with the reason;
        the refused rows are kept (second output, session state) for the upload's results to follow.
        Gradio drops files of another type one by one, then sends nothing when one left is over the limit."""
        files = [f for f in (getattr(evt, "_data", None) or {}).get("files", []) if isinstance(f, dict)]
        named = [(str(f.get("name", "")), int(f.get("size") or 0)) for f in files]
        reasons = {name: self.type_refusal(name) for name, _ in named}
        sent = [(name, size) for name, size in named if not reasons[name]]
        too_big = {name: reason for name, size in sent if (reason := self.size_refusal(size))}
        blocked = (f"not uploaded: {', '.join(too_big)} in the same choice is over the limit, so none was sent; "
                   "choose this file again") if too_big else None
        refused, pending = [], []
        for name, _ in named:
            reason = reasons[name] or too_big.get(name) or blocked
            if reason:
                refused.append([name, REFUSED, "", 0, reason])
            else:
                pending.append([name, PENDING, "", 0, ""])
        return refused + pending, refused

    def upload(self, files: list | None, refused: list[list] | None = None, progress=gr.Progress()):
        paths = [Path(f if isinstance(f, str) else f.name) for f in (files or [])]
        rows = list(refused or [])
        try:
            with self.library.writing():
                results = self.library.add_many(paths)  # one result per file, in order
                for path, result in zip(paths, progress.tqdm(results, total=len(paths), desc="adding releases")):
                    rows.append([path.name, result.status.value, result.release_id or "", result.chunks,
                                 result.reason or ""])
        except AssistantError as exc:  # e.g. another writer: every file not added, with the reason
            done = {r[0] for r in rows}
            rows += [[p.name, "not added", "", 0, str(exc)] for p in paths if p.name not in done]
            gr.Warning(str(exc))
        log.info("uploaded %d file(s)", len(paths))
        return rows, self.releases_table(), self.release_ids(), self.release_ids(), []

    def view(self, release_id: str | None) -> str:
        if not release_id:
            return ""
        try:
            shown = self.library.show(release_id)
        except AssistantError as exc:
            return f"⚠ {exc}"
        i = shown.info
        head = (f"{i.title or i.id}\n{i.date or 'undated'} · {i.place or ''} · {i.kind or ''} · "
                f"{'issued by ' + i.issuer + ' · ' if i.issuer else ''}{i.source} · {i.chunks} chunks")
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


def _size(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    return f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} bytes"  # as Gradio's toast says it


def corpus_tab(app: gr.Blocks, handlers: CorpusHandlers) -> None:
    """Lays out the tab inside the current `gr.Tab`; `/upload`, `/view` and `/delete` are its endpoints.
    Tables wrap their text in fixed column shares, so a 1280 px window shows every column."""
    releases = gr.Dataframe(headers=RELEASE_COLUMNS, value=handlers.releases_table, interactive=False,
                            label="Releases", elem_id="releases", wrap=True,
                            column_widths=["36%", "46%", "11%", "7%"])
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=260):
            with gr.HTML(html_template="@children", js_on_load=WATCH_CHOSEN, padding=False,
                         elem_id="upload-box") as upload_box:
                files = gr.File(file_count="multiple", file_types=FILE_TYPES, type="filepath",
                                label="Add releases (txt, md, html, pdf)", elem_id="upload")
        with gr.Column(scale=3):
            results = gr.Dataframe(headers=RESULT_COLUMNS, interactive=False, label="Upload results",
                                   elem_id="upload-results", wrap=True,
                                   column_widths=["25%", "10%", "25%", "8%", "32%"])
    refused = gr.State([])  # this choice's refused files, until its upload's results arrive
    with gr.Row():
        chosen = gr.Dropdown(label="View a release", choices=[], elem_id="view-id", allow_custom_value=True)
        doomed = gr.Dropdown(label="Delete a release", choices=[], elem_id="delete-id")
        remove = gr.Button("Delete", variant="stop", elem_id="delete")
    shown = gr.Textbox(label="Release", lines=14, interactive=False, elem_id="release-text")
    # direct (no queue): the table restarts before the upload's own event can arrive
    upload_box.select(handlers.chosen, None, [results, refused], queue=False, api_visibility="private")
    files.upload(handlers.upload, [files, refused], [results, releases, chosen, doomed, refused], api_name="upload",
                 concurrency_limit=1).then(lambda: None, None, files, api_visibility="private", queue=False)
    chosen.change(handlers.view, chosen, shown, api_name="view")
    remove.click(handlers.delete, doomed, [releases, chosen, doomed, shown], api_name="delete", concurrency_limit=1)
    app.load(handlers.release_ids, None, chosen, api_visibility="private")
    app.load(handlers.release_ids, None, doomed, api_visibility="private")
