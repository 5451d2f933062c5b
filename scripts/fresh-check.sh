#!/usr/bin/env bash
# fresh-check.sh: the README's two commands on a fresh Debian, as a new user would run them.
# Builds a minimal Debian root with debootstrap (cached as a tarball under target/), copies this
# checkout in (tracked and untracked-not-ignored files, as they are in the working tree), and
# runs the README's first two shell lines in it with chroot; then checks the main job's output
# (exit 0, one record per fixture input) and the test result. Run as root.
#   FRESH_SUITE   Debian suite (default bookworm)
#   FRESH_MIRROR  Debian mirror (default http://deb.debian.org/debian)
#   FRESH_KEEP=1  keep the root afterwards (target/fresh-check/root) for a look inside
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
suite=${FRESH_SUITE:-bookworm}
mirror=${FRESH_MIRROR:-http://deb.debian.org/debian}
work=$top/target/fresh-check
root=$work/root
tarball=$work/$suite-minbase.tar
log=$work/log
mkdir -p "$work" "$log"

[ "$(id -u)" = 0 ] || { echo "fresh-check: must run as root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null 2>&1 || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}

unmount_all() {
  for m in dev/pts dev proc sys; do
    mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m" || true
  done
}
trap unmount_all EXIT
unmount_all
rm -rf --one-file-system "$root"

if [ ! -s "$tarball" ]; then
  echo "fresh-check: debootstrap --variant=minbase $suite (cached as $tarball)" >&2
  start=$SECONDS
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$log/debootstrap.log" 2>&1 \
    || { tail -n 20 "$log/debootstrap.log" >&2; exit 1; }
  tar -C "$root" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
  echo "fresh-check: debootstrap took $((SECONDS - start)) s" >&2
else
  mkdir -p "$root" && tar -C "$root" -xf "$tarball"
fi

# The apt sources of a standard Debian install (debootstrap writes only the main suite).
if [ "$suite" = bookworm ]; then
  cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb http://deb.debian.org/debian-security $suite-security main
EOF
fi
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

# The checkout, as it is in the working tree.
mkdir -p "$root/src/vanban"
git ls-files -z -co --exclude-standard | tar --null -T - -cf - | tar -C "$root/src/vanban" -xf -

# The machine's CA settings: a bundle of its own inside the root (installing ca-certificates
# there rewrites /etc/ssl/certs/ca-certificates.crt); cargo's libcurl reads CARGO_HTTP_CAINFO.
ca_env=()
if [ -n "${SSL_CERT_FILE:-}" ] && [ -s "$SSL_CERT_FILE" ]; then
  mkdir -p "$root/usr/local/share/fresh-check"
  cp "$SSL_CERT_FILE" "$root/usr/local/share/fresh-check/host-ca.crt"
  ca=/usr/local/share/fresh-check/host-ca.crt
  ca_env=(SSL_CERT_FILE=$ca CURL_CA_BUNDLE=$ca CARGO_HTTP_CAINFO=$ca)
fi

mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts" 2>/dev/null || true

# The README's two commands: the first two lines of its first sh block.
mapfile -t cmds < <(awk '/^```sh/{f=1;next} /^```/{if(f)exit} f' README.md | head -n 2)
[ ${#cmds[@]} -eq 2 ] || { echo "fresh-check: README has no two-line sh block" >&2; exit 1; }

run_in_root() { # name command
  local name=$1 cmd=$2 start=$SECONDS rc=0
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${ca_env[@]}" \
    /bin/bash -c "cd /src/vanban && $cmd" >"$log/$name.log" 2>&1 || rc=$?
  echo "fresh-check: $name: exit $rc in $((SECONDS - start)) s: $cmd" >&2
  return $rc
}

fail=0
run_in_root main "${cmds[0]}" || fail=1
out=$root/src/vanban/vanban-records.jsonl
inputs=$(find fixtures/seeds fixtures/scans fixtures/gold -type f \
  \( -name '*.txt' -o -name '*.pdf' -o -name '*.png' -o -name '*.tif' -o -name '*.tiff' -o -name '*.jpg' \) | wc -l)
records=$( [ -f "$out" ] && wc -l <"$out" || echo 0)
if [ "$records" -ne "$inputs" ]; then
  echo "fresh-check: main job wrote $records records for $inputs inputs" >&2
  fail=1
else
  echo "fresh-check: main job: $records records for $inputs inputs" >&2
fi
run_in_root test "${cmds[1]}" || fail=1
if grep -q "test result: FAILED\|error\[E\|could not compile" "$log/test.log"; then fail=1; fi
passed=$(grep -o "test result: ok. [0-9]* passed" "$log/test.log" | awk '{s+=$4} END {print s+0}')
echo "fresh-check: tests: $passed passed; logs in $log" >&2
[ "$fail" = 0 ] || { tail -n 60 "$log/test.log" "$log/main.log" >&2; echo "fresh-check: FAILED" >&2; exit 1; }
[ "${FRESH_KEEP:-0}" = 1 ] || { unmount_all; rm -rf --one-file-system "$root"; }
echo "fresh-check: passed"
