"""Open-data files: CSV per table and a Frictionless data package, explained on /<lang>/data."""
