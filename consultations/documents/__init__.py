"""Documents: files attached to records, checked by their content, kept by hash, verifiable."""
