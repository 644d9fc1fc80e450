import { describe, expect, it } from "vitest";
import { sniffImageType } from "../../../src/server/storage/image-type";
import { GIF_1X1, HTML_PAGE, JPEG_HEAD, pngBytes, SVG_WITH_SCRIPT, WEBP_HEAD } from "../../integration/support/test-images";

const text = (s: string) => new TextEncoder().encode(s);

describe("image type sniffing (by bytes only)", () => {
  it("recognises PNG, JPEG, GIF and WebP with their content type and extension", () => {
    expect(sniffImageType(pngBytes(2, 2))).toEqual({ contentType: "image/png", extension: "png" });
    expect(sniffImageType(JPEG_HEAD)).toEqual({ contentType: "image/jpeg", extension: "jpg" });
    expect(sniffImageType(GIF_1X1)).toEqual({ contentType: "image/gif", extension: "gif" });
    expect(sniffImageType(WEBP_HEAD)).toEqual({ contentType: "image/webp", extension: "webp" });
  });

  it("refuses SVG in every spelling, HTML, and other files whatever they are named", () => {
    const refused = [
      SVG_WITH_SCRIPT,
      text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      text('\uFEFF<svg onload="alert(1)"/>'),
      text('  \n<?xml version="1.0"?><!DOCTYPE svg><svg/>'),
      HTML_PAGE,
      text("<html><img src=x onerror=alert(1)></html>"),
      text("%PDF-1.7\n"),
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), // zip
      text("RIFF\x24\x00\x00\x00WAVEfmt "), // RIFF, but audio
      new Uint8Array(0),
    ];
    for (const bytes of refused) expect(sniffImageType(bytes), new TextDecoder().decode(bytes).slice(0, 30)).toBeNull();
  });

  it("refuses a bare or truncated signature: a PNG needs its IHDR, a GIF its screen descriptor, a WebP its VP8 chunk", () => {
    expect(sniffImageType(pngBytes(1, 1).slice(0, 8))).toBeNull();
    expect(sniffImageType(pngBytes(1, 1).slice(0, 15))).toBeNull();
    expect(sniffImageType(GIF_1X1.slice(0, 6))).toBeNull();
    expect(sniffImageType(WEBP_HEAD.slice(0, 12))).toBeNull();
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull();
  });
});
