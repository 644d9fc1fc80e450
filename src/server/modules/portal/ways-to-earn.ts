import type { InfluenceCurve, Network, RuleAction, SourceKind } from "../../db/generated/enums";

/** What the customer portal's "Ways to earn" page needs from a brand, read by loadWaysToEarn. */
export interface EarningSetup {
  brandName: string;
  rules: Array<{
    id: string;
    network: Network;
    action: RuleAction;
    basePoints: number;
    influenceCurve: InfluenceCurve;
    dailyCap: number | null;
    minSentiment: number | null;
  }>;
  campaigns: Array<{ id: string; name: string; network: Network | null; multiplier: number; endsAt: Date; segmentName: string | null }>;
  /** The brand's tracked terms on X, in the order to name them (handles first). */
  trackedTerms: Array<{ kind: SourceKind; value: string }>;
  locationCount: number;
}

export interface WayToEarn {
  ruleId: string;
  network: Network;
  action: RuleAction;
  points: number;
  /** One sentence in words, e.g. "Mention @tasti on X: 10 points, more with more followers, up to 150 a day". */
  text: string;
}

export interface EarningBoost {
  campaignId: string;
  /** e.g. "Double points on X until 10 December, for Gold members". */
  text: string;
}

const NETWORK_NAME: Record<Network, string> = { TWITTER: "X", FOURSQUARE: "Foursquare" };
const ACTION_ORDER: RuleAction[] = ["MENTION", "CHECKIN", "SHARE", "LINK_ACCOUNT"];

/**
 * The brand's enabled rules and running campaigns in words, for customers. Only what the rules
 * say is stated: the influence curve becomes "more with more followers", a cap "up to N a day",
 * a sentiment floor "when the post speaks well of us". Names and terms are the brand's own text and
 * are returned as plain strings (React escapes them where they are shown).
 */
export function describeWaysToEarn(setup: EarningSetup): { ways: WayToEarn[]; boosts: EarningBoost[] } {
  const ways = [...setup.rules]
    .sort((a, b) => ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) || b.basePoints - a.basePoints)
    .map((rule) => ({ ruleId: rule.id, network: rule.network, action: rule.action, points: rule.basePoints, text: ruleSentence(setup, rule) }));
  // A multiplier of 1 (the default) changes nothing, so it is no boost.
  const boosts = setup.campaigns.filter((c) => c.multiplier > 1).map((c) => ({ campaignId: c.id, text: boostSentence(c) }));
  return { ways, boosts };
}

function ruleSentence(setup: EarningSetup, rule: EarningSetup["rules"][number]): string {
  const network = NETWORK_NAME[rule.network];
  const extras: string[] = [];
  // Only what scoring applies to the action: one-off actions (linking) ignore caps, and only posts
  // and check-ins are held to a sentiment minimum.
  if (rule.influenceCurve !== "NONE") extras.push("more with more followers");
  if (rule.minSentiment !== null && rule.minSentiment > 0 && (rule.action === "MENTION" || rule.action === "CHECKIN"))
    extras.push("when the post speaks well of us");
  if (rule.dailyCap !== null && rule.action !== "LINK_ACCOUNT") extras.push(`up to ${points(rule.dailyCap)} a day`);
  const reward = [points(rule.basePoints), ...extras].join(", ");
  switch (rule.action) {
    case "MENTION":
      return `Mention ${mentionTarget(setup)} on ${network}: ${reward}`;
    case "CHECKIN":
      return `Check in at ${stores(setup.locationCount)} on ${network}: ${reward}`;
    case "SHARE":
      return `Share the points you earn on ${network}: ${reward} per post`;
    case "LINK_ACCOUNT":
      return `Link your ${network} account: ${reward}, once per account`;
  }
}

function mentionTarget(setup: EarningSetup): string {
  const order: SourceKind[] = ["HANDLE", "HASHTAG", "KEYWORD"];
  const term = [...setup.trackedTerms].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))[0];
  if (!term || term.kind === "VENUE") return setup.brandName;
  if (term.kind === "HANDLE") return term.value.startsWith("@") ? term.value : `@${term.value}`;
  if (term.kind === "HASHTAG") return term.value.startsWith("#") ? term.value : `#${term.value}`;
  return `“${term.value}”`;
}

function stores(count: number): string {
  if (count <= 0) return "our stores";
  if (count === 1) return "our store";
  return `any of our ${count.toLocaleString("en-US")} stores`;
}

function boostSentence(c: EarningSetup["campaigns"][number]): string {
  const where = c.network ? ` on ${NETWORK_NAME[c.network]}` : "";
  // endsAt is exclusive: a campaign ending at midnight runs until the day before.
  const until = new Date(c.endsAt.getTime() - 1).toLocaleDateString("en-GB", { day: "numeric", month: "long", timeZone: "UTC" });
  const who = c.segmentName ? `, for ${c.segmentName} members` : "";
  return `${multiplierWords(c.multiplier)} points${where} until ${until}${who} (${c.name})`;
}

function multiplierWords(multiplier: number): string {
  if (multiplier === 2) return "Double";
  if (multiplier === 3) return "Triple";
  return `×${Number(multiplier.toFixed(2))}`;
}

function points(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "point" : "points"}`;
}
