# Sourced by the browser tests (scripts/e2e.sh, scripts/e2e-tasklist.sh): installs from Debian what a fresh
# machine lacks — chromium (never a downloaded browser build), fonts-noto-cjk for readable Chinese
# screenshots, Node.js and npm for playwright-core.
install_browser_prerequisites() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update
    $sudo_cmd apt-get install -y "${missing[@]}"
  fi
}
