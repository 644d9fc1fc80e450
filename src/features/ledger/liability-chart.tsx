"use client";

import { useSyncExternalStore } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LiabilityDay } from "@/server/modules/ledger/brand-ledger.schemas";

const noSubscribe = () => () => {};

/**
 * Points earned and points gone (redeemed, expired, reversed, other) per day as bars, and what
 * customers hold at the end of each day as a line. Drawn in the browser only: the page's CSP
 * refuses inline style attributes in server HTML, and the chart measures its box anyway. The
 * table under it carries the same figures for screen readers and for phones.
 */
export function LiabilityChart({ days }: { days: LiabilityDay[] }) {
  const inBrowser = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const data = days.map((d) => ({ day: d.day, earned: d.earned, gone: d.redeemed + d.expired + d.reversed + d.other, outstanding: d.outstanding }));
  return (
    <figure className="h-72 w-full min-w-0" aria-label="Daily liability chart: points earned, points gone and points outstanding per day">
      {inBrowser ? (
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e4e4e7" />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis yAxisId="flow" tick={{ fontSize: 11 }} width={48} />
            <YAxis yAxisId="held" orientation="right" tick={{ fontSize: 11 }} width={56} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar yAxisId="flow" dataKey="earned" name="Earned" fill="#ee5f2a" isAnimationActive={false} />
            <Bar yAxisId="flow" dataKey="gone" name="Redeemed, expired, reversed" fill="#71717a" isAnimationActive={false} />
            <Line yAxisId="held" dataKey="outstanding" name="Outstanding" stroke="#18181b" dot={false} strokeWidth={2} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      ) : null}
    </figure>
  );
}
