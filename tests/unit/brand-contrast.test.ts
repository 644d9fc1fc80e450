import { describe, expect, it } from "vitest";
import { AA_NORMAL_TEXT, contrastRatio, readableTextColor } from "../../src/server/modules/tenants/brand-contrast";
import { ZBrandColor, ZBrandColorUpdate } from "../../src/server/modules/tenants/brand-appearance.schemas";
import { brandThemeCss, brandThemeHref } from "../../src/server/modules/tenants/brand-theme-css";

describe("brand colour contrast (WCAG 2.x)", () => {
  it("matches known ratios", () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
  });

  it("picks white on dark colours and black on light ones", () => {
    expect(readableTextColor("#1d4ed8")).toBe("#ffffff");
    expect(readableTextColor("#c84310")).toBe("#ffffff");
    expect(readableTextColor("#ffff00")).toBe("#000000");
    expect(readableTextColor("#ffffff")).toBe("#000000");
  });

  it("keeps AA contrast for normal text on every colour of a 4,096-step grid", () => {
    const steps = Array.from({ length: 16 }, (_, i) => (i * 17).toString(16).padStart(2, "0"));
    let worst = Infinity;
    for (const r of steps)
      for (const g of steps)
        for (const b of steps) {
          const background = `#${r}${g}${b}`;
          worst = Math.min(worst, contrastRatio(background, readableTextColor(background)));
        }
    expect(worst).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
  });

  it("accepts #rgb and #rrggbb in any case, stores lower-case #rrggbb, and refuses anything else", () => {
    expect(ZBrandColor.parse(" #1D4ED8 ")).toBe("#1d4ed8");
    expect(ZBrandColor.parse("#AbC")).toBe("#aabbcc");
    expect(ZBrandColorUpdate.parse({ brandColor: "" })).toEqual({ brandColor: null });
    for (const bad of ["1d4ed8", "#1d4ed", "#1d4ed8ff", "red", "#ggg", "#fff;background:url(x)", "rgb(0,0,0)", "#1d4ed8\n}"]) {
      expect(ZBrandColor.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("writes a colour's stylesheet from its file name only, and nothing for any other name", () => {
    expect(brandThemeHref("#1D4ED8")).toBe("/brand-theme/1d4ed8.css");
    expect(brandThemeCss("1d4ed8.css")).toBe("[data-brand-theme]{--brand-color:#1d4ed8;--brand-text:#ffffff}\n");
    expect(brandThemeCss("fde047.css")).toBe("[data-brand-theme]{--brand-color:#fde047;--brand-text:#000000}\n");
    for (const bad of ["1D4ED8.css", "1d4ed8", "fff.css", "1d4ed8.css;}", "1d4ed8}body{x:y}.css", "../x.css", ""]) expect(brandThemeCss(bad), bad).toBeNull();
  });
});
