import type { MySharePost } from "@/server/modules/portal/accounts/my-accounts";
import { Badge } from "@/components/badge";

const STATUS: Record<MySharePost["status"], { label: string; tone: "success" | "warning" | "danger" }> = {
  POSTED: { label: "Posted", tone: "success" },
  PENDING: { label: "Waiting to post", tone: "warning" },
  FAILED: { label: "Not posted", tone: "danger" },
};

/** What was posted on the customer's behalf. The text is theirs as posted (React escapes it); links are http(s) only (checked server-side). */
export function SharePostsList({ posts }: { posts: MySharePost[] }) {
  if (posts.length === 0) return <p className="text-sm text-fg-muted">Nothing has been posted on your behalf.</p>;
  return (
    <ul className="divide-y divide-line" data-testid="share-posts">
      {posts.map((post) => (
        <li key={post.id} className="space-y-1 py-3">
          <div className="flex flex-wrap items-center gap-2 text-xs text-fg-muted">
            <Badge tone={STATUS[post.status].tone}>{STATUS[post.status].label}</Badge>
            <span>{post.networkLabel}</span>
            <time dateTime={post.postedAt ?? post.createdAt}>{new Date(post.postedAt ?? post.createdAt).toISOString().slice(0, 10)}</time>
          </div>
          <p className="text-sm break-words whitespace-pre-wrap text-fg">{post.text}</p>
          {post.url && (
            <a href={post.url} target="_blank" rel="noopener noreferrer nofollow" className="text-sm font-medium text-brand-700 underline">
              See the post
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
