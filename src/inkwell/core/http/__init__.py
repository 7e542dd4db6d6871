"""HTTP plumbing that knows no feature: response cache, compression, conditional requests."""
