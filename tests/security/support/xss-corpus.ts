/**
 * Hostile text as it arrives from social networks, imports and staff: each payload, if it ever
 * runs, calls `xss(n)` (a recorder the XSS spec installs before any page script) or `alert(n)`
 * (caught by the dialog trap). Every payload fits in 100 characters, the shortest name limit
 * (segments, campaigns, rules), so each can be stored in every field it is tried in.
 *
 * Grouped by the trick: plain markup, event handlers, URL schemes, SVG/MathML, breaking out of
 * attributes and raw-text elements (script, title, textarea, style), template and React/RSC
 * shapes, bidi and line-separator characters.
 */
export const XSS_PAYLOADS: readonly string[] = [
  // markup and event handlers
  "<script>xss(1)</script>",
  "<img src=x onerror=xss(2)>",
  "<svg onload=xss(3)>",
  "<svg><script>xss(4)</script></svg>",
  "<body onload=xss(5)>",
  "<details open ontoggle=xss(6)>",
  "<video><source onerror=xss(7)></video>",
  "<input autofocus onfocus=xss(8)>",
  "<marquee onstart=xss(9)>",
  "<img src=x onerror=alert(10)>",
  "<scr<script>ipt>xss(11)</scr</script>ipt>",
  "<img src=x onerror=&#x78;&#x73;&#x73;(12)>",
  // URL schemes, as text and inside markup
  "javascript:xss(13)",
  "JaVaScRiPt:alert(14)",
  "jav&#x09;ascript:xss(15)",
  "data:text/html,<script>xss(16)</script>",
  "data:text/html;base64,PHNjcmlwdD54c3MoMTcpPC9zY3JpcHQ+",
  '<a href="javascript:xss(18)">click me</a>',
  '<iframe src="javascript:xss(19)"></iframe>',
  '<iframe srcdoc="<script>parent.xss(20)</script>"></iframe>',
  '<object data="javascript:xss(21)"></object>',
  "<form><button formaction=javascript:xss(22)>go</button></form>",
  '<base href="javascript:xss(23)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:xss(24)">',
  // SVG / MathML / mutation XSS
  '<svg><a xlink:href="javascript:xss(25)"><text y="20">x</text></a></svg>',
  "<math><mtext><table><mglyph><style><img src=x onerror=xss(26)>",
  '<noscript><p title="</noscript><img src=x onerror=xss(27)>">',
  // breaking out of attributes and raw-text elements
  '"><script>xss(28)</script>',
  "'><img src=x onerror=xss(29)>",
  '" onmouseover="xss(30)" x="',
  "' onfocus='xss(31)' autofocus='",
  "</script><script>xss(32)</script>",
  "</title><script>xss(33)</script>",
  "</textarea><script>xss(34)</script>",
  "</style><script>xss(35)</script>",
  // template literals, template engines, React and RSC shapes
  "${xss(36)}",
  "{{constructor.constructor('xss(37)')()}}",
  '{"__html":"<img src=x onerror=xss(38)>"}',
  '{"$$typeof":"react.element","type":"img","props":{"onError":"xss(39)"}}',
  "$@1:xss(40) $Q $F $1",
  // bidi override and JavaScript line terminators
  "\u202Egnp.exe<img src=x onerror=xss(41)>",
  "\u2028\u2029<img src=x onerror=xss(42)>",
];

/** A very long string with a payload at the end (mention text, customer notes, failure messages). */
export const LONG_PAYLOAD = `${"Really long social text ".repeat(400)}<img src=x onerror=xss(99)>`;

/** Names the spec looks for in the page as text. */
export const MARKER = "xss(";
