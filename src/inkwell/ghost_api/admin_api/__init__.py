"""Ghost's Admin API at ``/ghost/api/admin/``: posts, pages, tags, users, the site, image
uploads, webhooks, and the member resources of a site without members."""
