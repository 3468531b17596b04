#!/usr/bin/env bash
# Dumps the card.coop database (DATABASE_URL) with pg_dump -Fc to a timestamped file and writes
# its SHA-256 next to it. Needs no application secret: what it copies is ciphertext, sealed
# values and hashes (docs/runbook.md says which keys to keep apart from it, and why).
#
#   DATABASE_URL=postgres://backup@db:5432/cardcoop deploy/backup/backup.sh --dir /backups --keep 14
#
# Options:
#   --dir DIR     where the files go (default: the current directory); created if missing
#   --keep N      after a good dump, delete the oldest PREFIX-*.dump (and their .sha256) beyond N
#   --prefix P    file name prefix (default: cardcoop)
# Environment:
#   DATABASE_URL  the database to dump (required; never printed: it may hold a password)
#   PG_BIN        folder of pg_dump; PATH otherwise. pg_dump's major version must be at least
#                 the server's (pg_dump refuses otherwise)
# Exit codes: 0 done, 2 usage, 3 pg_dump failed, 4 the target file exists (never overwritten),
#             5 the checksum could not be written.
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

dir=.
keep=
prefix=cardcoop
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=${2:?--dir needs a value}; shift 2 ;;
    --keep) keep=${2:?--keep needs a value}; shift 2 ;;
    --prefix) prefix=${2:?--prefix needs a value}; shift 2 ;;
    -h | --help) usage ;;
    *) echo "backup: unknown argument $1" >&2; usage ;;
  esac
done
if [ -z "${DATABASE_URL:-}" ]; then
  echo "backup: DATABASE_URL is not set" >&2
  exit 2
fi
if [ -n "$keep" ] && ! [[ "$keep" =~ ^[1-9][0-9]*$ ]]; then
  echo "backup: --keep must be a positive whole number" >&2
  exit 2
fi
if ! [[ "$prefix" =~ ^[A-Za-z0-9._-]+$ ]]; then
  echo "backup: --prefix may hold letters, digits, '.', '_' and '-' only" >&2
  exit 2
fi

pg_dump=pg_dump
if [ -n "${PG_BIN:-}" ]; then pg_dump="$PG_BIN/pg_dump"; fi

mkdir -p "$dir"
name="$prefix-$(date -u +%Y%m%dT%H%M%SZ).dump"
target="$dir/$name"
if [ -e "$target" ] || [ -e "$target.sha256" ]; then
  echo "backup: $target exists; refusing to overwrite it" >&2
  exit 4
fi

# Dump to a temporary name in the same folder, then link it into place: a failed or interrupted
# run never leaves a file that looks like a backup, and an existing one is never replaced.
partial=$(mktemp "$dir/.$name.XXXXXX")
trap 'rm -f "$partial"' EXIT
started=$(date +%s)
if ! "$pg_dump" --format=custom --compress=6 --file="$partial" --dbname="$DATABASE_URL"; then
  echo "backup: pg_dump failed" >&2
  exit 3
fi
if ! ln "$partial" "$target" 2>/dev/null; then
  echo "backup: $target appeared meanwhile; refusing to overwrite it" >&2
  exit 4
fi
rm -f "$partial"
if ! (cd "$dir" && sha256sum "$name" >"$name.sha256"); then
  echo "backup: could not write $target.sha256" >&2
  rm -f "$target" "$target.sha256"
  exit 5
fi

size=$(wc -c <"$target" | tr -d ' ')
echo "backup: wrote $target ($size bytes in $(($(date +%s) - started)) s)"
echo "backup: sha256 $(cut -d' ' -f1 "$target.sha256") in $target.sha256"

if [ -n "$keep" ]; then
  # Timestamps sort as text; the newest $keep stay.
  mapfile -t all < <(find "$dir" -maxdepth 1 -name "$prefix-*.dump" -printf '%f\n' | sort)
  excess=$((${#all[@]} - keep))
  for ((i = 0; i < excess; i++)); do
    rm -f "$dir/${all[$i]}" "$dir/${all[$i]}.sha256"
    echo "backup: retention: deleted ${all[$i]}"
  done
fi
