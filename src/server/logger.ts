import pino from "pino";
import { getEnv } from "./env";

let instance: pino.Logger | undefined;

/** Structured JSON logs. Secrets never reach a log line: known secret keys are redacted. */
export function getLogger(): pino.Logger {
  if (instance) return instance;
  instance = pino({
    level: getEnv().LOG_LEVEL,
    base: { service: process.argv[1]?.includes("workers") ? "worker" : "web" },
    redact: {
      paths: [
        "password",
        "*.password",
        "passwordHash",
        "*.passwordHash",
        "token",
        "*.token",
        "accessToken",
        "*.accessToken",
        "refreshToken",
        "*.refreshToken",
        "authorization",
        "*.authorization",
        "headers.cookie",
      ],
      censor: "[redacted]",
    },
  });
  return instance;
}
