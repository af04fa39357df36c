#!/usr/bin/env bash
# Sourced by the scripts: secrets come from the environment; for a local run without them, a random set is generated
# once into .data/secrets.env (git-ignored, mode 600). Nothing secret is ever in the repository.
_secrets_file="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.data/secrets.env"
if [ -z "${PSEUDONYM_SECRET:-}" ] || [ -z "${AUTH_SECRET:-}" ]; then
  if [ ! -f "$_secrets_file" ]; then
    mkdir -p "$(dirname "$_secrets_file")"
    umask 077
    {
      echo "PSEUDONYM_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
      echo "AUTH_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
      echo "WEBHOOK_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    } > "$_secrets_file"
  fi
  set -a
  # shellcheck disable=SC1090
  source "$_secrets_file"
  set +a
fi
# The BSN store's key encryption key (docs/security.md, "The BSN store"): generated once for a local run when BSN_KEYS
# is not set, kept beside the other local secrets (a file made before it existed gets it added).
if [ -z "${BSN_KEYS:-}" ] && [ -f "$_secrets_file" ]; then
  if ! grep -q '^BSN_KEYS=' "$_secrets_file"; then
    echo "BSN_KEYS=local1:$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >> "$_secrets_file"
  fi
  BSN_KEYS="$(sed -n 's/^BSN_KEYS=//p' "$_secrets_file")"
  export BSN_KEYS
fi
