"""portfolio pages."""
