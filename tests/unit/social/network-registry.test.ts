// The rule "adding a network = one folder under src/server/social/ + one registry line", checked:
// every value of the Prisma Network enum has a registry entry that lives in its own folder and
// implements the provider interfaces it claims. See CONTRIBUTING.md, "How to add a network".
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Network } from "../../../src/server/db/generated/enums";
import {
  checkinNetworks,
  getAccountLinking,
  getCheckinProvider,
  getProvider,
  linkableNetworks,
  networkEntry,
  networkLabel,
  registeredNetworks,
  searchNetworks,
  shareRulesFor,
} from "../../../src/server/social/provider-registry";

const root = path.resolve(import.meta.dirname, "../../..");
const socialDir = path.join(root, "src/server/social");
const networks = Object.values(Network);

/** The methods each capability must have: the interfaces' members, named here so a missing one fails at run time too. */
const SEARCH_METHODS = [
  "searchTerm",
  "searchMentions",
  "lookupUsers",
  "lookupExistingPosts",
  "publish",
  "refreshUserToken",
  "classifyError",
  "appAuth",
  "forgetAppAuth",
] as const;
const CHECKIN_METHODS = ["listCheckins", "classifyError"] as const;
const SHARE_METHODS = ["ownPostsQuery", "isDuplicatePost"] as const;

describe("the social network registry", () => {
  it("has one entry per value of the Prisma Network enum, and no other", () => {
    expect(networks.length).toBeGreaterThan(0);
    expect(
      registeredNetworks()
        .map((e) => e.network)
        .sort(),
    ).toEqual([...networks].sort());
  });

  it.each(networks)("%s: the entry names its network, a label and what connecting needs", (network) => {
    const entry = networkEntry(network);
    expect(entry.network).toBe(network);
    expect(entry.label.trim()).not.toBe("");
    expect(networkLabel(network)).toBe(entry.label);
    expect(entry.connectionHelp.trim().length).toBeGreaterThan(10);
  });

  it.each(networks)("%s: lives in src/server/social/<network>/ with a <network>.network.ts the registry imports", (network) => {
    const folder = network.toLowerCase();
    const entryFile = path.join(socialDir, folder, `${folder}.network.ts`);
    expect(existsSync(entryFile), `${path.relative(root, entryFile)} must exist`).toBe(true);
    const registry = readFileSync(path.join(socialDir, "provider-registry.ts"), "utf8");
    expect(registry).toContain(`from "./${folder}/${folder}.network"`);
  });

  it.each(networks)("%s: implements every capability it claims, and has at least one", (network) => {
    const entry = networkEntry(network);
    expect(entry.search !== null || entry.checkins !== null, `${network} can neither search nor read check-ins`).toBe(true);
    if (entry.search) {
      expect(entry.search.network).toBe(network);
      for (const method of SEARCH_METHODS) expect(typeof entry.search[method], `${network} search.${method}`).toBe("function");
      for (const limit of ["maxResultsPerPage", "usersPerLookup", "postsPerLookup", "cursorMaxAgeMs"] as const) {
        expect(entry.search.limits[limit], `${network} search.limits.${limit}`).toBeGreaterThan(0);
      }
      expect(getProvider(network)).toBe(entry.search);
    } else {
      expect(() => getProvider(network)).toThrow(/no provider/);
    }
    if (entry.checkins) {
      expect(entry.checkins.network).toBe(network);
      for (const method of CHECKIN_METHODS) expect(typeof entry.checkins[method], `${network} checkins.${method}`).toBe("function");
      expect(entry.checkins.limits.maxPerPage).toBeGreaterThan(0);
      if (entry.checkins.push) {
        expect(typeof entry.checkins.push.parse).toBe("function");
        expect(typeof entry.checkins.push.toMention).toBe("function");
      }
      expect(getCheckinProvider(network)).toBe(entry.checkins);
    } else {
      expect(() => getCheckinProvider(network)).toThrow(/no check-in provider/);
    }
    for (const method of SHARE_METHODS) expect(typeof entry.sharing[method], `${network} sharing.${method}`).toBe("function");
    expect(shareRulesFor(network)).toBe(entry.sharing);
  });

  it("derives the search and check-in network lists from the capabilities", () => {
    expect(searchNetworks()).toEqual(
      registeredNetworks()
        .filter((e) => e.search)
        .map((e) => e.network),
    );
    expect(checkinNetworks()).toEqual(
      registeredNetworks()
        .filter((e) => e.checkins)
        .map((e) => e.network),
    );
    // Today's product: X is searched, Foursquare is read through check-ins.
    expect(searchNetworks()).toContain("TWITTER");
    expect(checkinNetworks()).toContain("FOURSQUARE");
  });

  it.each(networks)("%s: a portal linking capability, when claimed, says what it reads and what unlinking does", (network) => {
    const linking = networkEntry(network).linking;
    if (!linking) {
      expect(linkableNetworks()).not.toContain(network);
      expect(() => getAccountLinking(network)).toThrow(/not available yet/);
      return;
    }
    expect(getAccountLinking(network)).toBe(linking);
    expect(linking.whatIsRead.length).toBeGreaterThan(0);
    expect(linking.unlinkNote.trim().length).toBeGreaterThan(10);
    for (const method of ["authorizationLink", "exchangeCode", "accountName", "postUrl", "classifyError"] as const) {
      expect(typeof linking[method], `${network} linking.${method}`).toBe("function");
    }
    expect(linking.revokeToken === null || typeof linking.revokeToken === "function").toBe(true);
    // Posting is offered only where the network's sharing rules can post.
    if (linking.postScopes !== null) expect(linking.postScopes.length).toBeGreaterThan(0);
  });

  it("links X and Foursquare from the portal; Foursquare without PKCE, posting or an app-side revoke", () => {
    expect(linkableNetworks()).toEqual(["TWITTER", "FOURSQUARE"]);
    const fsq = getAccountLinking("FOURSQUARE");
    expect(fsq.postScopes).toBeNull();
    expect(fsq.revokeToken).toBeNull();
    const link = fsq.authorizationLink({ redirectUri: "https://app.test/r/b/accounts/callback", state: "s1", scopes: [] });
    expect(link.codeVerifier).toBeNull();
    expect(new URL(link.url).pathname).toBe("/oauth2/authenticate");
    expect(new URL(link.url).searchParams.get("state")).toBe("s1");
    expect(fsq.accountName({ handle: "48000001", displayName: "Ana <b>" })).toBe("Ana <b>");
    expect(fsq.accountName({ handle: "48000001", displayName: null })).toBe("Foursquare user 48000001");
    expect(getAccountLinking("TWITTER").accountName({ handle: "ana", displayName: "Ana" })).toBe("@ana");
  });

  it("refuses a name that is not a network", () => {
    expect(() => networkEntry("MYSPACE" as Network)).toThrow(/unknown network/);
  });
});
