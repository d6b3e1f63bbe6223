#!/usr/bin/env bash
# Installs what the build and the tests need, and only what is missing. Idempotent; every
# download comes from a package registry (crates.io, npm, Debian). Never prompts.
#
#   scripts/install.sh build   # enough for `make serve` and `make dist`
#   scripts/install.sh test    # also the linters, browsers and test packages for `make test`
set -euo pipefail

mode="${1:-test}"
case "$mode" in build | test) ;; *) echo "usage: $0 build|test" >&2; exit 2 ;; esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

TRUNK_VERSION=0.21.14
CARGO_DENY_VERSION=0.20.2
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'install: %s\n' "$*"; }

# The tools are built once per machine and their speed does not matter here: building them
# without their release profiles' whole-program optimisation (fat LTO, one codegen unit) lets
# both cores work to the end (Trunk: 5.8 instead of 7.2 minutes on 2 cores).
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16

# Runs a Debian package install, as root or through sudo, refreshing the package lists once.
apt_updated=""
apt_install() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo > /dev/null || { echo "install: need root or sudo to apt-get install $*" >&2; exit 1; }
    sudo="sudo"
  fi
  if [ -z "$apt_updated" ]; then
    say "apt-get update"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
    apt_updated=1
  fi
  say "apt-get install $*"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# `npm ci` in a folder unless its node_modules already matches its package-lock.json.
npm_ci() {
  local dir="$1" stamp="$1/node_modules/.installed-package-lock.json"
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
    return
  fi
  say "npm ci in $dir"
  (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}

# --- Rust ----------------------------------------------------------------------------------
if ! command -v cargo > /dev/null; then
  echo "install: cargo is missing; install the Rust toolchain with rustup first" >&2
  exit 1
fi
if command -v rustup > /dev/null; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$mode" = test ]; then
    for component in rustfmt clippy; do
      if ! rustup component list --installed | grep -q "^$component"; then
        say "rustup component add $component"
        rustup component add "$component"
      fi
    done
  fi
fi

# Trunk at a pinned version.
if [ "$(trunk --version 2> /dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "cargo install trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli at exactly Cargo.lock's wasm-bindgen, which Trunk.toml must name too.
wb_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$wb_version" ]; then
  echo "install: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if ! grep -q "^wasm_bindgen = \"$wb_version\"" Trunk.toml; then
  echo "install: Trunk.toml [tools] wasm_bindgen must be \"$wb_version\" (Cargo.lock's version)" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2> /dev/null || true)" != "wasm-bindgen $wb_version" ] ||
  ! command -v wasm-bindgen-test-runner > /dev/null; then
  say "cargo install wasm-bindgen-cli $wb_version (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$wb_version" --locked ||
    cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

if [ "$mode" = test ] &&
  [ "$(cargo deny --version 2> /dev/null || true)" != "cargo-deny $CARGO_DENY_VERSION" ]; then
  say "cargo install cargo-deny $CARGO_DENY_VERSION (a few minutes, once)"
  cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked
fi

# --- Node: wasm-opt from npm binaryen, and the end-to-end test packages ----------------------
if ! command -v npm > /dev/null; then
  apt_install nodejs npm
fi
if ! command -v python3 > /dev/null; then
  apt_install python3
fi
npm_ci scripts/wasm-opt

if [ "$mode" = test ]; then
  npm_ci tests/e2e
  # Chromium for the browser tests and the end-to-end tests (no browser download from npm).
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt_install chromium chromium-driver
  fi
fi

say "all tools present ($mode)"
