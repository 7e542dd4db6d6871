"""Comments: threads under posts (and on other sites' pages), moderation, notifications, import."""
