"""The release picker: scope a chat to one release, several or all (none chosen). Its choices are
"title (date)" labels for release ids, refreshed when the page loads and when the corpus changes."""

from __future__ import annotations

from collections.abc import Sequence

import gradio as gr

from assistant.ingest.library import Library
from assistant.records import ReleaseInfo


def choice(info: ReleaseInfo) -> tuple[str, str]:
    return f"{info.title or info.id} ({info.date or 'undated'})", info.id


class ReleasePicker:
    def __init__(self, library: Library):
        self.library = library

    def choices(self) -> list[tuple[str, str]]:
        return [choice(info) for info in self.library.releases()]

    def refreshed(self, chosen: Sequence[str] | None = None):
        """The current releases as choices; chosen releases that were deleted are dropped."""
        choices = self.choices()
        ids = {release_id for _, release_id in choices}
        return gr.update(choices=choices, value=[r for r in (chosen or []) if r in ids])

    @staticmethod
    def component() -> gr.Dropdown:
        """Unrendered: the ChatInterface puts it in its options accordion beside the date filter. Custom
        values pass (API callers name ids; the choices are per page): the assistant validates the ids."""
        return gr.Dropdown(label="Releases (none chosen: all releases)", choices=[], value=[], multiselect=True,
                           allow_custom_value=True, elem_id="release-picker", render=False)
