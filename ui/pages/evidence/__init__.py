"""The Evidence pack page."""
