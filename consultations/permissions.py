"""Every permission rule, as a plain predicate. Views, templates and services all ask here."""

from __future__ import annotations

from typing import Any

from flask import abort

from .accounts.models import Role


def _signed_in(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def is_admin(user: Any) -> bool:
    return _signed_in(user) and user.has_role(Role.ADMIN)


def can_access_staff(user: Any) -> bool:
    """Whether the staff area's navigation is shown at all."""
    return _signed_in(user) and bool(user.roles)


def can_manage_users(user: Any) -> bool:
    return is_admin(user)


def can_change_roles(user: Any, target: Any) -> bool:
    """Admins grant and revoke roles, but not their own admin role (an admin never locks out)."""
    return is_admin(user) and target is not None


def can_revoke_grant(user: Any, grant: Any) -> bool:
    if not is_admin(user):
        return False
    return not (grant.user_id == user.id and grant.role == Role.ADMIN)


def can_manage_agencies(user: Any) -> bool:
    return is_admin(user)


def require(allowed: bool) -> None:
    """Stop the request with 403 unless `allowed`."""
    if not allowed:
        abort(403)


TEMPLATE_PREDICATES = {
    name: value
    for name, value in globals().items()
    if name.startswith(("can_", "is_")) and callable(value)
}
