#!/bin/sh
# One-shot job (image temporalio/admin-tools, same version as temporalio/server): creates Temporal's
# two databases and brings their schemas to the version this server release expects. Idempotent:
# `create` skips an existing database, `setup-schema -v 0.0` only adds the version table when
# missing, and `update-schema` applies just the versions not applied yet, so it also upgrades the
# schema after the image tags are raised.
#
#   SQL_HOST, SQL_PORT, SQL_USER  the PostgreSQL server and a role allowed to create databases
#   SQL_PASSWORD                  read by temporal-sql-tool from the environment
set -eu

: "${SQL_HOST:?SQL_HOST is required}"
: "${SQL_USER:?SQL_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"
SQL_PORT="${SQL_PORT:-5432}"
SCHEMA_DIR=/etc/temporal/schema/postgresql/v12

sqltool() {
  temporal-sql-tool --plugin postgres12 --ep "$SQL_HOST" -p "$SQL_PORT" -u "$SQL_USER" "$@"
}

setup() {
  db="$1"
  versioned="$SCHEMA_DIR/$2/versioned"
  echo "database $db: schema from $versioned"
  sqltool --db "$db" create
  sqltool --db "$db" setup-schema -v 0.0
  sqltool --db "$db" update-schema -d "$versioned"
}

setup temporal temporal
setup temporal_visibility visibility
echo "Temporal schema is up to date"
