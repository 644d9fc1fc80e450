/**
 * Under `npm run worker` the worker is npm's child: a supervisor that `kill -9`s npm would leave
 * it running, and a restart would then give two workers. So when started with --exit-with-parent
 * (the npm scripts pass it), the worker watches its parent and shuts down gracefully once it has
 * been orphaned. Started any other way (`node dist/workers/main.mjs` under a supervisor, a test,
 * a detached shell) it never does.
 */
export function exitWithParent(shutdown: (reason: string) => void, everyMs = 500): void {
  if (!process.argv.includes("--exit-with-parent")) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      shutdown("parent exited");
    }
  }, everyMs);
  timer.unref();
}
