#!/usr/bin/env bash
# Restores a backup.sh dump into DATABASE_URL: checks the file against its .sha256, refuses a
# database that already holds tables unless --force (which drops and recreates it), restores in
# one transaction, then compares the restored schema's migrations with the ones this build ships.
#
#   DATABASE_URL=postgres://owner@db:5432/cardcoop deploy/backup/restore.sh /backups/cardcoop-20261206T040000Z.dump
#
# Options:
#   --force           drop and recreate the target database first (the role needs CREATEDB;
#                     connections to it are terminated). Without it the target must be empty
#   --maintenance-db  database to connect to for --force (default: postgres)
#   --migrations DIR  the server's drizzle migrations (default: MIGRATIONS_DIR, else
#                     apps/server/src/db/migrations next to this script); the check is skipped
#                     when there is none
# Environment:
#   DATABASE_URL  the database to restore into (required; never printed)
#   PG_BIN        folder of pg_restore and psql; PATH otherwise
# Objects are created owned by the connecting role (--no-owner, --no-privileges): restore as the
# role the server connects with, or grant to it afterwards.
# Exit codes: 0 done, 2 usage, 3 psql/pg_restore failed (nothing restored: one transaction),
#             4 the target holds tables and --force was not given, 5 checksum missing or wrong,
#             6 the backup has migrations this build does not know (run the version that made it).
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

force=false
maintenance_db=postgres
migrations=${MIGRATIONS_DIR:-$(dirname "$0")/../../apps/server/src/db/migrations}
file=
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force=true; shift ;;
    --maintenance-db) maintenance_db=${2:?--maintenance-db needs a value}; shift 2 ;;
    --migrations) migrations=${2:?--migrations needs a value}; shift 2 ;;
    -h | --help) usage ;;
    -*) echo "restore: unknown option $1" >&2; usage ;;
    *)
      if [ -n "$file" ]; then echo "restore: one dump file only" >&2; usage; fi
      file=$1; shift ;;
  esac
done
if [ -z "$file" ]; then echo "restore: which dump file?" >&2; usage; fi
if [ -z "${DATABASE_URL:-}" ]; then
  echo "restore: DATABASE_URL is not set" >&2
  exit 2
fi

psql=psql
pg_restore=pg_restore
if [ -n "${PG_BIN:-}" ]; then
  psql="$PG_BIN/psql"
  pg_restore="$PG_BIN/pg_restore"
fi
# One value from one query, or exit 3 with psql's message.
query() {
  local url=$1 sql=$2
  if ! "$psql" --no-psqlrc --quiet --tuples-only --no-align --set=ON_ERROR_STOP=1 \
    --dbname="$url" --command="$sql"; then
    echo "restore: psql failed" >&2
    exit 3
  fi
}

# 1. The file is the one backup.sh wrote.
if [ ! -f "$file" ] || [ ! -f "$file.sha256" ]; then
  echo "restore: $file or its checksum $file.sha256 is missing" >&2
  exit 5
fi
if ! (cd "$(dirname "$file")" && sha256sum --check --status "$(basename "$file").sha256"); then
  echo "restore: $file does not match $file.sha256; not restoring it" >&2
  exit 5
fi
echo "restore: checksum of $(basename "$file") verified"

# 2. An empty target, or --force.
db=$(query "$DATABASE_URL" 'select current_database()')
tables_sql="select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
    and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'"
existing=$(query "$DATABASE_URL" "$tables_sql")
if [ "$existing" != 0 ]; then
  if [ "$force" != true ]; then
    echo "restore: database $db holds $existing tables, sequences or views; restore into an empty database or pass --force to drop and recreate it" >&2
    exit 4
  fi
  # The same server, another database: DATABASE_URL with its database name replaced.
  base=${DATABASE_URL%%\?*}
  params=${DATABASE_URL#"$base"}
  maintenance_url="${base%/*}/$maintenance_db$params"
  quoted=$(query "$maintenance_url" "select quote_ident('$(printf '%s' "$db" | sed "s/'/''/g")')")
  query "$maintenance_url" "drop database $quoted with (force)" >/dev/null
  query "$maintenance_url" "create database $quoted" >/dev/null
  echo "restore: --force: dropped and recreated database $db ($existing objects were in it)"
fi

# 3. Restore, all or nothing.
started=$(date +%s)
if ! "$pg_restore" --single-transaction --exit-on-error --no-owner --no-privileges \
  --dbname="$DATABASE_URL" "$file"; then
  echo "restore: pg_restore failed; the transaction was rolled back" >&2
  exit 3
fi
restored=$(query "$DATABASE_URL" "$tables_sql")
echo "restore: restored $restored tables, sequences and views into $db in $(($(date +%s) - started)) s"

# 4. The restored schema against this build's migrations (the server applies newer ones at boot).
journal="$migrations/meta/_journal.json"
if [ ! -f "$journal" ]; then
  echo "restore: no migrations at $migrations; migration check skipped"
  exit 0
fi
shipped=$(grep -c '"tag"' "$journal")
shipped_last=$(grep -Eo '"when": *[0-9]+' "$journal" | grep -Eo '[0-9]+$' | sort -n | tail -n 1)
if [ "$(query "$DATABASE_URL" "select to_regclass('drizzle.__drizzle_migrations') is not null")" != t ]; then
  echo "restore: the dump has no drizzle migrations table; is it a card.coop database?" >&2
  exit 6
fi
read -r applied applied_last < <(query "$DATABASE_URL" \
  "select count(*) || ' ' || coalesce(max(created_at), 0) from drizzle.__drizzle_migrations" | tr '|' ' ')
if [ "$applied_last" -gt "$shipped_last" ]; then
  echo "restore: the backup has migrations newer than this build's ($applied applied, $shipped shipped); start the server version that made it" >&2
  exit 6
fi
if [ "$applied" -lt "$shipped" ]; then
  echo "restore: migrations: $applied in the backup, $shipped in this build; the server applies the other $((shipped - applied)) when it starts"
else
  echo "restore: migrations: $applied in the backup, the same as this build"
fi
