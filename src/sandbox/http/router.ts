/** Method + path-pattern routing (`/2/users/:id`), static segments preferred over parameters. */
import type { RequestContext } from "./http-kit";

export type Handler = (ctx: RequestContext) => Promise<void> | void;

interface Route {
  /** "*" answers every method (used for X paths the sandbox knows but does not serve). */
  method: string;
  pattern: string;
  segments: string[];
  handler: Handler;
  /** Static segments count, so `/2/users/me` wins over `/2/users/:id`. */
  score: number;
}

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    const segments = pattern.split("/").filter(Boolean);
    this.routes.push({ method, pattern, segments, handler, score: segments.filter((s) => !s.startsWith(":")).length });
    this.routes.sort((a, b) => b.score - a.score);
    return this;
  }

  /** Returns the handler (with params filled into ctx) or "405"/undefined. */
  match(ctx: RequestContext): Handler | "method-not-allowed" | undefined {
    const parts = ctx.path.split("/").filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = route.segments[i]!;
        if (seg.startsWith(":")) params[seg.slice(1)] = parts[i]!;
        else ok = seg === parts[i];
      }
      if (!ok) continue;
      pathMatched = true;
      if (route.method !== ctx.method && route.method !== "*") continue;
      ctx.params = params;
      ctx.route = route.pattern;
      return route.handler;
    }
    return pathMatched ? "method-not-allowed" : undefined;
  }
}
