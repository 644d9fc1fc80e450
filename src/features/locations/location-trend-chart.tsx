"use client";

import { useSyncExternalStore } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TrendPoint {
  week: string;
  checkins: number;
  mentions: number;
  points: number;
}

const noSubscribe = () => () => {};

/**
 * Check-ins and mentions per week as bars, points as a line. Drawn in the browser only (the CSP
 * refuses inline styles in server HTML); the weekly table under it carries the same figures.
 */
export function LocationTrendChart({ weeks }: { weeks: TrendPoint[] }) {
  const inBrowser = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  return (
    <figure className="h-72 w-full min-w-0" aria-label="Weekly trend: check-ins, mentions and points per week">
      {inBrowser ? (
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={weeks} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e4e4e7" />
            <XAxis dataKey="week" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis yAxisId="count" tick={{ fontSize: 11 }} width={40} allowDecimals={false} />
            <YAxis yAxisId="points" orientation="right" tick={{ fontSize: 11 }} width={56} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar yAxisId="count" dataKey="checkins" name="Check-ins" fill="#ee5f2a" isAnimationActive={false} />
            <Bar yAxisId="count" dataKey="mentions" name="Mentions" fill="#71717a" isAnimationActive={false} />
            <Line yAxisId="points" dataKey="points" name="Points" stroke="#18181b" dot={false} strokeWidth={2} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      ) : null}
    </figure>
  );
}
