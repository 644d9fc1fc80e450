import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { PASSWORD, signIn, signUp } from "../e2e/support/session";

// Against `next start`: the client's X-Forwarded-For is not believed (TRUSTED_PROXIES is empty
// in the e2e tier), so rotating it gives no fresh guesses. LOGIN_MAX_FAILURES is 10 there.
const MAX_FAILURES = 10;

/** One credentials sign-in through next-auth's own endpoints, as a script would send it. */
async function attempt(request: APIRequestContext, email: string, password: string, forwardedFor: string): Promise<string> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    headers: { "x-forwarded-for": forwardedFor, "x-real-ip": forwardedFor },
    form: { csrfToken, email, password, callbackUrl: "/", json: "true" },
    maxRedirects: 0,
  });
  const { url } = (await response.json()) as { url: string };
  return new URL(url).searchParams.get("error") ?? "none";
}

test("rotating X-Forwarded-For does not escape the sign-in lock", async ({ request }) => {
  const email = `nobody-${randomUUID().slice(0, 8)}@e2e.test`;
  for (let i = 1; i <= MAX_FAILURES; i++) {
    expect(await attempt(request, email, `guess number ${i}`, `203.0.113.${i}`)).toBe("CredentialsSignin");
  }
  expect(await attempt(request, email, "guess number 11", "198.51.100.11")).toBe("RATE_LIMITED");
  expect(await attempt(request, email, "guess number 12", "198.51.100.12, 10.0.0.1")).toBe("RATE_LIMITED");
});

test("after guesses with rotating X-Forwarded-For, the owner's right password waits for the window too", async ({ page, request }) => {
  const account = await signUp(page, "Locked");
  await page.context().clearCookies();
  for (let i = 1; i <= MAX_FAILURES; i++) {
    expect(await attempt(request, account.email, `guess number ${i}`, `203.0.113.${100 + i}`)).toBe("CredentialsSignin");
  }
  await signIn(page, account.email, PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed attempts" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});
