"""What a comment's kept fragment shows, as one stamp (see consultations/fragments.py)."""

from __future__ import annotations

from .models import Comment


def comment_stamp(comment: Comment, sections: dict) -> tuple | None:
    """Every value the comment's head (author, date, stance, section, text or placeholder)
    is rendered from, so that any change to them is a new fragment; None for a comment held
    for review, whose text only moderators see."""
    if comment.held:
        return None
    author = comment.author
    heading = sections.get(comment.section_id) if comment.depth == 0 else None
    body = comment.body_html
    return (
        comment.state,
        comment.hidden_rule,
        comment.created_at,
        comment.edited_at,
        comment.stance,
        comment.language,
        None if author is None else author.public_name,
        heading,
        # The text by its length and hash rather than itself: the fragment holds it already.
        len(body),
        hash(body),
    )
