#!/usr/bin/env bash
# Lints the OpenAPI document the build stored (target/openapi/openapi.yaml, written by ./mvnw package) with
# Redocly CLI's recommended rules; fails on any error. Installs Redocly CLI from npm into target/ on first use.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

REDOCLY_VERSION=2.77.0
document=target/openapi/openapi.yaml
tools=target/lint-tools

if [[ ! -f "$document" ]]; then
  echo "lint-openapi: $document is missing; run ./mvnw package first" >&2
  exit 1
fi
if [[ ! -x "$tools/node_modules/.bin/redocly" ]]; then
  echo "lint-openapi: installing @redocly/cli@$REDOCLY_VERSION into $tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent "@redocly/cli@$REDOCLY_VERSION"
fi
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$tools/node_modules/.bin/redocly" lint --config redocly.yaml "$document"
