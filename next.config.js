/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (app, workers, tests) before every build in
  // CI; checking again inside `next build` would only double the slowest step on 2 cores.
  typescript: { ignoreBuildErrors: true },
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pino", "bullmq", "ioredis", "pg", "@prisma/adapter-pg"],
  // forbidden() (src/server/http/require-permission.ts): a page the role may not open answers 403.
  // serverActions.bodySizeLimit: a logo or reward picture of up to 2 MB (storeImage) with its form;
  // src/server/http/server-action-guard.ts refuses larger action bodies with the same figure.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "3mb" } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
