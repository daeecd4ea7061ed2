"""The Israeli multi-stakeholder forum: members of both sectors, rules, meetings with minutes.

Its latest meeting was more than six months before the demo is loaded, so a check of
"meets at least every six months" has a case that is not met. Loaded once: a second load
finds the forum and leaves it as it is.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from ..accounts.models import User
from ..clock import as_utc
from ..documents import services as documents
from ..forum import services
from ..forum.queries import forum_for_country, members_current_on

COUNTRY = "IL"

# (name, is a seat, organisation, sector, role, term start)
MEMBERS = [
    (
        "נציג/ת מערך הדיגיטל הלאומי",
        True,
        "מערך הדיגיטל הלאומי",
        "government",
        "co_chair",
        date(2023, 1, 1),
    ),
    ("רותם שגיא", False, "המרכז לשקיפות אזרחית", "civil_society", "co_chair", date(2023, 1, 1)),
    ("אבי מזרחי", False, "משרד המשפטים", "government", "member", date(2023, 1, 1)),
    ("ליאת חדד", False, "הסדנא לידע ציבורי", "civil_society", "member", date(2023, 1, 1)),
    ("מאיה פרץ", False, "איגוד האינטרנט הישראלי", "other", "observer", date(2023, 6, 1)),
]

RULES = [
    (
        900,
        "הפורום מורכב בחלקים שווים מנציגי ממשלה ומנציגי החברה האזרחית.\n\n"
        "- הפורום מתכנס לפחות פעמיים בשנה.\n"
        "- סדר היום מתפרסם שבועיים לפני כל ישיבה, והפרוטוקול תוך חודש ממנה.\n"
        "- כל אדם רשאי להציע חבר/ה לפורום באמצעות הטופס באתר.",
    ),
    (
        400,
        "הפורום מורכב בחלקים שווים מנציגי ממשלה ומנציגי החברה האזרחית, ובראשו שני יושבי ראש: "
        "אחד מהממשלה ואחד מהחברה האזרחית.\n\n"
        "- הפורום מתכנס לפחות פעמיים בשנה.\n"
        "- סדר היום מתפרסם שבועיים לפני כל ישיבה, והפרוטוקול תוך חודש ממנה.\n"
        "- כהונה נמשכת שנתיים ואפשר לחדש אותה פעם אחת.\n"
        "- כל אדם רשאי להציע חבר/ה לפורום באמצעות הטופס באתר.",
    ),
]

JOIN = (
    "מקומות בפורום מתפנים בסוף כל כהונה. ארגוני חברה אזרחית ואנשים פרטיים מוזמנים להציע "
    "מועמדים באמצעות הטופס בעמוד זה; המזכירות עונה לכל הצעה בתוך 30 יום."
)

# (days before loading, place or None for online, agenda, minutes, decisions)
MEETINGS = [
    (
        560,
        "ירושלים, מערך הדיגיטל הלאומי",
        "1. היכרות וקבלת כללי ההשתתפות\n2. לוח הזמנים לכתיבת תוכנית הפעולה",
        "השתתפו רוב חברי הפורום. הוצגו כללי ההשתתפות ולוח הזמנים לכתיבת התוכנית.",
        "- כללי ההשתתפות אומצו.\n- ההיוועצות הציבורית תיפתח ברבעון הבא.",
    ),
    (
        380,
        None,
        "1. סיכום ההצעות מהציבור\n2. בחירת נושאים להתחייבויות",
        "נסקרו ההצעות שהתקבלו מהציבור ונבחרו חמישה נושאים להתחייבויות.",
        "- חמישה נושאים נבחרו להתחייבויות.\n- המזכירות תפרסם מענה מנומק לכל הצעה.",
    ),
    (
        230,
        "תל אביב, הסדנא לידע ציבורי",
        "1. מעקב אחר יישום ההתחייבויות\n2. הערות הגוף המנטר",
        "הגופים המובילים הציגו את התקדמות ההתחייבויות; הגוף המנטר הציג את הערותיו.",
        "- עדכוני התקדמות יפורסמו כל רבעון.",
    ),
]

MINUTES_FILE = "פרוטוקול ישיבת הפורום הרב-מגזרי\n\nנוכחים: רוב חברי הפורום.\n".encode()


def _at(days: int, loaded_at: datetime) -> datetime:
    return datetime.combine(
        (loaded_at - timedelta(days=days)).date(), time(10, 0), loaded_at.tzinfo
    )


def load_forum(admin: User, secretariat: User, loaded_at: datetime) -> Iterator[str]:
    """Open the Israeli forum with its members, rules and meetings, once."""
    if forum_for_country(COUNTRY) is not None:
        yield "Forum (IL): already there"
        return
    forum = services.create_forum(admin, COUNTRY)
    for name, seat, organisation, sector, role, start in MEMBERS:
        services.add_member(
            secretariat,
            forum,
            name=name,
            is_seat=seat,
            organisation=organisation,
            sector=sector,
            role=role,
            term_start=start,
        )
    for days, text in RULES:
        services.publish_rules(secretariat, forum, text, "he", _at(days, loaded_at))
    services.save_join_text(secretariat, forum, JOIN, "he")
    for days, place, agenda, minutes, decisions in MEETINGS:
        held_at = _at(days, loaded_at)
        meeting = services.schedule_meeting(
            secretariat, forum, held_at, place or "", not place, "he"
        )
        services.publish_agenda(secretariat, meeting, agenda, held_at - timedelta(days=14))
        services.publish_minutes(
            secretariat, meeting, minutes, decisions, held_at + timedelta(days=10)
        )
    last = meeting
    services.record_attendance(
        secretariat,
        last,
        [m.id for m in members_current_on(forum.id, as_utc(last.held_at).date())][:4],
    )
    received = documents.receive(io.BytesIO(MINUTES_FILE), "protocol.txt")
    services.attach_documents(secretariat, last, [received], {"he": "פרוטוקול חתום"})
    yield (
        f"Forum (IL): {len(MEMBERS)} members, {len(RULES)} versions of its rules, "
        f"{len(MEETINGS)} meetings (the latest {MEETINGS[-1][0]} days ago)"
    )
