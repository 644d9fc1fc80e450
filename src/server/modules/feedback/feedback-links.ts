import QRCode from "qrcode";

/** The portal's feedback form, optionally for one location: the link staff print. */
export function feedbackPath(tenantSlug: string, locationId: string | null): string {
  return `/r/${encodeURIComponent(tenantSlug)}/feedback${locationId ? `?at=${encodeURIComponent(locationId)}` : ""}`;
}

/** The QR code of a link as an SVG data URL (the CSP allows data: images), drawn by the `qrcode` package. */
export async function qrCodeDataUrl(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}
