import { describe, expect, it } from "vitest";
import { defaultFeedbackPost } from "../../../src/server/modules/feedback/feedback-share";
import { ZFeedbackAnswer, ZFeedbackShare } from "../../../src/server/modules/feedback/feedback.schemas";
import { npsClassOf } from "../../../src/server/modules/feedback/nps-class";

describe("NPS classes", () => {
  it("0–6 detractor, 7–8 passive, 9–10 promoter", () => {
    expect(Array.from({ length: 11 }, (_, s) => npsClassOf(s))).toEqual([...Array<string>(7).fill("DETRACTOR"), "PASSIVE", "PASSIVE", "PROMOTER", "PROMOTER"]);
  });

  it("refuses anything but a whole 0–10 score", () => {
    for (const bad of [-1, 11, 7.5, Number.NaN]) expect(() => npsClassOf(bad)).toThrow(RangeError);
  });
});

describe("feedback input", () => {
  it("reads a form's score as a number, and an empty one as no answer (not 0)", () => {
    expect(ZFeedbackAnswer.parse({ score: "0", comment: "", locationId: "" })).toEqual({ score: 0, comment: null, locationId: null });
    expect(ZFeedbackAnswer.safeParse({ score: "", comment: "", locationId: "" }).success).toBe(false);
    expect(ZFeedbackAnswer.safeParse({ score: " " }).success).toBe(false);
  });

  it("posts only http(s) links and no control characters", () => {
    const id = `fbk_${"a".repeat(32)}`;
    expect(ZFeedbackShare.safeParse({ responseId: id, text: "see https://example.com/x" }).success).toBe(true);
    for (const text of ["javascript:alert(1)", "ftp://x.test/a", "data:text/html,hi", "a\u0007b", "   "]) {
      expect(ZFeedbackShare.safeParse({ responseId: id, text }).success, text).toBe(false);
    }
  });

  it("the ready-made post names the brand as text and stays within X's 280 characters for any name", () => {
    expect(defaultFeedbackPost("Tasti <b>D-Lite</b>", 10)).toBe(
      "I'd give Tasti <b>D-Lite</b> a 10 out of 10. If you haven't tried Tasti <b>D-Lite</b> yet, you should!",
    );
    expect([...defaultFeedbackPost("é".repeat(500), 9)].length).toBeLessThanOrEqual(280);
  });
});
