"""The Gradio web app: chat with cited, highlighted sources; corpus management; evaluation.

`create_app(assistant)` builds the Blocks without serving and without loading anything heavy;
`launch(app, settings, ...)` serves it."""

from __future__ import annotations

import logging

import gradio as gr

from assistant.answer.pipeline import Assistant
from assistant.ingest.chunking import Chunker
from assistant.ingest.library import Library
from assistant.settings import Settings

from . import release_view, views
from .chat import EXAMPLES, SEARCH_ALL, ChatHandlers
from .corpus import CorpusHandlers, corpus_tab
from .evaluation import evaluation_tab
from .picker import ReleasePicker
from .release_view import EMPTY, RELEASE_VIEW_JS, ReleaseViewer
from .views import sources_html

log = logging.getLogger(__name__)

CONCURRENT_ANSWERS = 8
CSS = views.CSS + release_view.CSS


def library_for(assistant: Assistant) -> Library:
    store = assistant.search.store
    s = store.settings
    return Library(s, store, Chunker(s.chunk_size, s.chunk_overlap, s.max_sentence_chars))


def create_app(assistant: Assistant, library: Library | None = None) -> gr.Blocks:
    library = library or library_for(assistant)
    chat = ChatHandlers(assistant, ReleaseViewer(library))
    corpus = CorpusHandlers(library)
    picker = ReleasePicker(library)
    with gr.Blocks(title="Press-release assistant") as app:
        gr.Markdown("## Press-release assistant\nAnswers cite the passage that says so and quote the exact sentence.")
        with gr.Tab("Chat", id="chat"):
            chosen = chat_tab(assistant, chat)
        with gr.Tab("Corpus", id="corpus"):
            corpus_tab(app, corpus)
        with gr.Tab("Evaluation", id="evaluation"):
            evaluation_tab(assistant.search.store.settings, assistant)
        # the picker offers the releases there are: at page load and whenever the corpus tab's table changes
        app.load(picker.refreshed, chosen, chosen, api_visibility="private", queue=False)
        releases = next((b for b in app.blocks.values() if getattr(b, "elem_id", None) == "releases"), None)
        if releases is not None:
            releases.change(picker.refreshed, chosen, chosen, api_visibility="private", queue=False)
    app.handlers, app.corpus = chat, corpus  # for tests and embedding
    return app


def chat_tab(assistant: Assistant, chat: ChatHandlers) -> gr.Dropdown:
    """The chat (ChatInterface: streaming, saved chats, retry, undo, like/dislike, examples) beside the
    sources and the opened release; returns the release picker. Endpoints: `/chat` (the ChatInterface's)
    and `/ask` (the answer object)."""
    # created unrendered: ChatInterface puts them in its options accordion under the question box
    several_modes = len(assistant.modes) > 1
    mode = gr.Radio(["extractive", "generative"], value="extractive", label="Mode", visible=several_modes,
                    render=False)
    chosen = ReleasePicker.component()
    since = gr.Textbox("", label="From (YYYY-MM-DD)", max_lines=1, render=False, elem_id="since")
    until = gr.Textbox("", label="Until (YYYY-MM-DD)", max_lines=1, render=False, elem_id="until")
    # created before the ChatInterface that writes them, rendered in the right-hand column
    sources = gr.HTML(sources_html(None), elem_id="sources", max_height=420, render=False)
    opened = gr.HTML(EMPTY, elem_id="release-view", js_on_load=RELEASE_VIEW_JS, render=False)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            interface = gr.ChatInterface(
                chat.respond,
                chatbot=gr.Chatbot(label="Chat", show_label=False, height=460, elem_id="chatbot", buttons=["copy"],
                                   placeholder="Ask about the releases. Answers quote their sources."),
                textbox=gr.Textbox(placeholder="Ask a question…", show_label=False, elem_id="question",
                                   max_length=2000, submit_btn="Ask", stop_btn="Stop", autofocus=True),
                additional_inputs=[mode, since, until, chosen],
                additional_inputs_accordion=gr.Accordion(
                    "Filter: releases and dates" + (", mode" if several_modes else ""), open=False, render=False,
                    elem_id="chat-filter"),
                additional_outputs=[sources, opened],
                examples=[[q] for q in EXAMPLES], cache_examples=False, run_examples_on_click=True,
                api_name="chat", concurrency_limit=CONCURRENT_ANSWERS, fill_height=False, save_history=True,
            )
        with gr.Column(scale=2):
            sources.render()
            opened.render()
    saved_chats = interface.new_chat_button.parent  # ChatInterface's column of saved chats: titles readable
    saved_chats.scale, saved_chats.min_width = 2, 170
    interface.new_chat_button.elem_id = "new-chat"
    opened.click(chat.viewer.clicked, None, opened, api_visibility="private", queue=False)
    # the answers leave the page (undo, clear, New chat, a saved chat opened): so do their sources
    for leaving in (interface.chatbot.undo, interface.chatbot.clear, interface.new_chat_button.click,
                    interface.chat_history_dataset.click):
        leaving(chat.cleared, None, [sources, opened], api_visibility="private", queue=False)
    interface.chatbot.like(chat.liked, interface.chatbot, None, api_visibility="private")  # queued: shows its toast
    # "Search all releases" under a refusal asks again without the filter: the filter fields empty too
    interface.chatbot.option_select(unfiltered_if_search_all, None, [chosen, since, until],
                                    api_visibility="private", queue=False)
    api_q = gr.Textbox(visible=False)
    api_out = gr.JSON(visible=False)
    api_q.submit(chat.ask_api, [api_q, mode, since, until, chosen], api_out, api_name="ask",
                 concurrency_limit=CONCURRENT_ANSWERS)
    return chosen


def unfiltered_if_search_all(option: gr.SelectData):
    if str(option.value).startswith(SEARCH_ALL):
        return [], "", ""
    return gr.skip(), gr.skip(), gr.skip()


def launch(app: gr.Blocks, settings: Settings, host: str = "127.0.0.1", port: int = 7860,
           prevent_thread_lock: bool = False):
    """Serve the app: loopback by default, optional login, upload size limit, a bounded queue, and no
    file outside the app's own served (the corpus and index folders are blocked explicitly)."""
    auth = None
    if settings.ui_user and settings.ui_password:
        auth = (settings.ui_user, settings.ui_password.get_secret_value())
    app.queue(default_concurrency_limit=4, max_size=128)
    log.info("serving the web app on %s:%d", host, port)
    return app.launch(
        server_name=host, server_port=port, auth=auth, max_file_size=settings.max_file_bytes,
        blocked_paths=[str(settings.index_dir.resolve()), str(settings.corpus_dir.resolve())],
        allowed_paths=[], show_error=False, prevent_thread_lock=prevent_thread_lock, quiet=True,
        css=CSS, footer_links=["api"], ssr_mode=False, pwa=False, mcp_server=False,
    )
