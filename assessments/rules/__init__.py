"""Rules about what may be stored, as pure functions the service applies."""
