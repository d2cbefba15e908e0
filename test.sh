#!/usr/bin/env bash
# Runs every test on a fresh machine: installs and starts what the tests need (PostgreSQL, Chromium),
# builds once, then runs each test project. Under CI=true a missing dependency is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for setup in scripts/test-setup/*.sh; do
  [ -e "$setup" ] || continue
  # Each setup script exports what it provides into scripts/test-setup/.env-out.
  bash "$setup"
done
if [ -f scripts/test-setup/.env-out ]; then set -a; . scripts/test-setup/.env-out; set +a; fi
dotnet build KalshiTrader.sln -c Release -v q -nologo
dotnet test KalshiTrader.sln -c Release --no-build -v q --logger "console;verbosity=normal"
