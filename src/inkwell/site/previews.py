"""``/p/{token}/``: a post not yet public, shown to whoever holds its secret preview link.

The page is the post's usual template, marked for search engines as not to be indexed (a
``robots`` meta tag and ``X-Robots-Tag``), never stored by any cache (it is not declared
cacheable, and says ``no-store``), and sends no referrer, so the secret path does not leak to
the sites it links to. An unknown or revoked token is the themed 404, unless the path is
something else the site answers (a permalink pattern such as ``/p/{id}/``): then the resolver
answers as if this route were not there.
"""

from __future__ import annotations

import dataclasses

from starlette.responses import Response

from inkwell.content import service
from inkwell.site import seo, views
from inkwell.site.body import body_html
from inkwell.site.context import SiteContext, base_context
from inkwell.site.pages import render_page
from inkwell.site.resolve import resolve

PRIVATE = "private, no-store, max-age=0"
HEADERS = {
    "Cache-Control": PRIVATE,
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
}


async def show_preview(ctx: SiteContext, token: str) -> Response:
    """The post behind ``token`` as readers will see it, without neighbours or caching."""
    post = await service.post_for_preview(ctx.session, token)
    if post is None:
        return await resolve(ctx.request, ctx.request.app)
    url = ctx.url(service.path_of(post, ctx.site))
    view = views.post_view(post, url, body_html(post), ctx.site, ctx.site_url)
    meta = seo.for_post(
        post,
        url,
        ctx.site_view(url),
        twitter_handle=ctx.site.twitter,
        facebook=ctx.site.facebook,
    )
    meta = dataclasses.replace(meta, robots="noindex, nofollow")
    context = base_context(ctx, meta, current_url=url, body_class=view.body_class)
    context.update(post=view, previous=None, next=None, related=[])
    template = "page.html" if view.is_page else "post.html"
    response = render_page(ctx, template, context)
    response.headers.update(HEADERS)
    return response
