"""Personal-data rights: download my data, delete my account."""
