"""The service standards: the targets the site publishes and measures each month against."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from .. import permissions
from ..accounts.models import User
from ..audit.services import record
from ..clock import now
from ..errors import FieldRejected, PermissionDenied
from ..extensions import db
from .models import ServiceStandard


@dataclass(frozen=True)
class Standards:
    """Targets: at most `median_days` to the first response, at least the shares and score."""

    median_days: float = 30.0
    on_time_percent: int = 90
    satisfaction: float = 4.0
    fresh_percent: int = 80
    updated_at: datetime | None = None  # None: the defaults, never changed

    @property
    def on_time_share(self) -> float:
        return self.on_time_percent / 100

    @property
    def fresh_share(self) -> float:
        return self.fresh_percent / 100


DEFAULT_STANDARDS = Standards()
LIMITS = {
    "median_days": (0.5, 365),
    "on_time_percent": (1, 100),
    "satisfaction": (1, 5),
    "fresh_percent": (1, 100),
}


def current_standards() -> Standards:
    """The published targets, or the defaults until an admin sets them (one query)."""
    row = db.session.scalar(select(ServiceStandard).order_by(ServiceStandard.id.desc()).limit(1))
    if row is None:
        return DEFAULT_STANDARDS
    return Standards(
        row.median_days, row.on_time_percent, row.satisfaction, row.fresh_percent, row.updated_at
    )


def _check(name: str, value) -> None:
    low, high = LIMITS[name]
    if value is None or not low <= value <= high:
        raise FieldRejected(name, _("Enter a number from %(min)s to %(max)s.", min=low, max=high))


def set_standards(
    actor: User, median_days: float, on_time_percent: int, satisfaction: float, fresh_percent: int
) -> Standards:
    """Publish new targets; the change is recorded in the public audit log."""
    if not permissions.can_set_service_standards(actor):
        raise PermissionDenied()
    values = {
        "median_days": median_days,
        "on_time_percent": on_time_percent,
        "satisfaction": satisfaction,
        "fresh_percent": fresh_percent,
    }
    for name, value in values.items():
        _check(name, value)
    before = current_standards()
    row = db.session.scalar(select(ServiceStandard).limit(1)) or ServiceStandard()
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_at, row.updated_by_id = now(), actor.id
    db.session.add(row)
    db.session.flush()
    snapshot = {key: value for key, value in asdict(before).items() if key != "updated_at"}
    record(actor, "standards.update", "service_standards", row.id, before=snapshot, after=values)
    db.session.commit()
    return current_standards()
