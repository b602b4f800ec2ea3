// Mail out: SMTP when SMTP_URL is set; otherwise .eml files, so development needs no mail server.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { config } from '../config';
import { slugify } from '../slug';

export interface Mail {
	to: string;
	subject: string;
	text: string;
	html: string;
	attachments?: { filename: string; content: string; contentType: string }[];
	/** Extra header fields, such as List-Unsubscribe (RFC 2369). */
	headers?: Record<string, string>;
}

export interface MailTransport {
	send(mail: Mail): Promise<void>;
	/** Ends a kept connection at once, so that a stopping process need not wait for it. */
	close?(): void;
}

export interface TransportOptions {
	/** An smtp:// or smtps:// URL; defaults to SMTP_URL. */
	smtpUrl?: string;
	/** Where the development transport writes; defaults to `mail/` in the data folder. */
	mailDir?: string;
}

export function createTransport(options: TransportOptions = {}): MailTransport {
	const smtpUrl = 'smtpUrl' in options ? options.smtpUrl : config.smtpUrl;
	return smtpUrl
		? createSmtpTransport(smtpUrl)
		: createFileTransport(options.mailDir ?? path.join(config.dataDir, 'mail'));
}

/** How long the SMTP connection is kept after the last message of a batch. */
const SMTP_IDLE_MS = 2_000;

function createSmtpTransport(url: string): MailTransport {
	// One connection, kept while a batch goes out: a connection per message costs the TCP and
	// TLS handshakes and the greeting, login and goodbye again for every message. Bounded waits:
	// the outbox holds its claim on a message only for a few minutes.
	const transporter = nodemailer.createTransport({
		url,
		pool: true,
		maxConnections: 1,
		idleTimeout: SMTP_IDLE_MS,
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000
	});
	return {
		async send(mail) {
			await transporter.sendMail({ from: config.mailFrom, ...mail });
		},
		close: () => transporter.close()
	};
}

function createFileTransport(dir: string): MailTransport {
	const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
	return {
		async send(mail) {
			const info = await composer.sendMail({ from: config.mailFrom, ...mail });
			await mkdir(dir, { recursive: true });
			const stamp = new Date().toISOString().replace(/[:.]/g, '-');
			// The random part keeps two messages written in the same millisecond apart.
			const name = `${stamp}-${randomBytes(3).toString('hex')}-${slugify(mail.subject, 'message')}.eml`;
			const file = path.join(dir, name);
			await writeFile(file, info.message as Buffer);
			console.log(`mail to ${mail.to} written to ${file}`);
		}
	};
}
