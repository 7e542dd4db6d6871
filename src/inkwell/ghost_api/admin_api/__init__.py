"""The Admin API at ``/ghost/api/admin/``."""
