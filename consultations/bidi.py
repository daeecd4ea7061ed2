"""Left-to-right terms, such as web addresses, inside translated sentences of either direction.

In a right-to-left sentence, the neutral characters of "http://" take the sentence's direction
and the reader sees "//:http". Translated messages therefore name such terms with a
placeholder, filled in here with the term isolated as left-to-right: an HTML `<bdi dir="ltr">`
where the message is rendered as markup, Unicode's LRI…PDI isolate in plain text (form errors,
which pass through several messages before they reach the page).
"""

from __future__ import annotations

from markupsafe import Markup, escape

LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate … pop directional isolate


def ltr(term: str) -> str:
    """`term` isolated as left-to-right, for a plain-text message."""
    return f"{LRI}{term}{PDI}"


def ltr_markup(message: str, **terms: str) -> Markup:
    """The translated `message` as HTML, each `%(name)s` term in a left-to-right `<bdi>`."""
    isolated = {name: Markup('<bdi dir="ltr">%s</bdi>') % term for name, term in terms.items()}
    return Markup(escape(message)) % isolated
