"""National-scale benchmark data, so the site is measured at the size it must serve."""
