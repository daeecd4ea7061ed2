"""Entry point that `flask --app app` and gunicorn (`app:app`) find."""

from consultations import create_app

app = create_app()
