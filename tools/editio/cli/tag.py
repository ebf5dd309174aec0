"""`editio tag` (not yet written)."""

from ._app import app, guarded  # noqa: F401
