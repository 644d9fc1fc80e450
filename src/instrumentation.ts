// Runs once when the Next server starts: a missing or malformed variable stops the web app at
// boot with the variable's name, as it does the worker.
export async function register() {
  // NEXT_RUNTIME is set by Next itself (not configuration), so it is read here directly.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: `next start` already accepts connections while this runs, and every request
    // emitted before the stamp is in has no known peer (see peer-address.ts).
    const { installPeerAddressStamp } = await import("./server/http/peer-address");
    installPeerAddressStamp();
    const { getEnv } = await import("./server/env");
    try {
      getEnv();
    } catch (error) {
      console.error((error as Error).message);
      process.exit(1);
    }
  }
}
