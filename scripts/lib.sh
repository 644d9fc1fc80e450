# Shared by scripts/demo.sh and scripts/test.sh: install, configure, check services.
set -euo pipefail

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

install_dependencies() {
  # Reinstall only when the lockfile changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "installing npm packages"
    # `npm ci`: exactly the lockfile (which lists every platform's optional packages), nothing newer.
    npm ci --no-audit --no-fund
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
  # The host and port of DATABASE_URL and REDIS_URL as the app reads them (environment, then .env).
  node scripts/check-services.mjs
}

# The port the web app listens on: PORT, else APP_URL's port (the app's links use APP_URL).
web_port() {
  node -e '
    const fs = require("node:fs");
    if (fs.existsSync(".env")) process.loadEnvFile(".env");
    if (process.env.PORT) { console.log(process.env.PORT); process.exit(0); }
    const url = new URL(process.env.APP_URL || "http://localhost:3000");
    console.log(url.port || (url.protocol === "https:" ? 443 : 80));
  '
}
