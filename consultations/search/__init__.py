"""Search across commitments, consultations, progress updates and comments in four languages."""
