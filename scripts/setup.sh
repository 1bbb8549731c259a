#!/usr/bin/env bash
# Installs everything vnreports needs on a fresh Debian machine (run as root) and is quick when
# nothing changed: Debian packages only when a binary is missing, the virtualenv only when
# pyproject.toml changed (stamp file).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v tesseract >/dev/null || need_apt+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata ] || need_apt+=(tesseract-ocr-vie)
[ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || need_apt+=(tesseract-ocr-eng)
# the orientation detector: a page fed sideways or upside down (pipeline/ocr/orientation.py)
[ -f /usr/share/tesseract-ocr/5/tessdata/osd.traineddata ] || need_apt+=(tesseract-ocr-osd)
# the script model (-l Vietnamese): measured against vie by `vnreports bench ocr` (docs/ocr.md)
[ -f /usr/share/tesseract-ocr/5/tessdata/Vietnamese.traineddata ] || need_apt+=(tesseract-ocr-script-viet)
# OCRmyPDF's `--clean` step (unpaper with OCRmyPDF's default arguments): a baseline of `vnreports bench ocr`
command -v unpaper >/dev/null || need_apt+=(unpaper)
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
command -v qpdf >/dev/null || need_apt+=(qpdf)
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need_apt+=(fonts-liberation2)
# the PDF/A checker of the searchable PDFs' tests: Apache PDFBox Preflight and what it loads
command -v java >/dev/null || need_apt+=(default-jre-headless)
[ -f /usr/share/java/preflight.jar ] || need_apt+=(libpdfbox2-java)
[ -f /usr/share/java/javax.activation.jar ] || need_apt+=(libactivation-java)
[ -f /usr/share/java/jaxb-api.jar ] || need_apt+=(libjaxb-api-java)
if [ "${VNREPORTS_BROWSER:-1}" = 1 ]; then command -v chromium >/dev/null || need_apt+=(chromium); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
stamp=.venv/.stamp-$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "setup: creating virtualenv .venv"
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev,bench]"
  rm -f .venv/.stamp-*
  touch "$stamp"
fi
