import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type pg from "pg";
import { getPgPool } from "../../../src/server/db/client";

/*
 * The plans of the statements the screens really run, captured by Postgres itself: auto_explain
 * (ANALYZE, BUFFERS) on every connection of the app's own pool, reporting each plan to the client
 * as a NOTICE. Nothing is re-typed here, so a plan is the plan of the data layer's statement as
 * it stands, Prisma's generated SQL included. It adds instrumentation overhead, so it runs after
 * the timed runs, never during them.
 */

const AUTO_EXPLAIN = [
  `LOAD 'auto_explain'`,
  `SET auto_explain.log_min_duration = 0`,
  `SET auto_explain.log_analyze = on`,
  `SET auto_explain.log_buffers = on`,
  `SET auto_explain.log_timing = on`,
  `SET auto_explain.log_format = 'text'`,
  `SET auto_explain.log_level = 'notice'`,
].join("; ");

export interface CapturedPlan {
  ms: number;
  query: string;
  plan: string[];
}

let sink: string[] | null = null;

/** Call before the pool's first query: every connection it opens explains what it runs. */
export function explainEveryStatement(): void {
  getPgPool().on("connect", (client: pg.PoolClient) => {
    client.on("notice", (notice) => sink?.push(notice.message ?? ""));
    // Queued before anything the pool's borrower sends on this connection.
    client.query(AUTO_EXPLAIN).catch((error: unknown) => console.error("auto_explain could not be loaded", error));
  });
}

const QUERY_CHARS = 400;
const PLAN_LINES = 45;

function parse(message: string): CapturedPlan | null {
  const match = /^duration: ([\d.]+) ms\s+plan:\n([\s\S]*)$/.exec(message);
  if (!match) return null;
  const lines = match[2]!.split("\n");
  const textAt = lines.findIndex((l) => l.startsWith("Query Text:"));
  // The query text runs up to the first plan line (a node name at column 0).
  const planAt = lines.findIndex((l, i) => i > textAt && /^[A-Z]/.test(l) && !l.startsWith("Query Text:"));
  const query = lines
    .slice(textAt, planAt)
    .join(" ")
    .replace(/^Query Text:\s*/, "")
    .replace(/\s+/g, " ")
    .trim();
  const plan = lines.slice(planAt).filter((l) => l.trim() !== "");
  return {
    ms: Number(match[1]),
    query: query.length > QUERY_CHARS ? `${query.slice(0, QUERY_CHARS)}…` : query,
    plan: plan.length > PLAN_LINES ? [...plan.slice(0, PLAN_LINES), `… (${plan.length - PLAN_LINES} more lines)`] : plan,
  };
}

/** Runs `work` once and answers the plans of the statements it ran, slowest first. */
export async function capturePlans(work: () => Promise<unknown>): Promise<CapturedPlan[]> {
  sink = [];
  // A statement's notice arrives before its result, so every plan is in once `work` resolves.
  await work();
  const messages = sink;
  sink = null;
  return messages
    .map(parse)
    .filter((p): p is CapturedPlan => p !== null)
    .sort((a, b) => b.ms - a.ms);
}

const START = "<!-- bench:screens plans start -->";
const END = "<!-- bench:screens plans end -->";

/** Plans shown whole per screen (its slowest statements); the rest are listed by time and text. */
const FULL_PLANS = 4;
const quoted = (query: string) => `\`${query.replace(/`/g, "'")}\``;

function section(title: string, plans: CapturedPlan[]): string[] {
  const rest = plans.slice(FULL_PLANS);
  return [
    `### ${title}`,
    "",
    `${plans.length} statements; total ${plans.reduce((sum, p) => sum + p.ms, 0).toFixed(1)} ms under EXPLAIN ANALYZE (executor time, no round trips).`,
    "",
    ...plans.slice(0, FULL_PLANS).flatMap((p) => [`${p.ms.toFixed(2)} ms: ${quoted(p.query)}`, "", "```", ...p.plan, "```", ""]),
    ...(rest.length ? ["The other statements:", "", ...rest.map((p) => `- ${p.ms.toFixed(2)} ms: ${quoted(p.query.slice(0, 160))}`), ""] : []),
  ];
}

/** Writes the plans into the document between its markers (appended with them when missing). */
export function writePlans(path: string, header: string, sections: { title: string; plans: CapturedPlan[] }[]): void {
  const body = [START, header, "", ...sections.flatMap((s) => section(s.title, s.plans)), END].join("\n");
  const doc = existsSync(path) ? readFileSync(path, "utf8") : "";
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  const next = from >= 0 && to > from ? `${doc.slice(0, from)}${body}${doc.slice(to + END.length)}` : `${doc.trimEnd()}\n\n${body}\n`;
  writeFileSync(path, next);
}
