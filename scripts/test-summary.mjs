// Adds up the JSON reports of every tier into one closing line: "N passed, N failed", with each
// tier's wall duration. Durations come from scripts/test.sh's durations.txt (the tier's command
// from start to exit, setup included); without it, from the report itself (vitest: first file's
// start to last file's end; Playwright: its own run duration).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];

/** tier → seconds, from "<tier> <start> <end>" lines. */
function measuredDurations() {
  const file = join(dir, "durations.txt");
  if (!existsSync(file)) return new Map();
  const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
  return new Map(
    lines.map((line) => {
      const [tier, start, end] = line.trim().split(/\s+/);
      return [tier, Number(end) - Number(start)];
    }),
  );
}

function reportedSeconds(report) {
  if (report.stats) return report.stats.duration / 1000;
  const ends = (report.testResults ?? []).map((r) => r.endTime).filter(Number.isFinite);
  return ends.length && report.startTime ? (Math.max(...ends) - report.startTime) / 1000 : undefined;
}

function formatSeconds(seconds) {
  if (seconds === undefined || !Number.isFinite(seconds)) return "?";
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
}

const measured = measuredDurations();
let passed = 0;
let failed = 0;
let skipped = 0;
let total = 0;
const perTier = [];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()) {
  const tier = file.replace(".json", "");
  const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
  let p, f, s;
  if (report.stats) {
    // Playwright
    p = report.stats.expected + report.stats.flaky;
    f = report.stats.unexpected;
    s = report.stats.skipped;
  } else {
    // Vitest
    p = report.numPassedTests;
    f = report.numFailedTests;
    s = report.numPendingTests + report.numTodoTests;
  }
  const seconds = measured.get(tier) ?? reportedSeconds(report);
  console.log(`${tier.padEnd(12)} ${p} passed, ${f} failed${s ? `, ${s} skipped` : ""}  (${formatSeconds(seconds)})`);
  passed += p;
  failed += f;
  skipped += s;
  if (seconds !== undefined) total += seconds;
  perTier.push(`${tier} ${formatSeconds(seconds)}`);
}
// Steps without a report of their own (lint, typecheck, build) count in the wall time too.
for (const [step, seconds] of measured) {
  if (!perTier.some((t) => t.startsWith(`${step} `))) {
    console.log(`${step.padEnd(12)} (${formatSeconds(seconds)})`);
    total += seconds;
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""} — ${perTier.join(", ")}; ${formatSeconds(total)} in all`);
process.exit(failed > 0 ? 1 : 0);
