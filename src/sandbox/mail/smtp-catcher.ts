/**
 * An SMTP server that accepts every message and keeps it in a MailStore: the demo's and tests'
 * mail relay (the worker sends to it through SMTP_URL=smtp://127.0.0.1:4025). No AUTH, no TLS:
 * it listens on loopback and refuses connections from anywhere else.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { isLoopbackAddress } from "./loopback";
import type { MailStore } from "./mail-store";

const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface SmtpCatcher {
  host: string;
  port: number;
  /** e.g. "smtp://127.0.0.1:4025", what SMTP_URL should be. */
  url: string;
  close(): Promise<void>;
}

export async function startSmtpCatcher(store: MailStore, options: { host?: string; port?: number } = {}): Promise<SmtpCatcher> {
  const host = options.host ?? "127.0.0.1";
  const server = new SMTPServer({
    name: "megaphone-sandbox",
    banner: "Megaphone sandbox mail catcher",
    authOptional: true,
    // Without STARTTLS on offer, clients do not try to upgrade to the server's self-signed cert.
    disabledCommands: ["AUTH", "STARTTLS"],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onConnect(session, callback) {
      if (!isLoopbackAddress(session.remoteAddress)) return callback(new Error("the sandbox accepts mail from this machine only"));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error("message too large"), { responseCode: 552 }));
        const { mailFrom, rcptTo } = session.envelope;
        store.add(Buffer.concat(chunks).toString("utf8"), { from: mailFrom ? mailFrom.address : "", to: rcptTo.map((r) => r.address) }).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 4025, host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    host,
    port,
    url: `smtp://${host.includes(":") ? `[${host}]` : host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
