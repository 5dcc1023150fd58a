"""The one thing pyproject.toml cannot say: the top-level models/ folder is the package
`pipeline.models` in a wheel (package data: each model's JSON and README)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["pipeline*"]), "pipeline.models"],
    package_dir={"pipeline.models": "models"},
)
