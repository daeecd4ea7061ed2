"""People and the roles they hold."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import gettext
from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, String, UniqueConstraint, func, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import text_enum
from ..extensions import db

if TYPE_CHECKING:
    from ..agencies.models import Agency


class Role(enum.StrEnum):
    """What a person may do beyond taking part as a citizen."""

    COORDINATOR = "coordinator"
    MONITOR = "monitor"
    MODERATOR = "moderator"
    ADMIN = "admin"
    # Keeps a country's multi-stakeholder forum; the grant names an agency of that country.
    FORUM_SECRETARIAT = "forum_secretariat"


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


def deleted_account_name() -> str:
    """What a deleted account's comments are signed with, in the reader's language."""
    return gettext("Deleted account")


def shown_name(display_name: str, deleted_at: datetime | None) -> str:
    """The name to show others: a deleted account shows as "Deleted account"."""
    return deleted_account_name() if deleted_at is not None else display_name


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    # The name reduced to how it looks, so look-alikes of a taken name are refused.
    name_key: Mapped[str] = mapped_column(String(160), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(8))
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    terms_accepted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A moderator's suspension: the person can no longer post.
    suspended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Part of every session cookie; replacing it ends every session of this person.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    # Set when the person deleted their account; the row stays as an anonymous tombstone
    # because hash-chained audit events refer to it (privacy.services.delete_account).
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # immediate, daily or never: how often follow-and-notify e-mail goes out (follows.models).
    notification_frequency: Mapped[str] = mapped_column(
        String(10), default="daily", server_default="daily"
    )
    # E-mail me the reasoned response to my comment when it is published (receipts.mailing).
    response_mail: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    roles: Mapped[list[RoleGrant]] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        lazy="selectin",
        foreign_keys="RoleGrant.user_id",
        order_by="RoleGrant.id",
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_active(self) -> bool:
        # Flask-Login refuses to log in an inactive account.
        return self.deleted_at is None

    @property
    def public_name(self) -> str:
        return shown_name(self.display_name, self.deleted_at)

    def has_role(self, role: Role) -> bool:
        return any(grant.role == role for grant in self.roles)

    def coordinated_agency_ids(self) -> set[int]:
        return {g.agency_id for g in self.roles if g.role == Role.COORDINATOR and g.agency_id}

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class RoleGrant(db.Model):
    """One role held by one person; a coordinator's grant names their agency."""

    __tablename__ = "role_grants"
    __table_args__ = (UniqueConstraint("user_id", "role", "agency_id", name="uq_role_grant"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(text_enum(Role, length=20))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    organisation: Mapped[str | None] = mapped_column(String(200))
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(back_populates="roles", foreign_keys=[user_id])
    agency: Mapped[Agency | None] = relationship(lazy="joined")
