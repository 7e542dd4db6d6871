"""``inkwell import ghost``: a Ghost 4, 5 or 6 JSON export into this site."""
