#!/usr/bin/env bash
# npm run demo — installs, migrates, seeds the demo brand, builds, then runs the web app, the
# worker and the social sandbox together (Ctrl-C stops all three). The URLs and staff logins are
# printed last, once the app, the sandbox and the worker answer.
cd "$(dirname "$0")/.."
source scripts/lib.sh

export NEXT_TELEMETRY_DISABLED=1
install_dependencies
ensure_env_file
check_services
port="$(web_port)"
step "migrating the database"
npm run --silent db:migrate
step "seeding the demo brand"
npm run --silent db:seed
step "building the web app"
npx next build
step "building the worker"
npm run --silent build:worker
# `next start` runs with NODE_ENV=production, where the development outbox is refused; an older
# .env may still switch it on, so the demo turns it off for itself (the environment wins over .env).
export MAIL_OUTBOX_PAGE=false
step "starting web (port $port), worker and social sandbox"
procs=("npx next start -p $port" "npm run --silent start:worker" "npx tsx scripts/demo-ready.ts")
names="web,worker,ready"
if [ -f src/sandbox/main.ts ]; then
  export DEMO_SANDBOX=1
  # The worker sends mail to the sandbox's SMTP catcher (SANDBOX_SMTP_PORT, loopback only).
  smtp_port="$(node -e 'if (require("node:fs").existsSync(".env")) process.loadEnvFile(".env"); console.log(process.env.SANDBOX_SMTP_PORT || 4025)')"
  procs[1]="SMTP_URL=smtp://127.0.0.1:$smtp_port npm run --silent start:worker"
  # demo-checkins.ts waits for the sandbox and the app, links Swarm accounts to a few demo
  # customers and points the sandbox's Foursquare pushes at the app, then exits.
  procs+=("npm run --silent sandbox" "npx tsx scripts/demo-checkins.ts")
  names="$names,sandbox,check-ins"
fi
exec npx concurrently --kill-others-on-fail --names "$names" --prefix-colors "cyan,magenta,white,yellow,green" "${procs[@]}"
