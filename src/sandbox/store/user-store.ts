/** X users by id and by lowercase username. */
import type { SandboxUser } from "./store-types";

export interface NewUser {
  id: string;
  username: string;
  name?: string;
  createdAt: number;
  description?: string;
  location?: string;
  url?: string;
  verified?: boolean;
  protected?: boolean;
  followersCount?: number;
  followingCount?: number;
  tweetCount?: number;
  listedCount?: number;
  likeCount?: number;
}

export class UserStore {
  private readonly byId = new Map<string, SandboxUser>();
  private readonly byName = new Map<string, SandboxUser>();
  /** Bumped on every add: rendered mention entities resolve usernames to ids. */
  version = 0;

  get size(): number {
    return this.byId.size;
  }

  get(id: string): SandboxUser | undefined {
    return this.byId.get(id);
  }

  byUsername(username: string): SandboxUser | undefined {
    return this.byName.get(username.toLowerCase());
  }

  all(): IterableIterator<SandboxUser> {
    return this.byId.values();
  }

  add(input: NewUser): SandboxUser {
    if (this.byId.has(input.id)) throw new Error(`user id ${input.id} exists`);
    if (this.byName.has(input.username.toLowerCase())) throw new Error(`username ${input.username} exists`);
    const user: SandboxUser = {
      id: input.id,
      username: input.username,
      usernameLower: input.username.toLowerCase(),
      name: input.name ?? input.username,
      createdAt: input.createdAt,
      description: input.description ?? "",
      location: input.location,
      url: input.url,
      verified: input.verified ?? false,
      protected: input.protected ?? false,
      followersCount: input.followersCount ?? 0,
      followingCount: input.followingCount ?? 0,
      tweetCount: input.tweetCount ?? 0,
      listedCount: input.listedCount ?? 0,
      likeCount: input.likeCount ?? 0,
      profileImageUrl: `https://pbs.twimg.com/profile_images/${input.id}/avatar_normal.jpg`,
    };
    this.byId.set(user.id, user);
    this.byName.set(user.usernameLower, user);
    this.version++;
    return user;
  }

  clear(): void {
    this.byId.clear();
    this.byName.clear();
    this.version++;
  }
}
