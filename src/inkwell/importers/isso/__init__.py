"""Isso's SQLite database: ``inkwell import isso FILE``."""
