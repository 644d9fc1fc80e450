import { expect } from "@playwright/test";
import { E2E_SANDBOX_URL } from "../../../playwright.config";

/** The e2e server's social sandbox, driven as its admin: X users and posts, and the mail it caught. */
async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${E2E_SANDBOX_URL}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function createXUser(username: string, followers: number): Promise<{ id: string }> {
  return admin("POST", "/__admin/users", { username, followers_count: followers });
}

export async function postOnX(author: string, text: string): Promise<{ id: string }> {
  return admin("POST", "/__admin/posts", { author, text });
}

interface CaughtMail {
  subject: string;
  text: string;
  envelope: { to: string[] };
}

/** Waits for the newest mail the sandbox caught for `to` whose subject matches, and returns it. */
export async function waitForMail(to: string, subject: RegExp, timeout = 60_000): Promise<CaughtMail> {
  let found: CaughtMail | undefined;
  await expect
    .poll(
      async () => {
        const { messages } = await admin<{ messages: CaughtMail[] }>("GET", "/__admin/mail");
        found = messages.find((m) => m.envelope.to.includes(to.toLowerCase()) && subject.test(m.subject));
        return found !== undefined;
      },
      { timeout, message: `a mail to ${to} with subject ${subject}` },
    )
    .toBe(true);
  return found!;
}

/** A post as the sandbox holds it: a reply's parent and author, for checking what was posted at the network. */
export async function xPost(id: string): Promise<{ kind: string; ref_id: string; author_username: string; text: string }> {
  return admin("GET", `/__admin/posts/${id}`);
}
