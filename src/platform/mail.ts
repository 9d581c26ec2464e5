import nodemailer from "nodemailer";

/** One e-mail: plain text always, HTML beside it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The message's language (Content-Language). */
  language: string;
}

export interface Mailer {
  /** Sends one message; answers the SMTP server's message id. */
  send(message: MailMessage): Promise<string>;
  close(): void;
}

export interface MailSettings {
  /** smtp://user:pass@host:port or smtps://…; without it ESCA Hub sends no e-mail at all. */
  smtpUrl: string | undefined;
  from: string;
}

/**
 * The SMTP mailer (nodemailer) when SMTP_URL is set, otherwise null: then nothing is sent,
 * and callers say so instead of pretending.
 */
export function createMailer(settings: MailSettings): Mailer | null {
  if (!settings.smtpUrl) return null;
  const transport = nodemailer.createTransport(settings.smtpUrl);
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { "Content-Language": message.language },
      });
      return info.messageId;
    },
    close: () => transport.close(),
  };
}
