import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, openSync } from "node:fs";

/**
 * The built app under `next start` on loopback for an HTTP bench: builds it first if there is no
 * build, refuses a taken port, writes the app's log to `.tmp/<logName>`, stops the app whenever
 * the bench ends, and resolves once the health route answers. `nodeArgs` go to node (e.g. a CPU profile).
 */
export async function startBenchApp(port: number, logName: string, nodeArgs: string[] = []): Promise<{ server: ChildProcess; log: string }> {
  const app = `http://127.0.0.1:${port}`;
  if (!existsSync(".next/BUILD_ID")) {
    console.log("no build yet: npx next build");
    await new Promise<void>((resolve, reject) =>
      spawn("npx", ["next", "build"], { stdio: "inherit" }).on("exit", (code) => (code === 0 ? resolve() : reject(new Error("build failed")))),
    );
  }
  const answers = () =>
    fetch(`${app}/api/v1/health`)
      .then((r) => r.ok)
      .catch(() => false);
  if (
    await fetch(`${app}/api/v1/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${port} is taken (an earlier run's app?): stop it first`);
  const log = `.tmp/${logName}`;
  mkdirSync(".tmp", { recursive: true });
  const server = spawn(process.execPath, [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", openSync(log, "w"), "inherit"],
    detached: true,
  });
  // The app goes with the bench, however the bench ends.
  process.on("exit", () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  });
  for (let i = 0; !(await answers()); i++) {
    if (i > 120) throw new Error("the app did not start");
    await new Promise((r) => setTimeout(r, 1000));
  }
  return { server, log };
}
