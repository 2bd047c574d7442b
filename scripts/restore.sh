#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into the database DATABASE_URL points to.
#
#   DATABASE_URL=postgres://piyasa:secret@db:5432/piyasa scripts/restore.sh BACKUP_FILE
#
# Objects of the backup that already exist in the target are dropped first (--clean), and the
# whole restore is one transaction: it either completes or changes nothing. Stop the API and the
# workers first (or restore into a new database and point DATABASE_URL at it), then start them:
# the schema is already migrated as it was at backup time, and newer migrations run as usual.
# The role in DATABASE_URL needs CREATE on the database (pg_trgm extension, tables, indexes).
set -euo pipefail

url="${DATABASE_URL:?set DATABASE_URL to the database to restore into}"
file="${1:?usage: scripts/restore.sh BACKUP_FILE}"
if [ ! -s "$file" ]; then
  echo "restore: $file does not exist or is empty" >&2
  exit 66
fi

pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$url" "$file"
echo "restored $file"
