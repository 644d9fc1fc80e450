import { expect } from "vitest";

export type ConsentDecision = { approveAs: string; scopes?: string } | "deny";

/**
 * The sandbox's X consent page answered like a browser would (approve as a username, optionally
 * granting fewer scopes than asked, or deny): the query X sends back to the callback.
 */
export async function answerXConsent(sandboxUrl: string, authorizeUrl: string, decision: ConsentDecision) {
  const params = Object.fromEntries(new URL(authorizeUrl).searchParams);
  const body =
    decision === "deny"
      ? { ...params, decision: "deny" }
      : { ...params, ...(decision.scopes ? { scope: decision.scopes } : {}), decision: "approve", username: decision.approveAs };
  const res = await fetch(`${sandboxUrl}/i/oauth2/authorize`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeGreaterThanOrEqual(300);
  const back = new URL(res.headers.get("location")!);
  const get = (k: string) => back.searchParams.get(k) ?? undefined;
  return { state: get("state"), code: get("code"), error: get("error") };
}
