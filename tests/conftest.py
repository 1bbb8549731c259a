import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"  # ../shared beside the checkout (CI has it); tests needing it skip without


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((CORPUS / "text").glob("*.txt"))}


@pytest.fixture(scope="session")
def reviewed_run(tmp_path_factory) -> tuple[Path, Path]:
    """(inputs, OUT): `vnreports run` on two of the corpus's text reports (no OCR), for the review desk's
    tests; copy OUT before changing it."""
    from pipeline.context import Context
    from pipeline.runner import run_folder

    base = tmp_path_factory.mktemp("reviewed_run")
    inputs = base / "in"
    inputs.mkdir()
    for name in ("2017_lai-chau_bc-ton-vinh.txt", "2024_tam-duong_bc-111.txt"):
        (inputs / name).write_bytes((CORPUS / "text" / name).read_bytes())
    out = base / "out"
    results = run_folder(inputs, out, Context(out_dir=out))
    assert all(r.status == "ok" for r in results), [r.error for r in results]
    return inputs, out
