"""Search across commitments, consultations, progress updates and comments in every language."""
