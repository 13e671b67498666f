"""A one-line progress bar on stderr for long runs: drafts done, findings, rate.

Shown only when the stream is an interactive terminal, outside CI, and once the run has taken
long enough to be worth watching; never in pipes or CI logs, where it would be noise.
"""

from __future__ import annotations

import os
import time

SHOW_AFTER = 1.0  # seconds before a run counts as long
REDRAW_EVERY = 0.1


class Progress:
    def __init__(self, stream=None):
        self.stream = stream
        self.started = time.monotonic()
        self.drafts = 0
        self.findings = 0
        self._drawn_at = 0.0
        self._visible = False

    @classmethod
    def for_stream(cls, stream) -> Progress:
        """A bar on ``stream`` when it is a terminal a person watches, else one that stays silent."""
        return cls(stream if _interactive(stream) else None)

    def update(self, result) -> None:
        self.drafts += 1
        self.findings += len(result.reports)
        if self.stream is None:
            return
        if result.reports or result.error:
            self.clear()  # the findings go to the same terminal: do not print over them
        now = time.monotonic()
        if now - self.started >= SHOW_AFTER and now - self._drawn_at >= REDRAW_EVERY:
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.drafts / max(now - self.started, 1e-9)
        self.stream.write(f"\r\033[Kcopydesk: {self.drafts:,} drafts · {self.findings:,} findings · "
                          f"{rate:,.0f} drafts/s")
        self.stream.flush()
        self._drawn_at = now
        self._visible = True

    def clear(self) -> None:
        if self._visible:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._visible = False

    def close(self) -> None:
        if self.stream is not None:
            self.clear()


def _interactive(stream) -> bool:
    if stream is None or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
