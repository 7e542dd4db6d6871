"""Remark42's backup files: ``inkwell import remark42 FILE``."""
