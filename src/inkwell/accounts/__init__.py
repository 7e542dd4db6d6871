"""Who may sign in: staff accounts (credentials and roles) over content's author profiles."""
