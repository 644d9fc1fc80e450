/**
 * Factories for twitter-api-v2 clients. With TWITTER_API_BASE_URL set (development, CI) every
 * client talks to that origin (the social sandbox) through XBaseUrlPlugin, over plain HTTP via an
 * http.Agent; unset, the clients talk to api.x.com as shipped. Options override the environment so
 * tests can aim at a sandbox on a random port without touching process.env.
 */
import http from "node:http";
import https from "node:https";
import { TwitterApi, type IClientSettings } from "twitter-api-v2";
import { getEnv } from "@/server/env";
import { XBaseUrlPlugin } from "./x-base-url.plugin";

export interface TwitterClientOptions {
  /** Origin to use instead of X; `null` forces the real API; undefined reads TWITTER_API_BASE_URL. */
  baseUrl?: string | null;
  /** Extra plugins, applied after the base-URL rewrite. */
  plugins?: IClientSettings["plugins"];
}

export interface TwitterOAuth2Credentials {
  clientId: string;
  /** Omit for a public client. */
  clientSecret?: string;
}

const agents = new Map<string, http.Agent>();

function resolveBaseUrl(options: TwitterClientOptions): string | undefined {
  if (options.baseUrl !== undefined) return options.baseUrl ?? undefined;
  return getEnv().TWITTER_API_BASE_URL;
}

/** Client settings for the configured target; shared keep-alive agent per origin. */
export function twitterClientSettings(options: TwitterClientOptions = {}): Partial<IClientSettings> {
  const baseUrl = resolveBaseUrl(options);
  const extra = options.plugins ?? [];
  if (!baseUrl) return extra.length ? { plugins: extra } : {};
  let agent = agents.get(baseUrl);
  if (!agent) {
    // Node checks the URL protocol against the agent's: http:// origins need an http.Agent.
    agent = baseUrl.startsWith("https:") ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    agents.set(baseUrl, agent);
  }
  return { plugins: [new XBaseUrlPlugin(baseUrl), ...extra], httpAgent: agent };
}

/** App-only client from a bearer token (search, users lookup, mentions). */
export function createTwitterAppClient(bearerToken: string, options: TwitterClientOptions = {}): TwitterApi {
  return new TwitterApi(bearerToken, twitterClientSettings(options));
}

/**
 * Obtains an app-only bearer with client_credentials (POST /oauth2/token, Basic auth with the
 * app's consumer key and secret) and returns a client using it.
 */
export async function loginTwitterApp(consumer: { key: string; secret: string }, options: TwitterClientOptions = {}): Promise<TwitterApi> {
  const api = new TwitterApi({ appKey: consumer.key, appSecret: consumer.secret }, twitterClientSettings(options));
  return api.appLogin();
}

/** User-context client from an OAuth 2.0 user access token (posting, deleting, users/me). */
export function createTwitterUserClient(accessToken: string, options: TwitterClientOptions = {}): TwitterApi {
  return new TwitterApi(accessToken, twitterClientSettings(options));
}

/**
 * OAuth 2.0 client for the PKCE flow: generateOAuth2AuthLink, loginWithOAuth2, refreshOAuth2Token,
 * revokeOAuth2Token. Credentials default to TWITTER_CLIENT_ID / TWITTER_CLIENT_SECRET.
 */
export function createTwitterOAuth2Client(credentials?: TwitterOAuth2Credentials, options: TwitterClientOptions = {}): TwitterApi {
  const creds = credentials ?? { clientId: getEnv().TWITTER_CLIENT_ID, clientSecret: getEnv().TWITTER_CLIENT_SECRET };
  return new TwitterApi(
    creds.clientSecret === undefined ? { clientId: creds.clientId } : { clientId: creds.clientId, clientSecret: creds.clientSecret },
    twitterClientSettings(options),
  );
}
