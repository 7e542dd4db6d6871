"""Disqus XML exports: ``inkwell import disqus FILE``."""
