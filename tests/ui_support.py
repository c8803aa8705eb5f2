"""What the two UI test modules share: the questions they ask and how they read the chat's replies."""

from .conftest import free_port, make_assistant

PESCO = "Where will the next PESCO military mobility meeting be held?"
CO_CHAIR = "Who co-chaired the dialogue for the European External Action Service?"
FOLLOW_UP = "What is his title?"
FRIES = "Searched: What is Charles Fries's title?"

def serve(root, embeddings, **settings_extra):
    from ui.app import create_app, launch

    assistant, library, settings = make_assistant(root, embeddings, **settings_extra)
    app = create_app(assistant, library)
    port = free_port()
    launch(app, settings, "127.0.0.1", port, prevent_thread_lock=True)
    return app, f"http://127.0.0.1:{port}/", settings


def content(reply) -> str:
    """The text of a chat message as the function yields it (a string or a message dict)."""
    return reply["content"] if isinstance(reply, dict) else reply


def answer_text(reply) -> str:
    """The answer itself, without the "Searched:" and "Taken as:" lines above it."""
    return content(reply).split("</span>\n\n", 1)[-1].replace("**", "")
