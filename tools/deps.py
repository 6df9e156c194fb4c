"""Prints the project's dependencies (and the test extra) from pyproject.toml, one per line.

The app runs from its source tree, so we install only what it depends on rather than the
project itself (an editable install of top-level packages such as `models` would only add noise).
"""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8"))["project"]
deps = list(project["dependencies"])
for extra in sys.argv[1:]:
    deps += project["optional-dependencies"][extra]
print("\n".join(deps))
