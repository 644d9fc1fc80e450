import { ComingSoon } from "@/components/coming-soon";
import { PageHeader } from "@/components/page-header";

/** Sections not built yet say plainly what they will hold: no sample data stands in for them. */
const PLANNED = {
  advocates: {
    title: "Advocates",
    description: "Who really talks about you, ranked.",
    capabilities: [
      "Leaderboard of customers by points earned, with reach and sentiment",
      "Segments: top influencers, promoters, passives and detractors, lifecycle stage",
      "Charts of mentions and points over time, sentiment mix and channel split",
    ],
  },
  rewards: {
    title: "Rewards",
    description: "What your customers can spend their points on.",
    capabilities: [
      "A catalog of rewards with point costs and stock",
      "Redemptions that never drive a balance below zero, even under concurrent requests",
      "The customer-facing rewards portal, where customers link accounts and redeem",
    ],
  },
} as const;

export type PlannedSection = keyof typeof PLANNED;

export function PlannedSectionPage({ section }: { section: PlannedSection }) {
  const plan = PLANNED[section];
  return (
    <>
      <PageHeader title={plan.title} description={plan.description} />
      <ComingSoon
        title={`${plan.title} is on its way`}
        description="This part of Megaphone is not built yet. When it ships, it will give you:"
        capabilities={plan.capabilities}
      />
    </>
  );
}
