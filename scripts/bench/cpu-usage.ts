import { existsSync, readdirSync, readFileSync } from "node:fs";

// CPU seconds spent so far by processes, from Linux /proc (user + system). Benches take one reading
// before and one after a phase and divide by the work done, so the figure is a cost per unit that
// a busy machine slows down less than it slows wall-clock throughput. Null off Linux.

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat {
  ppid: number;
  seconds: number;
}

function readStat(pid: number | string): ProcStat | null {
  try {
    // The command name may hold spaces and parentheses: fields start after the last ") ".
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
      .replace(/^.*\) /s, "")
      .split(" ");
    return { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

function pids(): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

export const cpuAvailable = () => existsSync("/proc/self/stat");

/** CPU seconds of one process (its own threads; children not included). */
export function cpuOfProcess(pid: number | "self"): number {
  return readStat(pid)?.seconds ?? 0;
}

/** CPU seconds of a process and every live descendant (npx → node next-server, for example). */
export function cpuOfTree(rootPid: number): number {
  const stats = new Map<number, ProcStat>();
  for (const pid of pids()) {
    const stat = readStat(pid);
    if (stat) stats.set(pid, stat);
  }
  let sum = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop()!;
    sum += stats.get(pid)?.seconds ?? 0;
    for (const [child, stat] of stats) if (stat.ppid === pid) queue.push(child);
  }
  return sum;
}

/**
 * CPU seconds of the live processes named `comm` whose command line contains `title` (a Postgres
 * backend carries its database's name there, so other databases' work is left out).
 */
export function cpuOfNamed(comm: string, title?: string): number {
  let sum = 0;
  for (const pid of pids()) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== comm) continue;
      if (title && !readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(title)) continue;
      sum += readStat(pid)?.seconds ?? 0;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return sum;
}
