import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";

/**
 * A throwaway Redis Cluster on this machine: `masters` redis-server processes with
 * --cluster-enabled yes, no persistence, in a temp dir, joined by `redis-cli --cluster create`.
 * Every port (client and cluster bus) is chosen free by the OS at start, so parallel checkouts
 * and other test files never collide. `stop()` kills the processes and removes the dir; they are
 * also killed if this process exits without calling it.
 */
export interface LocalRedisCluster {
  /** REDIS_URL for the app: redis+cluster://127.0.0.1:p1,127.0.0.1:p2,… */
  url: string;
  ports: number[];
  /** A plain client on one node, for inspecting that node (keys, CLUSTER commands). */
  node(port: number): Redis;
  stop(): Promise<void>;
}

const run = promisify(execFile);

/** `count` distinct ports the OS reports free, all held open together so none repeats. */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
      });
      servers.push(server);
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

/** Resolves once the server logs that it accepts connections; rejects with its output if it exits first. */
function startNode(dir: string, port: number, busPort: number): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--cluster-port",
      String(busPort),
      "--bind",
      "127.0.0.1",
      "--cluster-enabled",
      "yes",
      "--cluster-config-file",
      join(dir, `nodes-${port}.conf`),
      "--cluster-node-timeout",
      "5000",
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      "no",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    // The whole output so far is searched: the line may arrive split across chunks.
    const collect = (d: Buffer) => {
      output += d.toString();
      if (output.includes("Ready to accept connections")) resolve();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("error", (error) => reject(new Error(`redis-server could not start (is it installed? apt-get install redis-server): ${error.message}`)));
    child.once("exit", (code, signal) => reject(new Error(`redis-server on port ${port} exited (${code ?? signal}):\n${output}`)));
  });
  return { child, ready };
}

async function clusterInfo(client: Redis): Promise<Record<string, string>> {
  const text = (await client.call("CLUSTER", "INFO")) as string;
  return Object.fromEntries(
    text
      .split(/\r?\n/)
      .filter(Boolean)
      .map((line) => line.split(":") as [string, string]),
  );
}

export async function startLocalRedisCluster(masters = 3): Promise<LocalRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), "megaphone-redis-cluster-"));
  const children: ChildProcess[] = [];
  const clients = new Map<number, Redis>();
  const killAll = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  process.once("exit", killAll);

  const stop = async () => {
    process.removeListener("exit", killAll);
    for (const client of clients.values()) client.disconnect();
    clients.clear();
    const exits = children.map((child) =>
      child.exitCode === null && child.signalCode === null ? new Promise((resolve) => child.once("exit", resolve)) : Promise.resolve(),
    );
    killAll();
    await Promise.all(exits);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const all = await freePorts(masters * 2);
    const ports = all.slice(0, masters);
    const nodes = ports.map((port, i) => startNode(dir, port, all[masters + i]!));
    children.push(...nodes.map((n) => n.child));
    await Promise.all(nodes.map((n) => n.ready));

    const node = (port: number) => {
      let client = clients.get(port);
      if (!client) {
        client = new Redis({ host: "127.0.0.1", port, lazyConnect: false, maxRetriesPerRequest: 3 });
        clients.set(port, client);
      }
      return client;
    };

    // Assigns the 16 384 slots across the masters and makes them meet; returns once the
    // configuration is consistent, but each node may report cluster_state:ok a little later.
    await run("redis-cli", ["--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", "0", "--cluster-yes"]);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const infos = await Promise.all(ports.map((p) => clusterInfo(node(p))));
      const ok = infos.every((i) => i.cluster_state === "ok" && i.cluster_slots_ok === "16384" && i.cluster_known_nodes === String(masters));
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`the cluster never reached cluster_state:ok: ${JSON.stringify(infos)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return { url: `redis+cluster://${ports.map((p) => `127.0.0.1:${p}`).join(",")}`, ports, node, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
