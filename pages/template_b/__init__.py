"""template_b pages."""
