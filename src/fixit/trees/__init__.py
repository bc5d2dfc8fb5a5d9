"""Decision trees: the model, safe loading, validation, sources and graphs."""
