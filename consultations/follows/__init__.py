"""Following plans, commitments and consultations, and the e-mail that says what changed."""
