"""Atom feeds for the site, each plan, commitment and consultation."""
