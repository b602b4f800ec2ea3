import { SMTPServer } from 'smtp-server';
import { smtpPort } from '../../playwright.config';

export interface ReceivedMail {
	to: string[];
	raw: string;
}

/**
 * A real SMTP server in the test process, on the port the built server sends to: what the
 * app's outbox delivers arrives here.
 */
export async function openMailbox() {
	const received: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			stream.on('end', () => {
				received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(smtpPort, '127.0.0.1', resolve));
	return {
		received,
		/** Waits for a message to `to` whose raw text matches; the outbox polls every few seconds. */
		async waitFor(to: string, pattern: RegExp, timeoutMs = 30_000): Promise<ReceivedMail> {
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				const mail = received.find((m) => m.to.includes(to) && pattern.test(decode(m.raw)));
				if (mail) return mail;
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			throw new Error(`No e-mail to ${to} matching ${pattern} within ${timeoutMs} ms`);
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** Undoes quoted-printable soft breaks and escapes, enough to search the text of a message. */
export function decode(raw: string): string {
	return raw
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
