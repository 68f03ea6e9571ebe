#!/usr/bin/env bash
# Install the Debian packages chitieu's tests use, when missing (root on CI; sudo elsewhere).
set -euo pipefail
packages=(chromium postgresql tesseract-ocr tesseract-ocr-vie)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
