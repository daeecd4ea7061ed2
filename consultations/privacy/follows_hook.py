"""The one place where the privacy part reaches the follows part.

`erase` must only add writes to the session (no commit): it runs inside the account
deletion's transaction, which commits or rolls back everything together.
"""

from __future__ import annotations

from ..accounts.models import User
from ..follows import services as follows


def personal_data(user: User) -> dict:
    """What the person follows and the notices recorded for them, for "Download my data"."""
    return follows.personal_data(user)


def erase(user: User) -> None:
    """Forget what the person follows and every notification queued for them."""
    follows.erase(user)
