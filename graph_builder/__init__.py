"""cdkg."""
