// Used by scripts/lib.sh: is anything answering at the host and port of DATABASE_URL and
// REDIS_URL, as the app will read them (the environment first, then .env, then .env.example's
// defaults)? Plain Node so that it runs before anything is compiled. Exit 1 names what is down.
import { existsSync } from "node:fs";
import { connect } from "node:net";

if (existsSync(".env")) process.loadEnvFile(".env");

const services = [
  { name: "PostgreSQL", variable: "DATABASE_URL", fallback: "postgresql://postgres@127.0.0.1:5432/megaphone", port: 5432 },
  { name: "Redis", variable: "REDIS_URL", fallback: "redis://127.0.0.1:6379/0", port: 6379 },
];

function answers(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3_000 });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.on("connect", () => done(true));
    socket.on("timeout", () => done(false));
    socket.on("error", () => done(false));
  });
}

let ok = true;
for (const service of services) {
  const raw = process.env[service.variable] || service.fallback;
  // A Redis Cluster (redis+cluster://host:port,host:port,…) lists several nodes: the first must answer.
  let url;
  try {
    url = new URL(raw.split(",")[0].trim());
  } catch {
    console.error(`${service.variable} is not a URL: ${raw}`);
    ok = false;
    continue;
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1") || "127.0.0.1";
  const port = Number(url.port || service.port);
  if (!(await answers(host, port))) {
    console.error(`${service.name} is not answering on ${host}:${port} (${service.variable}) — start it (see README: Services).`);
    ok = false;
  }
}
process.exit(ok ? 0 : 1);
