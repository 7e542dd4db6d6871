"""A published post's numbers on its editor page: visitors and page views of its path over the
last 30 days with a sparkline, and (for those who see the whole site's) a link to the dashboard
filtered on that page.

Shown to whoever may see this post's analytics (``analytics.post``: editors and above for any
post or page, an author for their own posts). The numbers are the page's own, read from the
daily aggregates where rolled up and from raw events otherwise, so they reach back past the
raw events' retention.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from inkwell.admin.analytics_view import BASE, local_today
from inkwell.admin.context import AdminContext
from inkwell.analytics import service as analytics
from inkwell.content import service as content

DAYS = 30


async def post_stats(ctx: AdminContext, post: content.Post | None) -> dict[str, Any]:
    """What the editor shows of ``post``'s numbers (nothing for a draft or without permission)."""
    if (
        post is None
        or post.status != content.PostStatus.PUBLISHED
        or not ctx.can("analytics.post", post=post)
    ):
        return {"post_stats": None}
    path = content.path_of(post, ctx.site)
    today = local_today(ctx.timezone)
    query = analytics.Query(today - timedelta(days=DAYS - 1), today)
    found = await analytics.numbers(ctx.session, query)
    daily = [found.days[day].get(("page", path), analytics.Metrics()) for day in query.days()]
    visitors = sum(m.visitors for m in daily)
    views = sum(m.pageviews for m in daily)
    label = f"Page views per day over the last {DAYS} days: {views:,} in all"
    dashboard = ""
    if ctx.can("analytics.view"):
        dashboard = f"{BASE}?{urlencode([('period', '30d'), ('f', f'is,page,{path}')])}"
    return {
        "post_stats": {
            "days": DAYS,
            "visitors": visitors,
            "pageviews": views,
            "sparkline": analytics.sparkline([m.pageviews for m in daily], label=label),
            "dashboard_url": dashboard,
        }
    }
