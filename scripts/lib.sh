# Shared by scripts/demo.sh and scripts/test.sh: install, configure, check services.
set -euo pipefail

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

install_dependencies() {
  # Reinstall only when the lockfile changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "installing npm packages"
    # `npm install` rather than `npm ci`: npm 11 leaves other platforms' optional packages
    # (tailwind's oxide, msgpackr-extract) out of the lockfile and `npm ci` then refuses it.
    npm install --no-audit --no-fund
  fi
  step "generating the Prisma client (offline)"
  npm run --silent db:generate
}

ensure_env_file() {
  if [ ! -f .env ]; then
    cp .env.example .env
    echo "created .env from .env.example (local defaults)"
  fi
}

check_services() {
  local ok=1
  if ! node -e 'const s=require("net").connect(5432,"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1))'; then
    echo "PostgreSQL is not answering on 127.0.0.1:5432 — start it (see README: Services)." >&2
    ok=0
  fi
  if ! node -e 'const s=require("net").connect(6379,"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1))'; then
    echo "Redis is not answering on 127.0.0.1:6379 — start it (see README: Services)." >&2
    ok=0
  fi
  [ "$ok" = 1 ]
}
