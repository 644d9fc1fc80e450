// The demo brand and its staff logins: written by the seed, printed by the demo once it is up.
export const DEMO = {
  slug: "tasti-d-lite",
  name: "Tasti D-Lite",
  password: "megaphone-demo",
  staff: [
    { email: "owner@tasti.demo", name: "Jordan Owner", role: "OWNER" },
    { email: "marketer@tasti.demo", name: "Morgan Marketer", role: "MARKETER" },
    { email: "viewer@tasti.demo", name: "Vic Viewer", role: "VIEWER" },
  ],
} as const;
