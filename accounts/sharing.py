"""The version of every figure computed from what agencies share.

Peer benchmarks (on results pages and in PDFs) and the program view are cached under one
version number (cvi_assess/versions.py). It moves on whenever the figures could change: when an
agency's owner changes its choice (accounts, here) and when an assessment is submitted
(questionnaire). Both sides only move the number on, so accounts never needs to know what
questionnaire caches, and the arrows of docs/architecture.md hold.
"""

from cvi_assess import versions

NAME = "shared-figures"


def shared_figures_version() -> int:
    """The current version; cached figures are stored under it."""
    return versions.current(NAME)[0]


def shared_figures_changed() -> None:
    """Move every cached peer and program figure to a new version (call after commit)."""
    versions.bump(NAME)
