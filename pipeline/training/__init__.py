"""Training recipes for the project's own models (weights under the top-level models/ folder)."""
