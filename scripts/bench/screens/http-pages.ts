/*
 * The HTTP side of bench:screens: a staff member signs in through next-auth's credentials flow
 * (as a browser does: CSRF token, then the callback), then each screen is fetched whole (server
 * rendering, guard, data calls, HTML to the last byte), one request at a time.
 */

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Signs in and answers the Cookie header of the session; throws when no session came back. */
export async function signInCookie(url: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfResponse);
  const signIn = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: url },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  await signIn.arrayBuffer();
  const session = cookiesOf(signIn).filter((c) => c.includes("session-token"));
  if (session.length === 0) throw new Error(`sign-in gave no session (HTTP ${signIn.status})`);
  return [...jar, ...session].join("; ");
}

/** GETs `path` `warmup` times unmeasured, then `runs` times, each to the last byte; answers the timed ones (ms). */
export async function timePage(url: string, path: string, cookie: string, runs: number, warmup: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const start = performance.now();
    const response = await fetch(`${url}${path}`, { headers: { cookie }, redirect: "manual" });
    await response.arrayBuffer();
    const ms = performance.now() - start;
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: the page did not render for the signed-in member`);
    if (i >= warmup) times.push(ms);
  }
  return times;
}
