# Two commands do everything on a fresh machine:
#   make run    install what is missing, then run the whole pipeline on the bundled corpus
#   make test   install what is missing, then run the test suite (what CI runs)
VENV := .venv
BIN := $(VENV)/bin
OUT ?= outputs

.PHONY: setup run test test-fast bench bench-ocr bench-restore bench-extract bench-reconcile bench-serve bench-scale serve clean

setup:
	@bash scripts/setup.sh

run: setup
	$(BIN)/vnreports run corpus/ -o $(OUT)

test: setup
	$(BIN)/python -m pytest -q -rs

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow"

bench: bench-ocr bench-restore bench-extract bench-reconcile

bench-ocr: setup
	$(BIN)/vnreports bench ocr

bench-restore: setup
	$(BIN)/vnreports bench restore

bench-extract: setup
	$(BIN)/vnreports bench extract

bench-reconcile: setup
	$(BIN)/vnreports bench reconcile

bench-serve: setup
	$(BIN)/vnreports bench serve --out $(OUT)

serve: setup
	$(BIN)/vnreports serve $(OUT) --inputs corpus

# pages/min vs bare Tesseract, memory, re-run, kill -9 + resume, hostile inputs on a synthetic archive
# (generated into outputs/archive on first use; long: see docs/scale.md for shorter options)
bench-scale: setup
	$(BIN)/vnreports bench scale $(SCALE_ARGS)

clean:
	rm -rf $(OUT)/json $(OUT)/cache $(OUT)/dataset $(OUT)/.dataset-* $(OUT)/pdf $(OUT)/*.csv $(OUT)/*.parquet $(OUT)/*.duckdb $(OUT)/report.html
