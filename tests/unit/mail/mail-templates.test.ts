import { describe, expect, it } from "vitest";
import { escapeHtml, html, safeColour, safeHref } from "../../../src/server/modules/mail/templates/html";
import { renderMail, link, p } from "../../../src/server/modules/mail/templates/mail-template";
import { portalSignInMail } from "../../../src/server/modules/mail/templates/portal-mail";

describe("mail templates", () => {
  it("escapes every interpolated value in the HTML body and keeps the text body as typed", () => {
    const brand = `Bad <script>alert(1)</script> & "Co"`;
    const mail = portalSignInMail({ brand: { name: brand, colour: `red;background:url(x)` }, link: "https://app.test/r/x/sign-in/tok", code: "12345678" });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("Bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;");
    expect(mail.html).not.toContain("url(x)");
    expect(mail.text).toContain(`Sign in to ${brand} rewards: https://app.test/r/x/sign-in/tok`);
    expect(mail.text).toContain("Or enter this code on the sign-in page: 12345678");
    expect(mail.html).toContain(`href="https://app.test/r/x/sign-in/tok"`);
  });

  it("puts no CR/LF in the subject", () => {
    const mail = renderMail({ sender: { name: "X" }, subject: "Hello\r\nBcc: a@b.test\u2028x", blocks: [p("hi")] });
    expect(mail.subject).toBe("Hello Bcc: a@b.test x");
  });

  it("allows http(s) links only", () => {
    expect(() => link("x", "javascript:alert(1)")).toThrow(/http/);
    expect(() => safeHref("data:text/html,hi")).toThrow(/http/);
    expect(safeHref("https://a.test/x?y=1&z=2")).toBe("https://a.test/x?y=1&z=2");
    expect(html`<a href="${"https://a.test/?a=1&b=2"}"></a>`.value).toBe(`<a href="https://a.test/?a=1&amp;b=2"></a>`);
  });

  it("takes a brand colour only as #rrggbb", () => {
    expect(safeColour("#12abEF")).toBe("#12abEF");
    expect(safeColour("red;x")).toBe("#4f46e5");
    expect(escapeHtml(`'<>&"`)).toBe("&#39;&lt;&gt;&amp;&quot;");
  });
});
