import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { devOutboxOpenTo } from "@/server/http/dev-outbox-access";
import { listOutbox } from "@/server/modules/mail/mail.service";

// Read per request (the gate depends on the caller) and never cached: a cached copy could be
// served to someone the gate would refuse.
export const dynamic = "force-dynamic";
export const revalidate = 0;
export const metadata = { title: "Development outbox" };

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

/**
 * Local development's mailbox: every email the worker delivered, newest first. 404 unless
 * MAIL_OUTBOX_PAGE=true and the request comes over loopback without a proxy.
 */
export default async function OutboxPage() {
  if (!devOutboxOpenTo(await headers())) notFound();
  const messages = await listOutbox(50);
  return (
    <main id="main-content" className="mx-auto max-w-3xl px-4 py-10">
      <PageHeader title="Development outbox" description="Emails sent by this installation, shown to this machine only (MAIL_OUTBOX_PAGE, development only)." />
      {messages.length === 0 ? (
        <EmptyState title="No emails yet" description="Invite a team member and the worker delivers the email here." />
      ) : (
        <div className="space-y-4">
          {messages.map((m) => (
            <Card key={m.id} title={m.subject} description={`To ${m.toEmail} · ${time.format(m.createdAt)}`} headingLevel={2}>
              <pre className="font-sans text-sm whitespace-pre-wrap break-words text-fg-muted">{linkify(m.text)}</pre>
            </Card>
          ))}
        </div>
      )}
    </main>
  );
}

/** Makes the app's own http(s) links clickable; the rest stays text. */
function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part} className="text-brand-700 underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
