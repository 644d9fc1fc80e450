import { parseMail, type ParsedMail } from "./mail-parse";

export interface CaughtMail extends ParsedMail {
  id: number;
  receivedAt: string;
  /** The SMTP envelope, which is who the mail was really sent to (headers can say anything). */
  envelope: { from: string; to: string[] };
}

/** The sandbox's mailbox: in memory only, newest first, the oldest dropped past `limit`. */
export class MailStore {
  private readonly messages: CaughtMail[] = [];
  private nextId = 1;

  constructor(private readonly limit = 500) {}

  async add(raw: string, envelope: CaughtMail["envelope"], receivedAt = new Date()): Promise<CaughtMail> {
    const id = this.nextId++;
    const mail: CaughtMail = { id, receivedAt: receivedAt.toISOString(), envelope, ...(await parseMail(raw)) };
    this.messages.unshift(mail);
    if (this.messages.length > this.limit) this.messages.length = this.limit;
    return mail;
  }

  list(): readonly CaughtMail[] {
    return this.messages;
  }

  clear(): void {
    this.messages.length = 0;
  }
}
