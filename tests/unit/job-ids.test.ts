import { describe, expect, it } from "vitest";
import { toJobId } from "../../src/server/jobs/queues";

describe("job ids", () => {
  it("never contain the colon BullMQ reserves", () => {
    expect(toJobId("mail:invite:inv_1")).toBe("mail|invite|inv_1");
    expect(toJobId("plain")).toBe("plain");
  });
});
