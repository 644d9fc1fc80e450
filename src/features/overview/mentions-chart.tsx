"use client";

import { useSyncExternalStore } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { OverviewFigures } from "@/server/modules/overview/overview.schemas";

const noSubscribe = () => () => {};

/**
 * Mentions per day, stacked by network. Drawn in the browser only (the CSP refuses inline style
 * attributes in server HTML); the network links under it carry the same totals as text.
 */
export function MentionsChart({ days }: { days: OverviewFigures["mentionsByDay"] }) {
  const inBrowser = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  return (
    <figure className="h-64 w-full min-w-0" aria-label="Mentions per day, stacked by network">
      {inBrowser ? (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e4e4e7" />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="TWITTER" name="X" stackId="network" fill="#ee5f2a" isAnimationActive={false} />
            <Bar dataKey="FOURSQUARE" name="Foursquare" stackId="network" fill="#2563eb" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </figure>
  );
}
