"""copydesk: an editorial linter for article drafts."""

__version__ = "0.1.0"
