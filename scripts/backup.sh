#!/usr/bin/env bash
# Back up piyasa's PostgreSQL database in pg_dump's custom format (compressed, restorable with
# scripts/restore.sh or pg_restore, table by table if needed).
#
#   DATABASE_URL=postgres://piyasa:secret@db:5432/piyasa scripts/backup.sh [OUTPUT_FILE]
#
# OUTPUT_FILE defaults to piyasa-<UTC timestamp>.dump in the current directory. The file is
# written under a temporary name and renamed when complete, so a crashed run never leaves a
# truncated backup that looks finished. Prints the file name on success.
# Tip: put the password in ~/.pgpass or PGPASSWORD instead of the URL to keep it out of `ps`.
# Redis holds no state that needs a backup (queues are rebuilt by the scheduler; limits expire).
set -euo pipefail

url="${DATABASE_URL:?set DATABASE_URL to the database to back up}"
out="${1:-piyasa-$(date -u +%Y%m%dT%H%M%SZ).dump}"
tmp="${out}.partial"

trap 'rm -f "$tmp"' ERR
pg_dump --format=custom --compress=6 --no-owner --no-privileges --dbname="$url" --file="$tmp"
mv "$tmp" "$out"
echo "$out"
