"""``inkwell build``: the whole public site written out as static files with the same URLs."""
