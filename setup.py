"""The one thing pyproject.toml cannot say: the top-level models/ folder is the package
`pipeline.models` in a wheel (package data: each model's JSON and README)."""

from setuptools import find_namespace_packages, setup

setup(
    # namespace packages too: the data folders (report templates) are packages to setuptools
    packages=[
        *find_namespace_packages(include=["pipeline*"], exclude=["*__pycache__*"]),
        "pipeline.models",
        "pipeline.models.verdict",
    ],
    package_dir={"pipeline.models": "models", "pipeline.models.verdict": "models/verdict"},
)
