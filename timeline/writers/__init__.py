"""Output writers, one module per format."""
