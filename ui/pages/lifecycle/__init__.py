"""The Lifecycle page: production, distribution, use and end-of-life scenario."""
