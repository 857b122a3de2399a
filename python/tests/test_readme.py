"""Every Python example of README.md and python/README.md, run as written.

Each ```python block runs in a fresh namespace from a scratch folder that holds the
repository's `fixtures/` (so the examples' paths are the checkout's, and what they write
lands outside it). A block that uses pyarrow, Spark or Ray is skipped, with the reason, when
that package is not installed."""

import os
import re
import sys

import pytest

from conftest import ROOT

READMES = [ROOT / "README.md", ROOT / "python" / "README.md"]
BLOCK = re.compile(r"^( *)```python\n(.*?)^\1```$", re.S | re.M)


def _blocks():
    for readme in READMES:
        text = readme.read_text(encoding="utf-8")
        for m in BLOCK.finditer(text):
            indent = len(m.group(1))
            code = "".join(line[indent:] for line in m.group(2).splitlines(keepends=True))
            line = text.count("\n", 0, m.start()) + 2
            name = f"{readme.relative_to(ROOT)}:{line}"
            yield pytest.param(name, code, id=name)


BLOCKS = list(_blocks())


def test_both_readmes_have_python_examples():
    ids = [b.id for b in BLOCKS]
    assert any(i.startswith("README.md:") for i in ids), ids
    assert sum(i.startswith("python/README.md:") for i in ids) >= 4, ids


def _needs(code):
    """The optional packages a block imports."""
    needs = []
    if re.search(r"\bimport pyarrow\b", code):
        needs.append("pyarrow")
    if re.search(r"\bpyspark\b|wpclean\.spark", code):
        needs.append("pyspark")
    if re.search(r"\bimport ray\b|wpclean\.ray", code):
        needs.append("ray")
    return needs


@pytest.mark.parametrize("name, code", BLOCKS)
def test_readme_example_runs(name, code, tmp_path, monkeypatch):
    for package in _needs(code):
        pytest.importorskip(package, reason=f"{package} is not installed")
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    if "pyspark" in _needs(code):
        # The executors' Python workers must import the wpclean this test runs with.
        for var in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON"):
            monkeypatch.setenv(var, sys.executable)
        monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
    namespace = {"__name__": "__readme__"}
    try:
        exec(compile(code, name, "exec"), namespace)
    finally:
        spark = namespace.get("spark")
        if spark is not None and hasattr(spark, "stop"):
            spark.stop()
        ray = namespace.get("ray")
        if ray is not None and getattr(ray, "is_initialized", lambda: False)():
            ray.shutdown()
