/** Same rule as the sharing pipeline (share-eligibility.ts): the latest record, a withdrawal counting at its revokedAt. */
export function latestAllowsPosting(consents: { id: string; allowPosting: boolean; grantedAt: Date; revokedAt: Date | null }[]): boolean {
  const effective = (c: { grantedAt: Date; revokedAt: Date | null }) => Math.max(c.grantedAt.getTime(), c.revokedAt?.getTime() ?? 0);
  const latest = [...consents].sort((a, b) => effective(b) - effective(a) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0))[0];
  return latest !== undefined && latest.allowPosting && latest.revokedAt === null;
}
