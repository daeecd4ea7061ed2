"""Receipts: a reference number for each submission, and a public page to track it.

`services.issue_receipt(prefix, subject_type, subject_id)` gives any kind of submission its
reference; `tracking.register(...)` says how the track page shows that kind's status.
"""
