"""The `assistant` command."""
