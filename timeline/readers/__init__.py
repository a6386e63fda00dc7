"""Input readers, one module per format."""
