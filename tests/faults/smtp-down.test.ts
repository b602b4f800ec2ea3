// The mail server is down while tourists book: bookings still succeed, their confirmations wait
// in the outbox (pending, attempts counted, the error kept), and go out once the server is back.
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingInput } from '$lib/server/bookings/input';
import * as bookings from '$lib/server/bookings';
import { createTransport } from '$lib/server/mail/transport';
import * as outbox from '$lib/server/mail/outbox';
import { parse } from '$lib/validation';
import { createTestDb, type TestDb } from '../helpers/db';
import { bookingRequest, createPackage, daysFromNow } from '../helpers/fixtures';

let testDb: TestDb;
let slotId: number;

beforeAll(async () => {
	testDb = await createTestDb();
	({
		slotIds: [slotId]
	} = await createPackage(testDb.db, { starts: [daysFromNow(7)], capacity: 30 }));
});
afterAll(() => testDb.close());

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

function outboxRows() {
	return testDb.db
		.selectFrom('outbox_message')
		.select(['recipient', 'status', 'attempts', 'last_error'])
		.orderBy('id')
		.execute();
}

describe('the SMTP server is down', () => {
	it('books anyway, keeps the messages pending, and sends them when it returns', async () => {
		const port = await freePort();
		const transport = createTransport({ smtpUrl: `smtp://127.0.0.1:${port}` });
		const recipients = ['ani@example.com', 'budi@example.com', 'citra@example.com'];

		for (const email of recipients) {
			const input = parse(
				bookingInput,
				bookingRequest(slotId, { contact: { name: 'Tamu', phone: '0812-3456-7890', email } })
			);
			expect(input.ok).toBe(true);
			if (!input.ok) return;
			const result = await bookings.create(input.data);
			expect(result.ok).toBe(true);
		}

		expect(await outbox.deliverDue({ transport })).toEqual({ sent: 0, failed: 3 });
		const waiting = await outboxRows();
		expect(waiting.map((row) => row.recipient)).toEqual(recipients);
		for (const row of waiting) {
			expect(row.status).toBe('pending');
			expect(row.attempts).toBe(1);
			expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
		}
		// Not due again until the backoff has passed: no hammering of a dead server.
		expect(await outbox.deliverDue({ transport })).toEqual({ sent: 0, failed: 0 });

		const received: string[] = [];
		const smtp = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			onData(stream, session, callback) {
				stream.resume();
				stream.on('end', () => {
					received.push(...session.envelope.rcptTo.map((to) => to.address));
					callback();
				});
			}
		});
		await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
		try {
			const later = new Date(Date.now() + 2 * 60_000);
			expect(await outbox.deliverDue({ transport, now: later })).toEqual({ sent: 3, failed: 0 });
		} finally {
			transport.close?.();
			await new Promise<void>((resolve) => smtp.close(() => resolve()));
		}
		expect(received.sort()).toEqual([...recipients].sort());
		for (const row of await outboxRows()) {
			expect(row.status).toBe('sent');
			expect(row.attempts).toBe(2);
		}
		const slot = await testDb.db
			.selectFrom('slot')
			.select('seats_taken')
			.where('id', '=', slotId)
			.executeTakeFirstOrThrow();
		expect(slot.seats_taken).toBe(9);
	});
});
