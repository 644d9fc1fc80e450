import { describe, expect, it } from "vitest";
import { submittedValues } from "../../src/server/http/action-state";

describe("submitted values handed back to a refused form", () => {
  it("keeps repeated fields as lists and never returns passwords or Next's internal fields", () => {
    const form = new FormData();
    form.append("displayName", "Ada");
    form.append("emails", "a@x.test");
    form.append("emails", "b@x.test");
    form.append("password", "hunter2hunter2");
    form.append("bearerToken", "AAAA");
    form.append("$ACTION_ID_abc", "");
    expect(submittedValues(form)).toEqual({ displayName: "Ada", emails: ["a@x.test", "b@x.test"] });
  });
});
