"""tui.deferred: a module put off until first use behaves as the module once touched."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def fresh(code: str) -> dict[str, object]:
    """Run code in a fresh interpreter; it prints one JSON value as its last line."""
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, timeout=60, check=True)
    return json.loads(proc.stdout.splitlines()[-1])


def test_a_deferred_module_is_imported_on_its_first_attribute() -> None:
    """`import` binds the stand-in without importing; reading a name imports the module, which
    then is in sys.modules; the stand-in and `from ... import` give the real objects."""
    out = fresh("""
import json, sys
from tui.deferred import DeferredModule, defer
defer("colorsys")
import colorsys
before = "colorsys" in sys.modules and isinstance(sys.modules["colorsys"], DeferredModule)
loaded_early = "rgb_to_hsv" in vars(sys.modules["colorsys"])
value = colorsys.rgb_to_hsv(1.0, 0.0, 0.0)
real = sys.modules["colorsys"]
from colorsys import hsv_to_rgb
print(json.dumps({"stand_in": before, "early": loaded_early, "value": value,
                  "real": not isinstance(real, DeferredModule),
                  "same": colorsys.hsv_to_rgb is hsv_to_rgb is real.hsv_to_rgb,
                  "file": colorsys.__file__ == real.__file__}))
""")
    assert out == {"stand_in": True, "early": False, "value": [0.0, 1.0, 1.0], "real": True,
                   "same": True, "file": True}


def test_dataclasses_work_with_inspect_deferred() -> None:
    """Dataclasses (with a docstring, as paperdeck's) leave inspect unimported; one without a
    docstring gets its signature docstring from the real inspect, as always."""
    out = fresh("""
import json, sys
from tui.deferred import defer
defer("inspect")
from dataclasses import dataclass, field
@dataclass(slots=True)
class A:
    \"\"\"Documented.\"\"\"
    x: int = 0
    y: list = field(default_factory=list)
untouched = "ast" not in sys.modules
@dataclass
class B:
    x: int = 1
import inspect
print(json.dumps({"untouched": untouched, "a": repr(A(2)), "doc": B.__doc__,
                  "sig": str(inspect.signature(B)), "ast": "ast" in sys.modules}))
""")
    assert out == {"untouched": True, "a": "A(x=2, y=[])", "doc": "B(x: int = 1)",
                   "sig": "(x: int = 1) -> None", "ast": True}


def test_defer_leaves_an_imported_module_alone() -> None:
    """A module already imported is never replaced."""
    import inspect

    from tui.deferred import defer

    defer("inspect")
    assert sys.modules["inspect"] is inspect
