#!/usr/bin/env bash
# Installs, once, the system packages the tests and the local district need and a fresh
# Debian machine may lack: a Java runtime (DynamoDB Local) and Chromium (browser tests).
# Usage: scripts/ensure-system.sh [java] [chromium]   (default: both)
set -euo pipefail
want=("$@")
[ ${#want[@]} -eq 0 ] && want=(java chromium)
missing=()
for w in "${want[@]}"; do
  case "$w" in
    java) command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless) ;;
    chromium) [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium) ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "gongzhi: missing system packages: ${missing[*]}. Install them (Debian: sudo apt-get install -y ${missing[*]}) and run again." >&2
  exit 1
fi
echo "Installing ${missing[*]} with apt-get ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
