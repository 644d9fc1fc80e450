import type { CustomerCreateInput } from "../../src/server/modules/customers/customer.schemas";

const FIRST = [
  "Maya",
  "Liam",
  "Sofia",
  "Noah",
  "Aisha",
  "Mateo",
  "Chloe",
  "Ethan",
  "Priya",
  "Lucas",
  "Zoe",
  "Omar",
  "Hannah",
  "Diego",
  "Grace",
  "Kenji",
  "Amara",
  "Leo",
  "Isabel",
  "Tariq",
  "Nora",
  "Sam",
  "Yuki",
  "Elena",
  "Marcus",
  "Fatima",
  "Jonah",
  "Lila",
  "Andre",
  "Mei",
];
const LAST = [
  "Rivera",
  "Chen",
  "Okafor",
  "Schmidt",
  "Patel",
  "Kowalski",
  "Nguyen",
  "Haddad",
  "Johansson",
  "Moreau",
  "Silva",
  "Kim",
  "O'Brien",
  "Rossi",
  "Adeyemi",
  "Novak",
  "Tanaka",
  "Garcia",
  "Levi",
  "Murphy",
];
const DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "fastmail.com"];
const NOTES = [
  "Regular at the Upper West Side store; loves the fat-free frozen yogurt.",
  "Posted a photo of our new flavour last month.",
  "Asked about catering for an office party.",
  "Came in through the Foursquare mayor promotion.",
  null,
  null,
];

/** A small deterministic PRNG (mulberry32) so every demo install has the same people. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoCustomers(count: number, seed: number): CustomerCreateInput[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const used = new Set<string>();
  const out: CustomerCreateInput[] = [];
  for (let i = 0; out.length < count; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const handle = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "");
    const email = `${handle}${i % 7 === 0 ? i : ""}@${pick(DOMAINS)}`;
    if (used.has(email)) continue;
    used.add(email);
    const roll = random();
    const stage = roll < 0.15 ? "PROSPECT" : roll < 0.7 ? "CUSTOMER" : roll < 0.9 ? "LOYAL" : "ADVOCATE";
    const emails = random() < 0.2 ? [email, `${handle}@work-${pick(["acme", "globex", "initech"])}.example`] : [email];
    if (emails[1] && used.has(emails[1])) emails.pop();
    emails.slice(1).forEach((e) => used.add(e));
    out.push({
      displayName: `${first} ${last}`,
      emails,
      phone: random() < 0.6 ? `+1 212 555 ${String(1000 + Math.floor(random() * 8999))}` : null,
      externalId: random() < 0.5 ? `tasti-${10_000 + i}` : null,
      lifecycleStage: stage,
      notes: pick(NOTES),
    });
  }
  return out;
}
