"""Every background job that sends comment mail, in one place: the web app's feature and the
``inkwell comments`` commands (which send the mail their changes cause) run the same ones.

Importing this also subscribes notifications and privacy to the comment events."""

from __future__ import annotations

from inkwell.comments import notifications, privacy, privacy_links

MAIL_JOBS = {**notifications.JOBS, **privacy.JOBS, **privacy_links.JOBS}
