"""Word lists and patterns of the reading stages (dating, segmentation), kept as data beside the code."""
