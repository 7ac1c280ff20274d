"""earmark: accessible audio and e-book publishing from structured articles."""

__version__ = "0.1.0"
