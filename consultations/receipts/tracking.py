"""What the track page shows for each kind of submission.

Each kind registers how to read its status and the partial that shows it:

    tracking.register("proposal", proposal_status, "proposals/_track.html")

`status(subject_id)` returns what the partial needs (as `status`), or None when the
submission is gone; the page then answers 404, like any unknown number. Statuses carry
no personal data: anyone holding the number sees the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .models import Receipt


@dataclass(frozen=True)
class Tracker:
    status: Callable[[int], object | None]
    template: str


TRACKERS: dict[str, Tracker] = {}


def register(subject_type: str, status: Callable[[int], object | None], template: str) -> None:
    """Say how the track page reads and shows submissions of `subject_type`."""
    TRACKERS[subject_type] = Tracker(status, template)


def status_of(receipt: Receipt) -> tuple[object, str] | None:
    """What the track page shows for `receipt`, and the partial that shows it."""
    tracker = TRACKERS.get(receipt.subject_type)
    if tracker is None:
        return None
    status = tracker.status(receipt.subject_id)
    return None if status is None else (status, tracker.template)
