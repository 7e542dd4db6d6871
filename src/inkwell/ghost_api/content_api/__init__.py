"""Ghost's Content API at ``/ghost/api/content/``: posts, pages, tags, authors, settings and
the members' resources a site without members answers (tiers, newsletters, offers)."""
