"""The migration that gives agencies a country fills it, and updates' agency, from old rows."""

from __future__ import annotations

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from test_database import app_on, database, needs_postgres

from consultations.database import MIGRATIONS_DIR
from consultations.extensions import db

BEFORE, REVISION = "c8d9e0f1a2b3", "a1b2c3d4e5f6"

ROWS = [
    "INSERT INTO agencies (id, slug) VALUES (1, 'ict'), (2, 'chancellery'), (3, 'idle'),"
    " (4, 'justice')",
    "INSERT INTO agency_texts (agency_id, locale, name) VALUES (1, 'en', 'ICT Authority'),"
    " (1, 'he', 'רשות התקשוב'), (2, 'lv', 'Valsts kanceleja'), (4, 'en', 'Justice')",
    "INSERT INTO action_plans (id, slug, country, number, period_start, period_end, status,"
    " coordinating_agency_id) VALUES (1, 'il-5', 'IL', 5, '2024-01-01', '2027-12-31',"
    " 'implementation', 1), (2, 'lv-6', 'LV', 6, '2024-01-01', '2027-12-31', 'drafting', 2)",
    # Justice leads two Israeli commitments and (wrongly) one Latvian: it is Israeli.
    "INSERT INTO commitments (id, reference, plan_id, lead_agency_id, source_locale,"
    " access_to_information, civic_participation, public_accountability, technology)"
    " VALUES (1, 'IL0001', 1, 4, 'en', false, false, false, false),"
    " (2, 'IL0002', 1, 4, 'en', false, false, false, false),"
    " (3, 'LV0001', 2, 4, 'lv', false, false, false, false)",
    "INSERT INTO progress_updates (id, commitment_id, author_name, organisation, status,"
    " percent_complete, published_at, milestone_states, evidence) VALUES"
    " (1, 1, 'Noa', 'Justice', 'limited', 10, '2025-01-01 00:00:00', '[]', '[]'),"
    " (2, 1, 'Noa', ' רשות  התקשוב ', 'limited', 20, '2025-02-01 00:00:00', '[]', '[]'),"
    " (3, 2, 'Noa', 'A body long renamed', 'limited', 30, '2025-03-01 00:00:00', '[]', '[]')",
    "INSERT INTO progress_update_texts (update_id, locale, narrative) VALUES"
    " (1, 'en', 'Begun'), (2, 'he', 'בתהליך'), (3, 'en', 'Done')",
]


def narratives() -> list[tuple]:
    statement = "SELECT update_id, narrative FROM progress_update_texts ORDER BY update_id"
    return [tuple(row) for row in db.session.execute(text(statement))]


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=needs_postgres)])
def test_countries_and_update_agencies_are_filled_from_existing_rows(kind, tmp_path):
    with database(kind, tmp_path, "fill") as url, app_on(url):
        upgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        for statement in ROWS:
            db.session.execute(text(statement))
        db.session.commit()

        upgrade(directory=str(MIGRATIONS_DIR), revision=REVISION)

        kept = [(1, "Begun"), (2, "בתהליך"), (3, "Done")]
        assert narratives() == kept  # the tables were altered in place

        countries = dict(db.session.execute(text("SELECT slug, country FROM agencies")).all())
        assert countries == {"ict": "IL", "chancellery": "LV", "idle": None, "justice": "IL"}
        updates = db.session.execute(
            text("SELECT id, agency_id, organisation FROM progress_updates ORDER BY id")
        ).all()
        # The lead agency's name (in any language), or the plan's coordinating body's; a
        # name that matches neither stays as it was written.
        assert [tuple(row) for row in updates] == [
            (1, 4, ""),
            (2, 1, ""),
            (3, None, "A body long renamed"),
        ]

        db.session.remove()  # the migration takes the write lock
        downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
        names = db.session.execute(
            text("SELECT organisation FROM progress_updates ORDER BY id")
        ).scalars()
        assert list(names) == ["Justice", "ICT Authority", "A body long renamed"]
        assert narratives() == kept
        db.session.remove()
        upgrade(directory=str(MIGRATIONS_DIR))
