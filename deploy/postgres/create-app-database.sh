#!/bin/sh
# Mounted into /docker-entrypoint-initdb.d of the postgres image, which runs it once, when the data
# volume is first initialised (never again afterwards: to change APP_DB_PASSWORD later, run
# `ALTER ROLE … PASSWORD …` yourself). Creates the application's own login role and database, so the
# API and workers never use the superuser that Temporal's databases belong to.
#
#   APP_DB_NAME, APP_DB_USER, APP_DB_PASSWORD   from docker-compose.yml
set -eu

: "${APP_DB_NAME:?APP_DB_NAME is required}"
: "${APP_DB_USER:?APP_DB_USER is required}"
: "${APP_DB_PASSWORD:?APP_DB_PASSWORD is required}"

# psql variables (:'name' quotes a literal, :"name" an identifier) keep the values out of the SQL
# text, so quotes or spaces in them cannot break or inject into it.
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres \
  -v app_db="$APP_DB_NAME" -v app_user="$APP_DB_USER" -v app_password="$APP_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'app_user', :'app_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'app_db', :'app_user', 'UTF8')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'app_db') \gexec
REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"app_db" TO :"app_user";
SQL
echo "created role $APP_DB_USER and database $APP_DB_NAME"
