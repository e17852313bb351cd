"""Golden files: the examples/ documents are exactly what the engine produces today.

Refresh after an intended change with `python examples/regenerate.py`.
"""

import importlib.util

from conftest import ROOT


def test_examples_are_up_to_date():
    spec = importlib.util.spec_from_file_location("regenerate", ROOT / "examples" / "regenerate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files = module.expected()
    assert files, "no profiles found"
    stale = [
        p.name for p, text in files.items() if not p.exists() or p.read_bytes().decode() != text
    ]
    assert not stale, f"run `python examples/regenerate.py`: stale {stale}"
