import { execFileSync, spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Every descendant of a process (children first found, then theirs), by pgrep -P. */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("npm run worker", () => {
  it("is one process under npm, and a kill -9 of npm leaves no worker behind", async () => {
    const npm = spawn("npm", ["run", "--silent", "worker"], { env: { ...process.env, LOG_LEVEL: "info" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    npm.stdout.on("data", (d) => (output += d));
    npm.stderr.on("data", (d) => (output += d));
    let npmExited = false;
    npm.once("exit", () => (npmExited = true));
    // Waits for the condition itself: a cold start of the worker under tsx passed 20 s on a loaded
    // machine, so only the test's own timeout bounds it. `failIf` ends the wait at once.
    const until = async (done: () => boolean, what: string, failIf: () => boolean = () => false) => {
      while (!done()) {
        if (failIf()) throw new Error(`${what}:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    let tree: number[] = [];
    try {
      await until(
        () => output.includes("worker started"),
        "npm exited before the worker started",
        () => npmExited,
      );
      tree = descendants(npm.pid!);
      // npm → node: no shell, no tsx CLI in between that a supervisor's kill would miss.
      expect(tree).toHaveLength(1);
      npm.kill("SIGKILL");
      await until(() => tree.every((pid) => !alive(pid)), "the worker outlived npm");
      expect(output).toContain("worker stopped");
    } finally {
      // Also when the start failed: an npm left running keeps its worker alive (its parent is
      // alive), and that worker would take later files' jobs from the suite's Redis.
      if (tree.length === 0) tree = descendants(npm.pid!);
      if (alive(npm.pid!)) npm.kill("SIGKILL");
      for (const pid of tree.filter(alive)) process.kill(pid, "SIGKILL");
    }
  }, 60_000);
});
