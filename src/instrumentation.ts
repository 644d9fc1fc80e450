// Runs once when the Next server starts: a missing or malformed variable stops the web app at
// boot with the variable's name, as it does the worker.
export async function register() {
  // NEXT_RUNTIME is set by Next itself (not configuration), so it is read here directly.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getEnv } = await import("./server/env");
    try {
      getEnv();
    } catch (error) {
      console.error((error as Error).message);
      process.exit(1);
    }
    const { installPeerAddressStamp } = await import("./server/http/peer-address");
    installPeerAddressStamp();
  }
}
