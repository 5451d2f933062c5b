#!/usr/bin/env bash
# Installs what vanban needs on a fresh Debian machine (as root), skipping what is present:
# a Rust toolchain and C compiler, Tesseract and Leptonica (libraries, headers, the eng and
# vie models) and libclang for the tesseract crate's bindings.
set -euo pipefail
need=()
command -v cargo >/dev/null 2>&1 || need+=(cargo rustc)
command -v cc >/dev/null 2>&1 || need+=(gcc libc6-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists tesseract 2>/dev/null || need+=(libtesseract-dev)
pkg-config --exists lept 2>/dev/null || need+=(libleptonica-dev)
ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 || ls /usr/lib/x86_64-linux-gnu/libclang*.so* >/dev/null 2>&1 || need+=(libclang-dev clang)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
langs=$(tesseract --list-langs 2>/dev/null || true)
grep -qx eng <<<"$langs" || need+=(tesseract-ocr-eng)
grep -qx vie <<<"$langs" || need+=(tesseract-ocr-vie)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
fi
