"""The layer contract of ARCHITECTURE.md holds: import-linter runs as part of the tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is part of the dev dependencies"
    done = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


def test_architecture_doc_names_every_package() -> None:
    doc = (ROOT / "ARCHITECTURE.md").read_text()
    packages = sorted(
        p.name for p in (ROOT / "src" / "borderwatch").iterdir() if (p / "__init__.py").exists()
    )
    missing = [name for name in packages if f"`{name}`" not in doc]
    assert not missing, f"ARCHITECTURE.md lacks a row for {missing}"
