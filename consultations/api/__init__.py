"""JSON API: the public, read-only data of the platform under /api/v1/."""
