"""The project's trained models, installed as the package `pipeline.models` (see setup.py)."""
