import { Card } from "@/components/card";
import { Pagination } from "@/components/pagination";
import type { Customer360 } from "@/server/modules/customers/customer-360.schemas";
import { signedPoints, when } from "./format";

/** The customer's ledger, newest first: each entry in words from what it stored, linked to the post that paid it. */
export function LedgerCard({ ledger, hrefForPage }: { ledger: Customer360["ledger"]; hrefForPage: (page: number) => string }) {
  return (
    <Card title="Points history" description="Every ledger entry, newest first, with why it has its amount." headingLevel={2} flush>
      {ledger.total === 0 ? (
        <p className="px-5 py-4 text-sm text-fg-muted">No points yet.</p>
      ) : (
        <ol className="divide-y divide-line" aria-label="Ledger entries">
          {ledger.lines.map((line) => (
            <li key={line.id} id={line.id} className="flex min-w-0 gap-3 px-5 py-3" data-testid="ledger-line" data-entry-id={line.id}>
              <span className={`w-16 shrink-0 text-right text-sm font-semibold tabular-nums ${line.amount < 0 ? "text-red-700" : "text-emerald-800"}`}>
                {signedPoints(line.amount)}
              </span>
              <div className="min-w-0 flex-1 text-sm">
                <p className="break-words text-fg" data-testid="ledger-summary">
                  {line.summary}
                </p>
                {line.mention && (
                  <p className="mt-1 text-xs break-words text-fg-muted" data-testid="ledger-mention">
                    For the post{" "}
                    {line.mention.url ? (
                      <a href={line.mention.url} rel="noopener noreferrer nofollow" target="_blank" className="text-brand-700 underline">
                        “{line.mention.excerpt || line.mention.id}”
                      </a>
                    ) : (
                      <span>“{line.mention.excerpt || line.mention.id}”</span>
                    )}{" "}
                    (
                    <a href={`#${line.mention.id}`} className="text-brand-700 underline">
                      in mentions
                    </a>
                    )
                  </p>
                )}
                <p className="mt-1 text-xs text-fg-subtle">
                  {when(line.createdAt)} · {line.id}
                  {line.reversesId && (
                    <>
                      {" "}
                      · reverses{" "}
                      <a href={`#${line.reversesId}`} className="text-brand-700 underline">
                        {line.reversesId}
                      </a>
                    </>
                  )}
                  {line.reversedById && (
                    <>
                      {" "}
                      · reversed by{" "}
                      <a href={`#${line.reversedById}`} className="text-brand-700 underline">
                        {line.reversedById}
                      </a>
                    </>
                  )}
                </p>
              </div>
            </li>
          ))}
        </ol>
      )}
      {ledger.total > ledger.pageSize && (
        <Pagination
          className="px-5"
          page={ledger.page}
          pageSize={ledger.pageSize}
          total={ledger.total}
          hrefForPage={hrefForPage}
          label="Ledger pages"
          noun="entries"
        />
      )}
    </Card>
  );
}
