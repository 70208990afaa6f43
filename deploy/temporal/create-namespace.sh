#!/bin/sh
# One-shot job (image temporalio/admin-tools): waits for the Temporal frontend, then makes sure the
# namespace and the search attributes the signing workflow upserts exist. Safe to run on every
# `docker compose up`: existing ones are left alone.
#
#   TEMPORAL_ADDRESS              host:port of the frontend
#   TEMPORAL_NAMESPACE            namespace the API and the workers use
#   TEMPORAL_NAMESPACE_RETENTION  how long closed workflows are kept (e.g. 30d); creation only
#   SEARCH_ATTRIBUTES             "Name=Type Name=Type …", the list in workflows/search-attributes.ts
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required}"
: "${TEMPORAL_NAMESPACE:?TEMPORAL_NAMESPACE is required}"
: "${SEARCH_ATTRIBUTES:?SEARCH_ATTRIBUTES is required}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-30d}"
ATTEMPTS="${SETUP_ATTEMPTS:-60}"
PAUSE="${SETUP_PAUSE_SECONDS:-2}"

cli() { temporal "$@" --address "$TEMPORAL_ADDRESS"; }

# Runs "$@" until it succeeds, ATTEMPTS times at most.
retry() {
  n=1
  until "$@"; do
    if [ "$n" -ge "$ATTEMPTS" ]; then
      echo "gave up after $n attempts: $*" >&2
      return 1
    fi
    n=$((n + 1))
    sleep "$PAUSE"
  done
}

echo "waiting for the Temporal frontend at $TEMPORAL_ADDRESS"
retry cli operator cluster health >/dev/null

if cli operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  echo "namespace $TEMPORAL_NAMESPACE exists"
else
  echo "creating namespace $TEMPORAL_NAMESPACE (retention $RETENTION)"
  retry cli operator namespace create --namespace "$TEMPORAL_NAMESPACE" --retention "$RETENTION"
fi

# A namespace just created takes a few seconds to reach the frontend's cache; retry covers that.
# `create` leaves an attribute that exists with the same type alone and fails on a different type.
for pair in $SEARCH_ATTRIBUTES; do
  name="${pair%%=*}"
  type="${pair#*=}"
  echo "search attribute $name ($type)"
  retry cli operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" --name "$name" --type "$type"
done

# Workflows may upsert the attributes as soon as the API starts: wait until the frontend lists them.
has_all() {
  listed="$(cli operator search-attribute list --namespace "$TEMPORAL_NAMESPACE")" || return 1
  for pair in $SEARCH_ATTRIBUTES; do
    printf '%s\n' "$listed" | grep -qw -- "${pair%%=*}" || return 1
  done
}
retry has_all
echo "namespace $TEMPORAL_NAMESPACE is ready"
