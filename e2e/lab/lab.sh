#!/usr/bin/env bash
# npm run lab -- up <scenario> | down | status   (see README: "The lab cluster")
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --import tsx e2e/lab/cli.ts "$@"
