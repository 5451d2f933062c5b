#!/usr/bin/env bash
# Installs what vanban needs on a Debian machine (as root), skipping what is present: a Rust
# toolchain at least as new as Cargo.toml's rust-version (Debian 12: cargo-web/rustc-web from
# bookworm-security; Debian 13 and later: cargo/rustc), CA certificates for crates.io, a C
# compiler, Tesseract and Leptonica (libraries, headers, the eng and vie models), libclang for
# the tesseract crate's bindings, poppler-utils/qpdf for the PDF checks, and PostgreSQL's
# server binaries for the archive's PostgreSQL test. Quiet and
# idempotent when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

min_rust=$(sed -n 's/^rust-version *= *"\([0-9.]*\)".*/\1/p' Cargo.toml)
# version_ge A B: A >= B for dotted versions.
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]; }

need=()
have_rust=$(cargo --version 2>/dev/null | awk '{print $2}' || true)
if [ -z "$have_rust" ] || ! version_ge "$have_rust" "$min_rust"; then
  . /etc/os-release
  if [ "${ID:-}" = debian ] && [ "${VERSION_ID:-0}" = 12 ]; then
    need+=(cargo-web rustc-web)
  else
    need+=(cargo rustc)
  fi
fi
[ -s /etc/ssl/certs/ca-certificates.crt ] || need+=(ca-certificates)
command -v cc >/dev/null 2>&1 || need+=(gcc libc6-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists tesseract 2>/dev/null || need+=(libtesseract-dev)
pkg-config --exists lept 2>/dev/null || need+=(libleptonica-dev)
# bindgen needs libclang itself (libclang-cpp, which LLVM tools pull in, is not enough).
compgen -G "/usr/lib/llvm-*/lib/libclang.so*" >/dev/null \
  || compgen -G "/usr/lib/*-linux-gnu/libclang-[0-9]*.so*" >/dev/null \
  || need+=(libclang-dev clang)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
langs=$(tesseract --list-langs 2>/dev/null || true)
grep -qx eng <<<"$langs" || need+=(tesseract-ocr-eng)
grep -qx vie <<<"$langs" || need+=(tesseract-ocr-vie)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
# vanban review's browser test drives headless Chromium.
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# The archive's PostgreSQL test starts a throwaway server from these binaries (no extension
# needed: vanban folds accents itself, so postgresql-contrib's unaccent is not used).
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup.sh: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

have_rust=$(cargo --version 2>/dev/null | awk '{print $2}' || true)
if [ -z "$have_rust" ] || ! version_ge "$have_rust" "$min_rust"; then
  echo "setup.sh: cargo ${have_rust:-missing} on PATH is older than rust-version $min_rust;" \
    "on Debian 12 enable bookworm-security (cargo-web/rustc-web) or put a newer cargo first on PATH" >&2
  exit 1
fi
