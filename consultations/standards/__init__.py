"""A live check of a plan against OGP's minimum requirements for co-creation, from the data."""
