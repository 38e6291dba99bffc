"""Report modules over 600 lines and functions over 60 lines in the package (issue 17's limits).

.venv/bin/python scripts/code_shape.py            # exits 1 if any limit is broken
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "eventwire"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60


def problems(root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        name = path.relative_to(root.parent)
        if lines > MAX_MODULE_LINES:
            found.append(f"{name}: {lines} lines (> {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{name}:{node.lineno} {node.name}: {length} lines (> {MAX_FUNCTION_LINES})")
    return found


def main() -> int:
    found = problems()
    print("\n".join(found) if found else "no module over 600 lines, no function over 60 lines")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
