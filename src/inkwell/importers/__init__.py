"""Importers: readers that turn a feed or a folder of Markdown files into posts.

Each reader (``rss``, ``markdown``) turns its source into plain ``PostInput`` records without
touching the database; ``service`` writes them through the content service in one transaction
and reports what was created, updated and skipped; ``commands`` is ``inkwell import``.
"""
