"""setup pages."""
