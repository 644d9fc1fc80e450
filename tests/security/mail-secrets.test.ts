// Issue 9, item 8 (mail): an invitation or reset link is a credential. It travels to the
// recipient over SMTP, but nothing kept afterwards holds it: not the MailMessage delivery log,
// not the job in Redis (sealed while waiting, removed once sent). Only a developer's outbox
// (MAIL_OUTBOX_PAGE=true, refused in production) keeps the full text.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MailStore } from "../../src/sandbox/mail/mail-store";
import { startSmtpCatcher, type SmtpCatcher } from "../../src/sandbox/mail/smtp-catcher";
import { unsafeCrossTenantDb } from "../../src/server/db/client";
import { resetEnvCache } from "../../src/server/env";
import { getQueue, toJobId } from "../../src/server/jobs/queues";
import { REDACTED_SECRET } from "../../src/server/modules/mail/mail-secrets";
import { queueMail } from "../../src/server/modules/mail/mail.service";
import { createRedis } from "../../src/server/redis";
import { startWorkers } from "../../src/workers/start-workers";
import { waitFor } from "../integration/support/wait-for";

const inbox = new MailStore();
let smtp: SmtpCatcher;

/** Every key name and every value of every key in the test's Redis database, as one text. */
async function everythingInRedis(): Promise<string> {
  const redis = createRedis("cache");
  const seen: string[] = [];
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "COUNT", "500");
      cursor = next;
      for (const key of keys) {
        seen.push(key);
        const type = await redis.type(key);
        if (type === "string") seen.push((await redis.get(key)) ?? "");
        else if (type === "hash") seen.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === "list") seen.push(...(await redis.lrange(key, 0, -1)));
        else if (type === "set") seen.push(...(await redis.smembers(key)));
        else if (type === "zset") seen.push(...(await redis.zrange(key, "0", "-1")));
        else if (type === "stream") seen.push(JSON.stringify(await redis.xrange(key, "-", "+")));
        // Gone between SCAN and TYPE (BullMQ's short-lived lock keys expire): nothing left to read.
        else if (type === "none") continue;
        else throw new Error(`unexpected Redis type ${type} for ${key}`);
      }
    } while (cursor !== "0");
  } finally {
    await redis.quit();
  }
  return seen.join("\n");
}

function invitation(name: string) {
  const token = `tok_${name}_${"s3cr3t".repeat(6)}`;
  const link = `http://localhost:3000/invite/${token}`;
  return {
    token,
    link,
    message: {
      to: `${name}@example.test`,
      subject: "You're invited to Secret Brand on Megaphone",
      text: `Hello,\n\nJoin Secret Brand: ${link}\n\nThe link works once and expires in 7 days.\n`,
      html: `<p>Hello,</p><p><a href="${link}">Join Secret Brand</a>: ${link}</p>`,
      dedupeKey: `invite:${name}`,
      secrets: [link],
    },
  };
}

beforeAll(async () => {
  smtp = await startSmtpCatcher(inbox, { port: 0 });
  process.env.SMTP_URL = smtp.url;
  resetEnvCache();
});

afterEach(() => {
  delete process.env.MAIL_OUTBOX_PAGE;
  resetEnvCache();
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvCache();
  await smtp.close();
});

describe("mail secrets at rest", () => {
  it("sends the link over SMTP, and neither the delivery log nor Redis keeps it, before or after", async () => {
    const { token, link, message } = invitation("first");
    await queueMail(message);

    // Waiting in Redis (no worker yet): the job is there, the link is not.
    const waiting = await getQueue("mail").getJob(toJobId(`mail:${message.dedupeKey}`));
    expect(waiting?.data).toMatchObject({ to: message.to, sealedSecrets: [expect.stringMatching(/^v1\./)] });
    const before = await everythingInRedis();
    expect(before).toContain(toJobId(`mail:${message.dedupeKey}`));
    expect(before).not.toContain(token);

    const workers = startWorkers({ concurrency: 1 });
    try {
      const row = await waitFor(() => unsafeCrossTenantDb().mailMessage.findUnique({ where: { dedupeKey: message.dedupeKey } }), "the delivery log row");
      const received = await waitFor(() => inbox.list().find((m) => m.envelope.to.includes(message.to)), "the SMTP message");
      expect(received.subject).toBe(message.subject);
      expect(received.text).toContain(`Join Secret Brand: ${link}`);

      expect(row.text).not.toContain(token);
      expect(row.text).toBe(message.text.replace(link, REDACTED_SECRET));

      const job = await waitFor(
        async () => ((await getQueue("mail").getJob(toJobId(`mail:${message.dedupeKey}`))) ? null : "gone"),
        "the sent job to be removed",
      );
      expect(job).toBe("gone");
      expect(await everythingInRedis()).not.toContain(token);
    } finally {
      await workers.close();
    }
  });

  it("keeps the full text in the delivery log when MAIL_OUTBOX_PAGE is on (development's outbox)", async () => {
    process.env.MAIL_OUTBOX_PAGE = "true";
    resetEnvCache();
    const { token, link, message } = invitation("second");
    await queueMail(message);
    expect(await everythingInRedis()).not.toContain(token);
    const workers = startWorkers({ concurrency: 1 });
    try {
      const row = await waitFor(() => unsafeCrossTenantDb().mailMessage.findUnique({ where: { dedupeKey: message.dedupeKey } }), "the delivery log row");
      expect(row.text).toBe(message.text);
      const received = await waitFor(() => inbox.list().find((m) => m.envelope.to.includes(message.to)), "the SMTP message");
      expect(received.text).toContain(link);
      await waitFor(async () => ((await getQueue("mail").getJob(toJobId(`mail:${message.dedupeKey}`))) ? null : "gone"), "the sent job to be removed");
      expect(await everythingInRedis()).not.toContain(token);
    } finally {
      await workers.close();
    }
  });

  it("does not send a mail twice when its job is queued again after delivery", async () => {
    const { message } = invitation("third");
    const workers = startWorkers({ concurrency: 1 });
    try {
      await queueMail(message);
      await waitFor(() => inbox.list().find((m) => m.envelope.to.includes(message.to)), "the first delivery");
      await waitFor(async () => ((await getQueue("mail").getJob(toJobId(`mail:${message.dedupeKey}`))) ? null : "gone"), "the sent job to be removed");
      await queueMail(message);
      await waitFor(async () => ((await getQueue("mail").getJob(toJobId(`mail:${message.dedupeKey}`))) ? null : "gone"), "the second job to finish");
      expect(inbox.list().filter((m) => m.envelope.to.includes(message.to))).toHaveLength(1);
    } finally {
      await workers.close();
    }
  });
});
