"""The co-creation timeline of a drafting plan, and proposals from the public."""
