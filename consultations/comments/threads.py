"""A page of comment threads put together in Python around the template's macros.

A macro call for every comment (with the `{% call %}` block its kept fragment needs) was a
sixth of a consultation page's rendering, most of it Jinja's calling machinery; here each
comment costs a look-up in the fragment store and a few string joins, and the macros run
only for what is not kept yet or differs by reader.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from ..fragments import kept
from .fragments import comment_stamp
from .models import CommentState


def comment_threads(
    nodes: list,
    sections: dict,
    answers: dict,
    reader_actions: dict,
    attachments: dict,
    *,
    shown: Callable,
    files: Callable,
    answer: Callable,
    actions: Callable,
) -> Markup:
    """`<li>` items of the threads `nodes` (each a comment and its replies): what the comment
    shows everybody (kept), its files, its reasoned response and the reader's links on it
    as `reader_actions` decided them for the page (kept).

    `sections` (anchor and heading by id) says which section a thread is about; the four
    callables are the macros of comments/_comment.html and responses/_answer.html."""
    html: list[str] = []

    def add(node) -> None:
        comment = node.comment
        ident = comment.id
        html.append(f'<li class="comment" id="comment-{ident}">')
        stamp = comment_stamp(comment, sections)
        html.append(kept("comment", ident, stamp, lambda: shown(comment, sections)))
        if attachments.get(ident):
            html.append(files(comment))
        if comment.state == CommentState.VISIBLE and ident in answers:
            html.append(answer(answers[ident]))
        allowed = reader_actions.get(ident)
        if allowed and True in allowed:  # kept per comment, language and decision
            html.append(kept("comment-actions", ident, allowed, lambda: actions(comment, allowed)))
        if node.replies:
            html.append('<ol class="replies">')
            for reply in node.replies:
                add(reply)
            html.append("</ol>")
        html.append("</li>")

    for node in nodes:
        add(node)
    return Markup("".join(html))
