/**
 * The one place that talks SMTP (nodemailer). Built once per worker from SMTP_URL; absent when no
 * SMTP server is configured, in which case e-mails are recorded as skipped.
 */
import nodemailer from 'nodemailer';

export interface MailSettings {
  /** smtp://… or smtps://…, with credentials if the server needs them. */
  url: string;
  /** The From header, e.g. `网上签约 <noreply@wangqian.local>`. */
  from: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable per outbox row, so a rare duplicate after a crash is recognisable as the same mail. */
  messageId: string;
  headers: Record<string, string>;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

export function createMailer(settings: MailSettings): Mailer {
  const transport = nodemailer.createTransport({
    url: settings.url,
    // nodemailer's defaults wait minutes on a dead server; an attempt should fail fast and retry.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from: settings.from, ...mail });
    },
  };
}

/** An SMTP 5xx reply (e.g. unknown mailbox) will not change on retry. */
export function isPermanentSmtpError(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
