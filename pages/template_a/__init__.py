"""template_a pages."""
