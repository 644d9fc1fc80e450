#!/usr/bin/env bash
# npm run demo — installs, migrates, seeds the demo brand, builds, then runs the web app, the
# worker and the social sandbox together (Ctrl-C stops all three).
cd "$(dirname "$0")/.."
source scripts/lib.sh

export NEXT_TELEMETRY_DISABLED=1
install_dependencies
ensure_env_file
check_services
step "migrating the database"
npm run --silent db:migrate
step "seeding the demo brand"
npm run --silent db:seed
step "building the web app"
npx next build
# `next start` runs with NODE_ENV=production, where the development outbox is refused; an older
# .env may still switch it on, so the demo turns it off for itself (the environment wins over .env).
export MAIL_OUTBOX_PAGE=false
step "starting web (http://localhost:3000), worker and social sandbox"
procs=("npx next start -p 3000" "npm run --silent worker")
names="web,worker"
if [ -f src/sandbox/main.ts ]; then
  # The worker sends mail to the sandbox's SMTP catcher (SANDBOX_SMTP_PORT, loopback only).
  procs[1]="SMTP_URL=smtp://127.0.0.1:4025 npm run --silent worker"
  step "mail (invitations, password resets) arrives at http://127.0.0.1:4010/__mail (this machine only)"
  # demo-checkins.ts waits for the sandbox and the app, links Swarm accounts to a few demo
  # customers and points the sandbox's Foursquare pushes at the app, then exits.
  procs+=("npm run --silent sandbox" "npx tsx scripts/demo-checkins.ts")
  names="$names,sandbox,check-ins"
fi
exec npx concurrently --kill-others-on-fail --names "$names" --prefix-colors "cyan,magenta,yellow,green" "${procs[@]}"
