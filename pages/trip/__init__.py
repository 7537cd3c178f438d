"""trip pages."""
