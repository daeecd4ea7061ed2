"""A plan's repository: every record of its cycle, in order, gathered from where it lives."""
