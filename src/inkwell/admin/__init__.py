"""The admin UI: server-rendered pages and the editor, calling other features' services only."""
