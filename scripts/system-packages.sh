#!/usr/bin/env bash
# Debian packages the tests need: Chromium for the end-to-end tests (never a downloaded
# browser), fonts for readable screenshots, and headless LibreOffice Calc to check that the
# board report opens and prints (Liberation Sans stands in for Arial, with the same widths),
# and poppler-utils to read the text of its PDFs and see their pages as PNG.
# Installs only what is missing.
set -euo pipefail
needed=()
[ -x /usr/bin/chromium ] || needed+=(chromium)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || needed+=(fonts-dejavu-core)
dpkg -s fonts-liberation2 >/dev/null 2>&1 || needed+=(fonts-liberation2)
command -v soffice >/dev/null 2>&1 || needed+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || needed+=(poppler-utils)  # reading and seeing its PDFs
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${needed[@]}"
