"""The public website: pages, archives, feeds, crawler files and the theme that draws them.

``routes.install(app, settings)`` wires it in. Request handling stays thin: a route asks the
content services, hands rows to the pure builders in ``views`` and ``seo``, and renders a
template of the selected theme (``theme``).

Theme contract: what each template receives
-------------------------------------------
Every template gets:

``site``         views.SiteView: title, description, url (root, trailing slash), lang, logo,
                 icon_url, accent (CSS custom properties), navigation, secondary_navigation
                 (tuples of views.Link: label, url, current)
``meta``         seo.Meta: title, description, canonical, tags (MetaTag: attr, key, content),
                 links (HeadLink: rel, href, type, title), json_ld (str), robots
``body_class``   e.g. ``home-template``, ``post-template tag-python``, ``tag-template tag-x``
``generator``    ``Inkwell X.Y``
``code_css_url`` versioned URL of the code-highlighting stylesheet
``rss_url``      the site's RSS feed
``tracking``     analytics.service.Tracking or None: the beacon's script_url, event_url,
                 domain, outbound and custom_events switches (None: no beacon in pages)
``tracking_pixel``  the no-script pixel's URL for this page (or None)
``asset_url(path)``  global function: ``/assets/{path}?v=<content hash>``

and, per template:

``index.html``   posts (list of views.PostCard), pagination (views.Pagination)
``post.html``    post (views.PostView), previous / next (PostCard or None: older / newer),
                 related (list of PostCard)
``page.html``    post (views.PostView)
``tag.html``     tag and archive (views.ArchiveView), posts, pagination
``author.html``  author and archive (views.ArchiveView), posts, pagination
``error.html``   error: {status, title, message}

A theme folder holds ``templates/`` and ``assets/``; whatever it lacks is taken from the
default theme.
"""
