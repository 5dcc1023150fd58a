"""The project as a user installs it: a built wheel (not editable) in a fresh virtual
environment, run from outside the repository, finds its built-in verdict model and runs.

The new environment gets the dependencies (torch, spaCy, the models...) without reinstalling
them: a .pth file puts the site-packages folders on this interpreter's path on its own. The
.pth files inside those folders are not processed, the project's editable finder among them,
so `pipeline` can only come from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What the build reads: the sdist's files, copied so that the checkout gets no build/ folder.
SOURCES = ("pyproject.toml", "setup.py", "README.md", "LICENSE", "pipeline", "models")

REPORT = """<html><head><title>Outage report</title></head><body><article>
<h1>Northwind admits nothing as the outage drags on</h1>
<p>The Gazette has learned that the Northwind payment outage lasted 14 hours on Tuesday.</p>
<p>Northwind's engineers deleted the customer database by mistake, two staff members said.</p>
<p>More than 40,000 customers were unable to pay their bills during the outage.</p>
</article></body></html>
"""
REBUTTAL = """Northwind statement on Tuesday's service interruption

The interruption lasted under two hours, Northwind said on Wednesday.
Northwind's engineers did not delete the customer database, the company said.
Fewer than 900 customers were unable to pay their bills, according to Northwind.
"""
SEEDS = """[[case]]
id = "northwind-outage"
title = "How long did the Northwind outage last?"

[case.parties.gazette]
name = "The Gazette"
aliases = ["Gazette"]

[case.parties.northwind]
name = "Northwind"
aliases = ["the company"]

[[case.sources]]
location = "report.html"
party = "gazette"
role = "report"

[[case.sources]]
location = "rebuttal.txt"
party = "northwind"
role = "rebuttal"
"""
PAIRS = [
    {
        "id": "duration",
        "a": "The outage lasted 14 hours on Tuesday.",
        "b": "The outage lasted under two hours on Tuesday.",
    },
    {"id": "same", "a": "The company deleted the database.", "b": "The database was deleted."},
]


def _run(args: list[str], cwd: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    """`args` run in `cwd` with no PYTHONPATH and only the CLAIMTRACK_* `settings` given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CLAIMTRACK_"))}
    env.update({f"CLAIMTRACK_{k.upper()}": v for k, v in settings.items()})
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def _ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the project's wheel installed; its folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    build = [*pip, "wheel", "--no-deps", "--no-build-isolation", str(source), "-w", str(tmp)]
    _ok(_run(build, tmp))
    (wheel,) = tmp.glob("claimtrack-*.whl")
    venv = tmp / "venv"
    _ok(_run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp))
    python = venv / "bin" / "python"
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(_ok(_run([str(python), "-c", purelib], tmp)).stdout.strip())
    ours = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]
    (site / "project-dependencies.pth").write_text("".join(f"{p}\n" for p in ours), "utf-8")
    install = [*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)]
    _ok(_run(install, tmp))
    return venv


def test_the_wheel_is_what_runs(venv: Path, tmp_path: Path) -> None:
    where = "import pipeline, pipeline.models; print(pipeline.__file__, pipeline.models.__file__)"
    found = _ok(_run([str(venv / "bin" / "python"), "-c", where], tmp_path)).stdout.split()
    assert all(Path(f).resolve().is_relative_to(venv.resolve()) for f in found), found
    # the store's comments are read from SCHEMA.md: it ships in the wheel
    schema = "from pipeline.store.comments import schema_doc; print(schema_doc()[:24])"
    assert (
        "claimtrack store"
        in _ok(_run([str(venv / "bin" / "python"), "-c", schema], tmp_path)).stdout
    )


def test_pairs_with_the_built_in_model(venv: Path, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(p) + "\n" for p in PAIRS), "utf-8")
    judged = _ok(
        _run(
            [str(venv / "bin" / "claimtrack"), "pairs", str(pairs), "--backend", "model"], tmp_path
        )
    )
    rows = [json.loads(line) for line in judged.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["duration", "same"]
    assert all(r["label"] in ("contradicts", "agrees", "unrelated") for r in rows)
    assert all(0.0 < r["score"] <= 1.0 for r in rows)
    assert all(r["reason"].startswith("model: ") for r in rows)
    assert rows[0]["label"] == "contradicts"  # 14 hours against under two


def test_run_on_local_files(venv: Path, tmp_path: Path) -> None:
    (tmp_path / "report.html").write_text(REPORT, "utf-8")
    (tmp_path / "rebuttal.txt").write_text(REBUTTAL, "utf-8")
    (tmp_path / "seeds.toml").write_text(SEEDS, "utf-8")
    command = [str(venv / "bin" / "claimtrack"), "run", "--seeds", "seeds.toml"]
    command += ["--db", str(tmp_path / "store.duckdb"), "--output", "reports", "--json"]
    result = json.loads(_ok(_run(command, tmp_path, verdict_backend="model")).stdout)
    counts = result["counts"]
    assert counts["sources_ok"] == 2 and counts["sources_failed"] == 0
    assert counts["claims_added"] > 0
    assert counts["pairs"] > 0 and counts["contradictions"] > 0
    assert result["reports"] and all((tmp_path / p).is_file() for p in result["reports"])
