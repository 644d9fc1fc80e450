/**
 * Author population with heavy-tailed follower counts: Pareto(xm, alpha) with alpha near 1.16
 * (the "80/20" exponent) gives many accounts with a few dozen followers and a handful with
 * hundreds of thousands or millions, as on the real network.
 */
import { Prng } from "../core/prng";
import type { SandboxUser } from "../store/store-types";
import type { UserStore } from "../store/user-store";
import { FIRST_NAMES, HANDLE_WORDS, LAST_NAMES, SYLLABLES } from "./corpus";

export interface FollowerModel {
  /** Pareto scale: the minimum follower count. */
  min: number;
  /** Pareto shape; smaller = heavier tail. */
  alpha: number;
  max: number;
}

export const DEFAULT_FOLLOWER_MODEL: FollowerModel = { min: 20, alpha: 1.16, max: 80_000_000 };

export function sampleFollowers(prng: Prng, model: FollowerModel): number {
  return Math.min(model.max, Math.floor(prng.pareto(model.min, model.alpha)));
}

/** A user id like X's: 8–19 digits, unique in `users`. */
export function mintUserId(prng: Prng, users: UserStore): string {
  for (;;) {
    const id = prng.chance(0.5) ? String(prng.int(10_000_000, 2_147_483_647)) : `1${prng.int(100_000_000, 999_999_999)}${prng.int(100_000_000, 999_999_999)}`;
    if (!users.get(id)) return id;
  }
}

function mintUsername(prng: Prng, users: UserStore, first: string, last: string): string {
  for (let attempt = 0; ; attempt++) {
    const style = prng.int(0, 3);
    let base =
      style === 0
        ? `${first}${last}`
        : style === 1
          ? `${first}_${prng.pick(HANDLE_WORDS)}`
          : style === 2
            ? `${prng.pick(SYLLABLES)}${prng.pick(SYLLABLES)}${prng.pick(SYLLABLES)}`
            : `${first.toLowerCase()}${last[0]}`;
    if (attempt > 0 || prng.chance(0.4)) base += String(prng.int(1, 9999));
    const name = base.replace(/[^A-Za-z0-9_]/g, "").slice(0, 15);
    if (!users.byUsername(name)) return name;
  }
}

export function createAuthors(prng: Prng, users: UserStore, count: number, model: FollowerModel, now: number): SandboxUser[] {
  const out: SandboxUser[] = [];
  for (let i = 0; i < count; i++) {
    const first = prng.pick(FIRST_NAMES);
    const last = prng.pick(LAST_NAMES);
    const followers = sampleFollowers(prng, model);
    out.push(
      users.add({
        id: mintUserId(prng, users),
        username: mintUsername(prng, users, first, last),
        name: `${first} ${last}`,
        createdAt: now - prng.int(30, 4000) * 86_400_000,
        description: prng.chance(0.6) ? `${prng.pick(HANDLE_WORDS)} enthusiast. Opinions my own.` : "",
        verified: followers > 100_000 && prng.chance(0.7),
        followersCount: followers,
        followingCount: prng.int(10, 2000),
        tweetCount: prng.int(10, 40_000),
        listedCount: Math.floor(followers / 200),
        likeCount: prng.int(0, 50_000),
      }),
    );
  }
  return out;
}
