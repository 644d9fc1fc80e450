/**
 * What REDIS_URL names: one Redis server, or the seed nodes of a Redis Cluster.
 *
 *   redis://[[user]:password@]host:port[/db]            one server (rediss:// for TLS)
 *   redis+cluster://[[user]:password@]host:port,host:port,…   a Redis Cluster (rediss+cluster:// for TLS)
 *
 * A cluster URL lists any reachable nodes (the client learns the rest from them) and names no
 * database: a cluster has only database 0, so `/1` there would be silently ignored otherwise.
 */
export type RedisTarget =
  | { kind: "server"; url: string }
  | {
      kind: "cluster";
      nodes: { host: string; port: number }[];
      username?: string;
      password?: string;
      tls: boolean;
    };

export const REDIS_URL_FORMS = "redis://host:port/db, rediss://…, or redis+cluster://host:port,host:port,… (rediss+cluster:// for TLS)";

const CLUSTER = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#@]+)(\/?)$/i;
// host:port where host is a name, an IPv4 address or a bracketed IPv6 address.
const NODE = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+):(\d{1,5})$/i;

export class RedisUrlError extends Error {
  override name = "RedisUrlError";
}

export function parseRedisUrl(value: string): RedisTarget {
  if (/^rediss?\+cluster:/i.test(value)) return parseCluster(value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RedisUrlError(`must be ${REDIS_URL_FORMS}`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") throw new RedisUrlError(`must be ${REDIS_URL_FORMS}`);
  if (value.includes(",")) {
    throw new RedisUrlError("lists several nodes: a Redis Cluster is written redis+cluster://host:port,host:port,…");
  }
  return { kind: "server", url: value };
}

function parseCluster(value: string): RedisTarget {
  const match = CLUSTER.exec(value.trim());
  if (!match) {
    throw new RedisUrlError(
      value.includes("?") || /\+cluster:\/\/[^/]*\/./i.test(value)
        ? "a Redis Cluster has only database 0: write redis+cluster://host:port,host:port,… with no /db or options"
        : `must be ${REDIS_URL_FORMS}`,
    );
  }
  const [, scheme, userInfo, hostList] = match as unknown as [string, string, string | undefined, string];
  const nodes = hostList.split(",").map((raw) => {
    const node = NODE.exec(raw.trim());
    const port = node ? Number(node[2]) : 0;
    if (!node || port < 1 || port > 65535) {
      throw new RedisUrlError(`cluster node "${raw.trim()}" is not host:port (every node of redis+cluster:// needs its port)`);
    }
    return { host: node[1]!.replace(/^\[(.*)\]$/, "$1"), port };
  });
  const [user, password] = userInfo === undefined ? [] : splitUserInfo(userInfo);
  return {
    kind: "cluster",
    nodes,
    ...(user ? { username: user } : {}),
    ...(password ? { password } : {}),
    tls: scheme.toLowerCase() === "rediss",
  };
}

function splitUserInfo(userInfo: string): [string | undefined, string | undefined] {
  const colon = userInfo.indexOf(":");
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new RedisUrlError("the user or password is not valid percent-encoding");
    }
  };
  if (colon === -1) return [decode(userInfo) || undefined, undefined];
  return [decode(userInfo.slice(0, colon)) || undefined, decode(userInfo.slice(colon + 1)) || undefined];
}
