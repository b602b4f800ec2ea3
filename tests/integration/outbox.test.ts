import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { Db } from '$lib/server/db';
import { createTransport } from '$lib/server/mail/transport';
import * as outbox from '$lib/server/mail/outbox';
import { createTestDb, postgresUrl, type TestDb } from '../helpers/db';

interface Received {
	to: string[];
	raw: string;
}

interface Smtp {
	port: number;
	received: Received[];
	/** Connections opened to this server so far. */
	connections: () => number;
	close(): Promise<void>;
}

/** A real SMTP server in this process; port 0 lets the system pick a free port. */
async function startSmtp(port = 0): Promise<Smtp> {
	const received: Received[] = [];
	let connections = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onConnect(session, callback) {
			connections++;
			callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received.push({
					to: session.envelope.rcptTo.map((address) => address.address),
					raw: Buffer.concat(chunks).toString('utf8')
				});
				callback();
			});
		}
	});
	server.listen(port, '127.0.0.1');
	await once(server.server, 'listening');
	const address = server.server.address();
	if (!address || typeof address === 'string') throw new Error('no port');
	return {
		port: address.port,
		received,
		connections: () => connections,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}

interface MimePart {
	headers: string;
	body: string;
}

/** Just enough MIME to read what nodemailer sends: multipart bodies, base64 and quoted-printable. */
function mimeParts(raw: string): MimePart[] {
	const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/g)].map((match) => match[1]);
	let chunks = [raw];
	for (const boundary of boundaries) {
		chunks = chunks.flatMap((chunk) => chunk.split(`--${boundary}`));
	}
	return chunks.map((chunk) => {
		const split = chunk.search(/\r?\n\r?\n/);
		const headers = split === -1 ? chunk : chunk.slice(0, split);
		let body = split === -1 ? '' : chunk.slice(split).trim();
		if (/content-transfer-encoding:\s*base64/i.test(headers)) {
			body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
		} else if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
			const bytes = body
				.replace(/=\r?\n/g, '')
				.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
			body = decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
		}
		return { headers, body };
	});
}

function header(raw: string, name: string): string | undefined {
	const head = raw.slice(0, raw.search(/\r?\n\r?\n/));
	const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
	return unfolded.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'))?.[1];
}

const startsAt = '2026-12-05T01:00:00.000Z'; // 08:00 in Jakarta

function bookingPayload(code: string, overrides: Record<string, unknown> = {}) {
	return {
		code,
		packageTitle: 'Petik nanas',
		villageName: 'Talang Bulang',
		startsAt,
		endsAt: '2026-12-05T04:00:00.000Z',
		people: 3,
		lines: [
			{ label: 'Dewasa', quantity: 2, unitPriceIdr: 25000 },
			{ label: 'Anak', quantity: 1, unitPriceIdr: 15000 }
		],
		totalIdr: 65000,
		manageUrl: `http://localhost:5173/pesanan/${code}/secret`,
		hostWhatsapp: '0812 3456 7890',
		...overrides
	};
}

let testDb: TestDb;
let db: Db;
let smtp: Smtp;

beforeAll(async () => {
	testDb = await createTestDb();
	db = testDb.db;
	smtp = await startSmtp();
});
afterAll(async () => {
	await smtp.close();
	await testDb.close();
});
afterEach(async () => {
	smtp.received.length = 0;
	await db.deleteFrom('outbox_message').execute();
});

function smtpTransport(port = smtp.port) {
	return createTransport({ smtpUrl: `smtp://127.0.0.1:${port}` });
}

function rows() {
	return db.selectFrom('outbox_message').selectAll().orderBy('id').execute();
}

describe('enqueue', () => {
	it('writes nothing when the transaction of the change rolls back', async () => {
		await expect(
			db.transaction().execute(async (trx) => {
				await outbox.enqueue(trx, {
					recipient: 'ani@example.com',
					template: 'booking_confirmed',
					language: 'id',
					payload: bookingPayload('TB-AAAAAA')
				});
				throw new Error('the booking failed');
			})
		).rejects.toThrow('the booking failed');
		expect(await rows()).toHaveLength(0);
	});

	it('leaves one pending message when the transaction commits', async () => {
		await db.transaction().execute(async (trx) => {
			await outbox.enqueue(trx, {
				recipient: 'ani@example.com',
				template: 'booking_confirmed',
				language: 'id',
				payload: bookingPayload('TB-AAAAAA')
			});
		});
		const [row, ...others] = await rows();
		expect(others).toHaveLength(0);
		expect(row).toMatchObject({
			status: 'pending',
			attempts: 0,
			recipient: 'ani@example.com',
			template: 'booking_confirmed',
			language: 'id'
		});
		expect(row.payload).toMatchObject({ code: 'TB-AAAAAA', totalIdr: 65000 });
	});

	it('ignores a second message with the same dedupe key', async () => {
		const message = {
			recipient: 'ani@example.com',
			template: 'booking_reminder' as const,
			language: 'id' as const,
			payload: bookingPayload('TB-AAAAAA'),
			dedupeKey: 'reminder:1'
		};
		await outbox.enqueue(db, message);
		await outbox.enqueue(db, message);
		expect(await rows()).toHaveLength(1);
	});
});

describe('deliverDue', () => {
	it('sends a batch over one SMTP connection, and opens a new one once told to close', async () => {
		for (const code of ['TB-1AAAAA', 'TB-2BBBBB', 'TB-3CCCCC']) {
			await outbox.enqueue(db, {
				recipient: `${code.toLowerCase()}@example.com`,
				template: 'booking_confirmed',
				language: 'id',
				payload: bookingPayload(code)
			});
		}
		const transport = smtpTransport();
		const before = smtp.connections();
		expect(await outbox.deliverDue({ transport })).toEqual({ sent: 3, failed: 0 });
		expect(smtp.received).toHaveLength(3);
		expect(smtp.connections() - before).toBe(1);

		transport.close?.();
		const fresh = smtpTransport();
		await outbox.enqueue(db, {
			recipient: 'tb-4ddddd@example.com',
			template: 'booking_confirmed',
			language: 'id',
			payload: bookingPayload('TB-4DDDDD')
		});
		expect(await outbox.deliverDue({ transport: fresh })).toEqual({ sent: 1, failed: 0 });
		expect(smtp.connections() - before).toBe(2);
		fresh.close?.();
	});

	it('sends a confirmation in the booking language with its calendar file', async () => {
		await outbox.enqueue(db, {
			recipient: 'tourist@example.com',
			template: 'booking_confirmed',
			language: 'en',
			payload: bookingPayload('TB-7KX4Q2')
		});
		await outbox.enqueue(db, {
			recipient: 'wisatawan@example.com',
			template: 'booking_confirmed',
			language: 'id',
			payload: bookingPayload('TB-9MP3RT')
		});

		expect(await outbox.deliverDue({ transport: smtpTransport() })).toEqual({
			sent: 2,
			failed: 0
		});

		const english = smtp.received.find((mail) => mail.to[0] === 'tourist@example.com');
		const indonesian = smtp.received.find((mail) => mail.to[0] === 'wisatawan@example.com');
		expect(smtp.received).toHaveLength(2);
		expect(header(english!.raw, 'Subject')).toBe('Booking TB-7KX4Q2 confirmed');
		expect(header(indonesian!.raw, 'Subject')).toBe('Pemesanan TB-9MP3RT terkonfirmasi');

		const englishParts = mimeParts(english!.raw);
		const text = englishParts.find((part) => /content-type:\s*text\/plain/i.test(part.headers));
		expect(text?.body).toContain('TB-7KX4Q2');
		expect(text?.body).toContain('08:00 WIB');
		expect(text?.body).toContain('Saturday, 5 December 2026');
		const ics = englishParts.find((part) => /filename="?TB-7KX4Q2\.ics/i.test(part.headers));
		expect(ics?.headers).toMatch(/text\/calendar/i);
		expect(ics?.body).toContain('DTSTART:20261205T010000Z');
		expect(ics?.body).toContain('UID:TB-7KX4Q2@agrowisata-pali');

		const indonesianText = mimeParts(indonesian!.raw).find((part) =>
			/content-type:\s*text\/plain/i.test(part.headers)
		);
		expect(indonesianText?.body).toContain('08.00 WIB');
		expect(indonesianText?.body).toContain('Rp 65.000');

		for (const row of await rows()) {
			expect(row.status).toBe('sent');
			expect(row.sent_at).not.toBeNull();
		}
	});

	it('sends nothing twice', async () => {
		await outbox.enqueue(db, {
			recipient: 'ani@example.com',
			template: 'booking_cancelled',
			language: 'id',
			payload: bookingPayload('TB-AAAAAA', { lines: undefined, manageUrl: undefined })
		});
		expect(await outbox.deliverDue({ transport: smtpTransport() })).toEqual({
			sent: 1,
			failed: 0
		});
		expect(await outbox.deliverDue({ transport: smtpTransport() })).toEqual({
			sent: 0,
			failed: 0
		});
		expect(smtp.received).toHaveLength(1);
		// Its one calendar file is the cancellation, which takes the visit out of a calendar.
		expect(smtp.received[0].raw.match(/filename="?TB-AAAAAA\.ics/g)).toHaveLength(1);
	});

	it('keeps a message when the mail server is down and sends it once it is back', async () => {
		const down = await startSmtp();
		const port = down.port;
		await down.close();
		const transport = smtpTransport(port);
		await outbox.enqueue(db, {
			recipient: 'ani@example.com',
			template: 'booking_confirmed',
			language: 'id',
			payload: bookingPayload('TB-AAAAAA')
		});

		const before = Date.now();
		expect(await outbox.deliverDue({ transport })).toEqual({ sent: 0, failed: 1 });
		const [waiting] = await rows();
		expect(waiting.status).toBe('pending');
		expect(waiting.attempts).toBe(1);
		expect(waiting.last_error).toBeTruthy();
		expect(new Date(waiting.next_attempt_at).getTime()).toBeGreaterThan(before);

		// Not due yet: the retry waits for its backoff.
		expect(await outbox.deliverDue({ transport })).toEqual({ sent: 0, failed: 0 });

		const back = await startSmtp(port);
		try {
			const later = new Date(Date.now() + 2 * 60_000);
			expect(await outbox.deliverDue({ transport, now: later })).toEqual({ sent: 1, failed: 0 });
			expect(back.received).toHaveLength(1);
			expect(back.received[0].raw).toContain('TB-AAAAAA');
			const [sent] = await rows();
			expect(sent).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
		} finally {
			await back.close();
		}
	});

	it('gives up after ten failed attempts', async () => {
		await outbox.enqueue(db, {
			recipient: 'ani@example.com',
			template: 'booking_confirmed',
			language: 'id',
			payload: { code: 'TB-AAAAAA' }
		});
		// A second ahead: the row was stamped by the database clock, to the microsecond.
		let now = new Date(Date.now() + 1_000);
		for (let attempt = 1; attempt <= 10; attempt++) {
			expect(await outbox.deliverDue({ transport: smtpTransport(), now })).toEqual({
				sent: 0,
				failed: 1
			});
			now = new Date(now.getTime() + 2 * 60 * 60_000);
		}
		const [row] = await rows();
		expect(row).toMatchObject({ status: 'failed', attempts: 10 });
		expect(await outbox.deliverDue({ transport: smtpTransport(), now })).toEqual({
			sent: 0,
			failed: 0
		});
		expect(smtp.received).toHaveLength(0);
	});

	it.skipIf(!postgresUrl)(
		'delivers each message exactly once when two app instances run at the same time',
		async () => {
			const count = 30;
			for (let i = 0; i < count; i++) {
				await outbox.enqueue(db, {
					recipient: `visitor${i}@example.com`,
					template: 'booking_confirmed',
					language: i % 2 ? 'en' : 'id',
					payload: bookingPayload(`TB-${String(i).padStart(6, '2')}`)
				});
			}
			const instances = [db, testDb.connectAgain()];
			async function drain(instance: Db): Promise<number> {
				let sent = 0;
				for (;;) {
					const result = await outbox.deliverDue({
						db: instance,
						transport: smtpTransport(),
						limit: 3
					});
					if (result.sent + result.failed === 0) return sent;
					sent += result.sent;
				}
			}
			const sentByRun = await Promise.all(
				instances.flatMap((instance) => [drain(instance), drain(instance), drain(instance)])
			);

			expect(sentByRun.reduce((sum, sent) => sum + sent, 0)).toBe(count);
			const recipients = smtp.received.flatMap((mail) => mail.to).sort();
			expect(recipients).toHaveLength(count);
			expect(new Set(recipients).size).toBe(count);
			const statuses = (await rows()).map((row) => row.status);
			expect(statuses).toEqual(Array(count).fill('sent'));
		}
	);
});

describe('startOutboxWorker', () => {
	it('sends what is enqueued until it is stopped', async () => {
		const stop = outbox.startOutboxWorker({ pollMs: 50, transport: smtpTransport() });
		try {
			await outbox.enqueue(db, {
				recipient: 'ani@example.com',
				template: 'booking_confirmed',
				language: 'id',
				payload: bookingPayload('TB-AAAAAA')
			});
			await expect
				.poll(async () => (await rows()).map((row) => row.status), { timeout: 10_000 })
				.toEqual(['sent']);
		} finally {
			stop();
		}
		// Let a round that was already under way finish before checking that no new one starts.
		await new Promise((resolve) => setTimeout(resolve, 200));
		await outbox.enqueue(db, {
			recipient: 'budi@example.com',
			template: 'booking_confirmed',
			language: 'id',
			payload: bookingPayload('TB-BBBBBB')
		});
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(smtp.received.map((mail) => mail.to[0])).toEqual(['ani@example.com']);
	});
});

describe('giving way to requests', () => {
	function enqueueFor(recipient: string, code: string) {
		return outbox.enqueue(db, {
			recipient,
			template: 'booking_confirmed',
			language: 'id',
			payload: bookingPayload(code)
		});
	}

	it('hands the rest of a batch back, due at once, when asked to pause', async () => {
		await enqueueFor('ani@example.com', 'TB-AAAAAA');
		await enqueueFor('budi@example.com', 'TB-BBBBBB');
		let asked = 0;
		// Sends the first message, then pauses before the second.
		const paused = await outbox.deliverDue({
			transport: smtpTransport(),
			pauseWhen: () => ++asked > 1
		});
		expect(paused).toEqual({ sent: 1, failed: 0 });
		expect((await rows()).map((row) => row.status)).toEqual(['sent', 'pending']);
		// Handed back rather than leased: the next round sends it.
		expect(await outbox.deliverDue({ transport: smtpTransport() })).toEqual({
			sent: 1,
			failed: 0
		});
		expect(smtp.received.map((mail) => mail.to[0])).toEqual([
			'ani@example.com',
			'budi@example.com'
		]);
	});

	it('waits while the instance is answering requests, then sends', async () => {
		let busy = true;
		const stop = outbox.startOutboxWorker({
			pollMs: 50,
			transport: smtpTransport(),
			busy: () => busy
		});
		try {
			await enqueueFor('ani@example.com', 'TB-AAAAAA');
			await new Promise((resolve) => setTimeout(resolve, 600));
			expect((await rows()).map((row) => row.status)).toEqual(['pending']);
			busy = false;
			await expect
				.poll(async () => (await rows()).map((row) => row.status), { timeout: 10_000 })
				.toEqual(['sent']);
		} finally {
			stop();
		}
	});

	it('never waits longer than it was told, however busy the instance stays', async () => {
		const stop = outbox.startOutboxWorker({
			pollMs: 50,
			transport: smtpTransport(),
			busy: () => true,
			maxWaitMs: 400
		});
		try {
			await enqueueFor('ani@example.com', 'TB-AAAAAA');
			await expect
				.poll(async () => (await rows()).map((row) => row.status), { timeout: 10_000 })
				.toEqual(['sent']);
		} finally {
			stop();
		}
	});
});

describe('enqueueReminders', () => {
	const village = '16.12.01.2001';
	let packageId: number;
	let categoryId: number;
	let nextSlot = 0;

	beforeAll(async () => {
		const tourPackage = await db
			.insertInto('tour_package')
			.values({
				village_code: village,
				slug: 'petik-nanas-pengingat',
				title_id: 'Petik nanas',
				title_en: 'Pineapple picking',
				description_id: 'Memetik nanas di kebun.',
				description_en: 'Picking pineapples in the garden.',
				duration_minutes: 180,
				max_party: 20,
				status: 'published'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		packageId = tourPackage.id;
		const category = await db
			.insertInto('price_category')
			.values({
				package_id: packageId,
				code: 'dewasa',
				label_id: 'Dewasa',
				label_en: 'Adult',
				price_idr: 25000
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		categoryId = category.id;
	});

	async function book(
		localDate: string,
		options: { status?: 'confirmed' | 'cancelled_by_tourist'; email?: string | null } = {}
	): Promise<{ id: number; code: string }> {
		nextSlot++;
		const slot = await db
			.insertInto('slot')
			.values({
				package_id: packageId,
				local_date: localDate,
				starts_at: `${localDate}T08:${String(nextSlot).padStart(2, '0')}:00+07:00`,
				ends_at: `${localDate}T11:00:00+07:00`,
				capacity: 20,
				seats_taken: 2
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const code = `TB-R${String(nextSlot).padStart(5, '2')}`;
		const booking = await db
			.insertInto('booking')
			.values({
				code,
				slot_id: slot.id,
				package_id: packageId,
				village_code: village,
				status: options.status ?? 'confirmed',
				seats: 2,
				people: 2,
				total_idr: 50000,
				contact_name: 'Ani',
				contact_phone: '081234567890',
				contact_email: options.email === undefined ? `${code}@example.com` : options.email,
				origin_country: 'GB',
				language: 'en',
				manage_secret_hash: 'x'.repeat(64)
			})
			.returning(['id', 'code'])
			.executeTakeFirstOrThrow();
		await db
			.insertInto('booking_line')
			.values({
				booking_id: booking.id,
				category_id: categoryId,
				category_code: 'dewasa',
				label_id: 'Dewasa',
				label_en: 'Adult',
				quantity: 2,
				unit_price_idr: 25000,
				takes_seat: true,
				age_group: 'adult'
			})
			.execute();
		return booking;
	}

	it("reminds each confirmed booking of tomorrow's visit once", async () => {
		const tomorrow = await book('2026-12-05');
		await book('2026-12-05', { email: null });
		await book('2026-12-05', { status: 'cancelled_by_tourist' });
		await book('2026-12-04');
		await book('2026-12-06');

		// 10:00 on 4 December in Jakarta.
		const now = new Date('2026-12-04T03:00:00Z');
		expect(await outbox.enqueueReminders(now)).toBe(1);
		expect(await outbox.enqueueReminders(now)).toBe(0);
		expect(await outbox.enqueueReminders(new Date(now.getTime() + 60 * 60_000))).toBe(0);

		const [reminder, ...others] = await rows();
		expect(others).toHaveLength(0);
		expect(reminder).toMatchObject({
			template: 'booking_reminder',
			recipient: `${tomorrow.code}@example.com`,
			language: 'en',
			dedupe_key: `reminder:${tomorrow.id}`,
			status: 'pending'
		});
		expect(reminder.payload).toMatchObject({
			code: tomorrow.code,
			packageTitle: 'Pineapple picking',
			villageName: 'Talang Bulang',
			lines: [{ label: 'Adult', quantity: 2, unitPriceIdr: 25000 }],
			totalIdr: 50000
		});
		expect(String(reminder.payload.manageUrl)).toContain(`/pesanan/${tomorrow.code}/`);

		expect(await outbox.deliverDue({ transport: smtpTransport(), now })).toEqual({
			sent: 1,
			failed: 0
		});
		const [mail] = smtp.received;
		expect(header(mail.raw, 'Subject')).toBe('Tomorrow: Pineapple picking');
		expect(mail.raw).toMatch(new RegExp(`filename="?${tomorrow.code}\\.ics`));
	});

	it('counts tomorrow by the Jakarta date, and waits for the morning to send', async () => {
		const visit = await book('2026-12-07');
		// 01:00 on 6 December in Jakarta, still 5 December in UTC.
		const now = new Date('2026-12-05T18:00:00Z');
		expect(await outbox.enqueueReminders(now)).toBe(1);
		const [reminder] = await rows();
		expect(reminder.dedupe_key).toBe(`reminder:${visit.id}`);
		expect(new Date(reminder.next_attempt_at).toISOString()).toBe('2026-12-06T00:00:00.000Z');
		expect(await outbox.deliverDue({ transport: smtpTransport(), now })).toEqual({
			sent: 0,
			failed: 0
		});
	});
});
