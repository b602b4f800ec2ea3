// Harvest seasons: a package's usual months with the host's per-month overrides decide where
// slots exist, what the calendar and the booking say; tourists waiting for a season get one
// e-mail when it opens (through the outbox and a real SMTP server) and their address is deleted.
import { once } from 'node:events';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, monthInJakarta } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import * as availability from '$lib/server/availability';
import { bookingInput } from '$lib/server/bookings/input';
import * as bookings from '$lib/server/bookings';
import { createTransport } from '$lib/server/mail/transport';
import * as hostSeasons from '$lib/server/seasons/host';
import * as outbox from '$lib/server/mail/outbox';
import * as packages from '$lib/server/packages';
import * as seasonSubscriptions from '$lib/server/seasons/subscriptions';
import * as seasons from '$lib/server/seasons';
import { parse } from '$lib/validation';
import { createTestDb, type TestDb } from '../helpers/db';
import { bookingRequest, createPackage } from '../helpers/fixtures';

const TALANG_BULANG = '16.12.01.2001';
// The sample pineapple season: out of season in August and September.
const PINEAPPLE = [1, 2, 3, 4, 5, 6, 7, 10, 11, 12];
// Monday 2 August 2027, 10:00 WIB: out of season.
const AUGUST = new Date('2027-08-02T03:00:00Z');
// Friday 1 October 2027, 10:00 WIB: the usual season is back.
const OCTOBER = new Date('2027-10-01T03:00:00Z');

interface Received {
	to: string[];
	raw: string;
}

let testDb: TestDb;
let hostId: number;
let smtp: { port: number; received: Received[]; close(): Promise<void> };

/** A real SMTP server in this process, as in outbox.test.ts. */
async function startSmtp() {
	const received: Received[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
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
	server.listen(0, '127.0.0.1');
	await once(server.server, 'listening');
	const address = server.server.address();
	if (!address || typeof address === 'string') throw new Error('no port');
	return {
		port: address.port,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** The text of a message: quoted-printable undone, base64 parts decoded. */
function textOf(raw: string): string {
	const unfolded = raw
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	const base64 = [...raw.matchAll(/base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/g)].map((match) =>
		Buffer.from(match[1].replace(/\s+/g, ''), 'base64').toString('utf8')
	);
	return [unfolded, ...base64].join('\n');
}

function header(raw: string, name: string): string | undefined {
	const head = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
	return head.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'))?.[1];
}

function deliver(now: Date) {
	return outbox.deliverDue({
		now,
		transport: createTransport({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` })
	});
}

beforeAll(async () => {
	testDb = await createTestDb();
	smtp = await startSmtp();
	({ id: hostId } = await testDb.db
		.insertInto('app_user')
		.values({
			email: 'musim@example.com',
			name: 'Pengelola Musim',
			password_hash: 'not-used',
			role: 'host'
		})
		.returning('id')
		.executeTakeFirstOrThrow());
});
afterAll(async () => {
	await smtp.close();
	await testDb.close();
});
afterEach(async () => {
	smtp.received.length = 0;
	await testDb.db.deleteFrom('outbox_message').execute();
	await sql`DELETE FROM rate_limit`.execute(testDb.db);
	await testDb.db.deleteFrom('season_subscription').execute();
});

/** A published package with the pineapple season and a session at 08:00 every day. */
async function seasonalPackage(seasonMonths = PINEAPPLE, now = AUGUST): Promise<number> {
	const { packageId } = await createPackage(testDb.db, { starts: [], seasonMonths });
	await testDb.db
		.insertInto('availability_rule')
		.values({
			package_id: packageId,
			weekdays: [1, 2, 3, 4, 5, 6, 7],
			start_times: ['08:00'],
			capacity: 10,
			valid_from: '2027-07-01'
		})
		.execute();
	const result = await availability.materialize(packageId, { now });
	expect(result.ok).toBe(true);
	return packageId;
}

function slotsIn(packageId: number, month: string) {
	return testDb.db
		.selectFrom('slot')
		.select(['id', 'local_date', 'status', 'seats_taken'])
		.where('package_id', '=', packageId)
		.where('local_date', '>=', `${month}-01`)
		.where('local_date', '<', `${addMonths(month, 1)}-01`)
		.where('status', '=', 'open')
		.orderBy('starts_at')
		.execute();
}

function subscriptionsOf(packageId: number) {
	return testDb.db
		.selectFrom('season_subscription')
		.select(['email', 'language'])
		.where('package_id', '=', packageId)
		.orderBy('email')
		.execute();
}

function outboxRows(template?: string) {
	let query = testDb.db
		.selectFrom('outbox_message')
		.select(['recipient', 'template', 'language', 'payload', 'status'])
		.orderBy('id');
	if (template) query = query.where('template', '=', template);
	return query.execute();
}

async function packageRow(packageId: number) {
	return testDb.db
		.selectFrom('tour_package')
		.select(['season_months', 'season_overrides'])
		.where('id', '=', packageId)
		.executeTakeFirstOrThrow();
}

/** The twelve months the editor shows from `now`, with the wanted in-season ones ticked. */
function editorInput(now: Date, open: (month: string, usual: boolean) => boolean) {
	const first = monthInJakarta(now);
	const shown = Array.from({ length: 12 }, (_, i) => addMonths(first, i));
	return {
		shown,
		open: shown.filter((month) => open(month, seasons.isUsualMonth(PINEAPPLE, month)))
	};
}

async function book(slotId: number, now: Date) {
	const request = parse(bookingInput, bookingRequest(slotId));
	if (!request.ok) throw new Error('the fixture request is valid');
	return bookings.create(request.data, { now });
}

describe('the effective season', () => {
	it('is the usual months unless a month is overridden: slots, calendar and booking agree', async () => {
		const packageId = await seasonalPackage();
		expect(await slotsIn(packageId, '2027-08')).toHaveLength(0);
		expect(await slotsIn(packageId, '2027-10')).toHaveLength(31);
		expect((await availability.readCalendarMonth(packageId, '2027-08', AUGUST)).inSeason).toBe(
			false
		);

		// The host opens August (early fruit) and closes October (a late harvest).
		const saved = await hostSeasons.saveSeason(
			hostId,
			TALANG_BULANG,
			packageId,
			editorInput(AUGUST, (month, usual) =>
				month === '2027-08' ? true : month === '2027-10' ? false : usual
			),
			AUGUST
		);
		expect(saved).toEqual({ ok: true, notified: 0 });
		expect((await packageRow(packageId)).season_overrides).toEqual({
			'2027-08': true,
			'2027-10': false
		});
		// From 3 August on: the 08:00 session of 2 August has already started.
		expect(await slotsIn(packageId, '2027-08')).toHaveLength(29);
		expect(await slotsIn(packageId, '2027-10')).toHaveLength(0);
		expect(await slotsIn(packageId, '2027-11')).toHaveLength(30);
		const august = await availability.readCalendarMonth(packageId, '2027-08', AUGUST);
		expect(august.inSeason).toBe(true);
		expect(august.days.every((day) => day.inSeason)).toBe(true);
		expect((await availability.readCalendarMonth(packageId, '2027-10', AUGUST)).inSeason).toBe(
			false
		);

		const [augustSlot] = await slotsIn(packageId, '2027-08');
		const booked = await book(augustSlot.id, AUGUST);
		expect(booked.ok).toBe(true);
	});

	it('refuses a booking on a slot of a month the host has closed, even if the slot is left', async () => {
		const packageId = await seasonalPackage();
		const [novemberSlot] = await slotsIn(packageId, '2027-11');
		// The override without a materialisation: the booking's own check must hold the line.
		await testDb.db
			.updateTable('tour_package')
			.set({ season_overrides: JSON.stringify({ '2027-11': false }) })
			.where('id', '=', packageId)
			.execute();
		const refused = await book(novemberSlot.id, AUGUST);
		expect(refused).toMatchObject({ ok: false, fields: { slotId: m.booking_out_of_season() } });
		const slot = await testDb.db
			.selectFrom('slot')
			.select('seats_taken')
			.where('id', '=', novemberSlot.id)
			.executeTakeFirstOrThrow();
		expect(slot.seats_taken).toBe(0);
	});
});

describe('the next season start', () => {
	it('names the first month in season after the month shown, and whether the calendar reaches it', async () => {
		const packageId = await seasonalPackage();
		expect(await seasonSubscriptions.findSeasonNotice(packageId, '2027-08', AUGUST)).toEqual({
			subscribable: true,
			nextStart: '2027-10',
			nextStartShown: true
		});
		await testDb.db
			.updateTable('tour_package')
			.set({ season_overrides: JSON.stringify({ '2027-10': false }) })
			.where('id', '=', packageId)
			.execute();
		expect(
			(await seasonSubscriptions.findSeasonNotice(packageId, '2027-08', AUGUST)).nextStart
		).toBe('2027-11');
		// October closed, November in season: nothing to wait for then.
		expect(
			(await seasonSubscriptions.findSeasonNotice(packageId, '2027-08', OCTOBER)).subscribable
		).toBe(true);
		const november = new Date('2027-11-10T03:00:00Z');
		expect(
			(await seasonSubscriptions.findSeasonNotice(packageId, '2027-08', november)).subscribable
		).toBe(false);

		// A one-month season: March 2028 is beyond the months the calendar can show.
		const march = await seasonalPackage([3]);
		expect(await seasonSubscriptions.findSeasonNotice(march, '2027-08', AUGUST)).toEqual({
			subscribable: true,
			nextStart: '2028-03',
			nextStartShown: false
		});
	});

	it('reads the same notice from the season the package page has read with the package', async () => {
		const packageId = await seasonalPackage();
		const { slug } = await testDb.db
			.selectFrom('tour_package')
			.select('slug')
			.where('id', '=', packageId)
			.executeTakeFirstOrThrow();
		await testDb.db
			.updateTable('tour_package')
			.set({ season_overrides: JSON.stringify({ '2027-08': true, '2027-10': false }) })
			.where('id', '=', packageId)
			.execute();
		const page = await packages.pageBySlug('id', slug);
		expect(page?.seasonOverrides).toEqual({ '2027-08': true, '2027-10': false });
		for (const [month, now] of [
			['2027-08', AUGUST],
			['2027-09', AUGUST],
			['2027-09', OCTOBER]
		] as const) {
			const notice = seasonSubscriptions.describeSeasonNotice(
				page!.pkg.seasonMonths,
				page!.seasonOverrides,
				month,
				now
			);
			expect(notice).toEqual(await seasonSubscriptions.findSeasonNotice(packageId, month, now));
		}
		expect(
			seasonSubscriptions.describeSeasonNotice(
				page!.pkg.seasonMonths,
				page!.seasonOverrides,
				'2027-09',
				AUGUST
			)
		).toEqual({
			subscribable: false,
			nextStart: '2027-11',
			nextStartShown: true
		});
	});
});

describe('subscribing', () => {
	it('refuses a bad address at the field and writes nothing', async () => {
		const packageId = await seasonalPackage();
		for (const [email, message] of [
			['not-an-address', m.season_email_invalid()],
			['   ', m.season_email_required()],
			[undefined, m.season_email_required()],
			[`${'a'.repeat(250)}@example.com`, m.season_email_invalid()]
		] as const) {
			const result = await seasonSubscriptions.subscribe(packageId, { email }, 'id', {
				now: AUGUST
			});
			expect(result).toEqual({ ok: false, status: 422, fields: { email: message } });
		}
		expect(await subscriptionsOf(packageId)).toEqual([]);
		expect(await outboxRows()).toEqual([]);
	});

	it('refuses while the package is in season, and writes nothing', async () => {
		const packageId = await seasonalPackage(PINEAPPLE, OCTOBER);
		const result = await seasonSubscriptions.subscribe(
			packageId,
			{ email: 'ani@example.com' },
			'id',
			{ now: OCTOBER }
		);
		expect(result).toEqual({
			ok: false,
			status: 409,
			fields: { form: m.season_subscribe_in_season() }
		});
		expect(await subscriptionsOf(packageId)).toEqual([]);
		expect(await outboxRows()).toEqual([]);
	});

	it('keeps the same address twice as one subscription, with one confirmation', async () => {
		const packageId = await seasonalPackage();
		const first = await seasonSubscriptions.subscribe(
			packageId,
			{ email: ' Ani@Example.COM ' },
			'id',
			{ now: AUGUST, clientAddress: '192.0.2.10' }
		);
		const again = await seasonSubscriptions.subscribe(
			packageId,
			{ email: 'ani@example.com' },
			'id',
			{ now: AUGUST, clientAddress: '192.0.2.10' }
		);
		expect(first).toEqual({ ok: true, email: 'ani@example.com' });
		expect(again).toEqual(first);
		expect(await subscriptionsOf(packageId)).toEqual([
			{ email: 'ani@example.com', language: 'id' }
		]);
		const queued = await outboxRows();
		expect(queued).toHaveLength(1);
		expect(queued[0]).toMatchObject({
			recipient: 'ani@example.com',
			template: 'season_subscribed'
		});

		// The confirmation says when the season is due and carries the unsubscribe link.
		expect(await deliver(AUGUST)).toEqual({ sent: 1, failed: 0 });
		const [mail] = smtp.received;
		expect(mail.to).toEqual(['ani@example.com']);
		const text = textOf(mail.raw);
		expect(text).toContain('Oktober 2027');
		const link = text.match(/http:\/\/localhost:5173\/kabar-musim\/[A-Za-z0-9_-]{43}/)?.[0];
		expect(link).toBeDefined();
		expect(header(mail.raw, 'List-Unsubscribe')).toBe(`<${link}>`);
	});

	it('counts subscriptions per client address and refuses the eleventh in a minute', async () => {
		const packageId = await seasonalPackage();
		for (let i = 0; i < 10; i++) {
			const result = await seasonSubscriptions.subscribe(
				packageId,
				{ email: `tamu${i}@example.com` },
				'id',
				{ now: AUGUST, clientAddress: '198.51.100.7' }
			);
			expect(result.ok).toBe(true);
		}
		const refused = await seasonSubscriptions.subscribe(
			packageId,
			{ email: 'tamu10@example.com' },
			'id',
			{ now: AUGUST, clientAddress: '198.51.100.7' }
		);
		expect(refused).toMatchObject({ ok: false, status: 429 });
		expect(await subscriptionsOf(packageId)).toHaveLength(10);
		expect(await outboxRows('season_subscribed')).toHaveLength(10);
	});
});

describe('when the season opens', () => {
	it('sends each subscriber exactly one message, in their language, and deletes the addresses', async () => {
		const packageId = await seasonalPackage();
		const other = await seasonalPackage();
		for (const [email, language] of [
			['ani@example.com', 'id'],
			['bob@example.com', 'en']
		] as const) {
			await seasonSubscriptions.subscribe(packageId, { email }, language, { now: AUGUST });
		}
		await seasonSubscriptions.subscribe(other, { email: 'citra@example.com' }, 'id', {
			now: AUGUST
		});
		await testDb.db.deleteFrom('outbox_message').execute();

		// Still August: nobody is told, nothing is deleted.
		expect(await seasonSubscriptions.notifyOpenSeasons(AUGUST)).toBe(0);
		expect(await subscriptionsOf(packageId)).toHaveLength(2);

		// The other package stays closed in October: only this one's subscribers hear.
		await testDb.db
			.updateTable('tour_package')
			.set({ season_overrides: JSON.stringify({ '2027-10': false }) })
			.where('id', '=', other)
			.execute();
		expect(await seasonSubscriptions.notifyOpenSeasons(OCTOBER)).toBe(2);
		expect(await subscriptionsOf(packageId)).toEqual([]);
		expect(await subscriptionsOf(other)).toHaveLength(1);
		// Run again (another instance, the next hour): nothing more.
		expect(await seasonSubscriptions.notifyOpenSeasons(OCTOBER)).toBe(0);

		expect(await deliver(OCTOBER)).toEqual({ sent: 2, failed: 0 });
		expect(await deliver(OCTOBER)).toEqual({ sent: 0, failed: 0 });
		const byRecipient = (to: string) => smtp.received.filter((mail) => mail.to.includes(to));
		expect(byRecipient('ani@example.com')).toHaveLength(1);
		expect(byRecipient('bob@example.com')).toHaveLength(1);
		expect(byRecipient('citra@example.com')).toHaveLength(0);
		const slug = (
			await testDb.db
				.selectFrom('tour_package')
				.select('slug')
				.where('id', '=', packageId)
				.executeTakeFirstOrThrow()
		).slug;
		const indonesian = textOf(byRecipient('ani@example.com')[0].raw);
		expect(indonesian).toContain(`http://localhost:5173/paket/${slug}`);
		expect(indonesian).toContain('sedang musim');
		const english = textOf(byRecipient('bob@example.com')[0].raw);
		expect(english).toContain(`http://localhost:5173/en/paket/${slug}`);
		expect(english).toContain('is in season');
		expect(header(byRecipient('bob@example.com')[0].raw, 'List-Unsubscribe')).toBeUndefined();
	});

	it('found by the hourly job in the small hours, waits for the morning', async () => {
		const packageId = await seasonalPackage();
		await seasonSubscriptions.subscribe(packageId, { email: 'dini@example.com' }, 'id', {
			now: AUGUST
		});
		await testDb.db.deleteFrom('outbox_message').execute();
		// 1 October 2027, 00:30 WIB.
		const night = new Date('2027-09-30T17:30:00Z');
		expect(await seasonSubscriptions.notifyOpenSeasons(night)).toBe(1);
		expect(await deliver(night)).toEqual({ sent: 0, failed: 0 });
		expect(await deliver(new Date('2027-10-01T00:00:00Z'))).toEqual({ sent: 1, failed: 0 });
	});

	it('sends nothing to an address that unsubscribed, and the link works once', async () => {
		const packageId = await seasonalPackage();
		await seasonSubscriptions.subscribe(packageId, { email: 'eka@example.com' }, 'en', {
			now: AUGUST
		});
		const [confirmation] = await outboxRows('season_subscribed');
		const url = (confirmation.payload as { unsubscribeUrl: string }).unsubscribeUrl;
		expect(url).toMatch(/^http:\/\/localhost:5173\/en\/kabar-musim\//);
		const token = url.split('/').at(-1) as string;
		// Only the hash is stored.
		const stored = await testDb.db
			.selectFrom('season_subscription')
			.select('token_hash')
			.where('package_id', '=', packageId)
			.executeTakeFirstOrThrow();
		expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(stored.token_hash).not.toContain(token);

		expect(await seasonSubscriptions.findByToken(token, 'en')).toMatchObject({
			packageTitle: 'Pineapple picking (test)',
			villageName: 'Talang Bulang'
		});
		expect(await seasonSubscriptions.unsubscribe(token)).toBe(true);
		expect(await seasonSubscriptions.unsubscribe(token)).toBe(false);
		expect(await seasonSubscriptions.findByToken(token, 'en')).toBeUndefined();
		expect(await subscriptionsOf(packageId)).toEqual([]);

		await testDb.db.deleteFrom('outbox_message').execute();
		expect(await seasonSubscriptions.notifyOpenSeasons(OCTOBER)).toBe(0);
		expect(await deliver(OCTOBER)).toEqual({ sent: 0, failed: 0 });
		expect(smtp.received).toEqual([]);
	});
});

describe('addresses nobody will write to', () => {
	it('are deleted when their package is archived or after 18 months of waiting', async () => {
		const archived = await seasonalPackage();
		const waiting = await seasonalPackage();
		for (const [packageId, email] of [
			[archived, 'fajar@example.com'],
			[waiting, 'gita@example.com']
		] as const) {
			await seasonSubscriptions.subscribe(packageId, { email }, 'id', { now: AUGUST });
		}
		await testDb.db
			.updateTable('season_subscription')
			.set({ created_at: AUGUST })
			.where('package_id', 'in', [archived, waiting])
			.execute();
		await testDb.db
			.updateTable('tour_package')
			.set({ status: 'archived' })
			.where('id', '=', archived)
			.execute();

		// A month later only the archived package's address goes.
		expect(await seasonSubscriptions.forgetStale(new Date('2027-09-02T03:00:00Z'))).toBe(1);
		expect(await subscriptionsOf(archived)).toEqual([]);
		expect(await subscriptionsOf(waiting)).toHaveLength(1);
		// Eighteen months on, the one still waiting goes too.
		expect(await seasonSubscriptions.forgetStale(new Date('2029-02-01T03:00:00Z'))).toBe(0);
		expect(await seasonSubscriptions.forgetStale(new Date('2029-02-03T03:00:00Z'))).toBe(1);
		expect(await subscriptionsOf(waiting)).toEqual([]);
	});
});

describe('the host season editor', () => {
	function seasonEvents(packageId: number) {
		return testDb.db
			.selectFrom('audit_event')
			.select(['actor_user_id', 'village_code', 'before', 'after'])
			.where('action', '=', 'package.season')
			.where('entity_id', '=', String(packageId))
			.execute();
	}

	it('refuses to close a month with bookings, names them and changes nothing', async () => {
		const packageId = await seasonalPackage();
		const [octoberSlot] = await slotsIn(packageId, '2027-10');
		const booked = await book(octoberSlot.id, AUGUST);
		if (!booked.ok) throw new Error('the booking goes through');
		const slotsBefore = await slotsIn(packageId, '2027-10');

		const refused = await hostSeasons.saveSeason(
			hostId,
			TALANG_BULANG,
			packageId,
			editorInput(AUGUST, (month, usual) => (month === '2027-10' ? false : usual)),
			AUGUST
		);

		expect(refused).toMatchObject({
			ok: false,
			conflicts: [
				{
					slotId: octoberSlot.id,
					seatsTaken: 3,
					newCapacity: 0,
					bookingCodes: [booked.booking.code]
				}
			]
		});
		expect((await packageRow(packageId)).season_overrides).toEqual({});
		expect(await slotsIn(packageId, '2027-10')).toEqual(slotsBefore);
		expect(await seasonEvents(packageId)).toEqual([]);
	});

	it('opening the current month makes its slots and tells the subscribers at once', async () => {
		const packageId = await seasonalPackage();
		await seasonSubscriptions.subscribe(packageId, { email: 'fajar@example.com' }, 'id', {
			now: AUGUST
		});
		await testDb.db.deleteFrom('outbox_message').execute();

		const saved = await hostSeasons.saveSeason(
			hostId,
			TALANG_BULANG,
			packageId,
			editorInput(AUGUST, (month, usual) => month === '2027-08' || usual),
			AUGUST
		);

		expect(saved).toEqual({ ok: true, notified: 1 });
		expect(await slotsIn(packageId, '2027-08')).toHaveLength(29);
		expect(await subscriptionsOf(packageId)).toEqual([]);
		expect(await seasonEvents(packageId)).toEqual([
			{
				actor_user_id: hostId,
				village_code: TALANG_BULANG,
				before: { seasonOverrides: {} },
				after: { seasonOverrides: { '2027-08': true } }
			}
		]);
		expect(await deliver(AUGUST)).toEqual({ sent: 1, failed: 0 });
		expect(smtp.received.map((mail) => mail.to)).toEqual([['fajar@example.com']]);
		expect(textOf(smtp.received[0].raw)).toContain('Kabar baik');

		// The editor shows it: August changed, the months after as usual.
		const view = await hostSeasons.findSeason(TALANG_BULANG, packageId, AUGUST);
		expect(view?.months.slice(0, 3)).toEqual([
			{ month: '2027-08', inSeason: true, usual: false, bookings: 0 },
			{ month: '2027-09', inSeason: false, usual: false, bookings: 0 },
			{ month: '2027-10', inSeason: true, usual: true, bookings: 0 }
		]);
	});

	it("is not another village's to change, and months past the twelve are refused", async () => {
		const packageId = await seasonalPackage();
		const input = editorInput(AUGUST, () => true);
		expect(
			await hostSeasons.saveSeason(hostId, '16.12.01.1017', packageId, input, AUGUST)
		).toBeUndefined();
		const tooFar = await hostSeasons.saveSeason(
			hostId,
			TALANG_BULANG,
			packageId,
			{ shown: ['2028-08'], open: ['2028-08'] },
			AUGUST
		);
		expect(tooFar).toEqual({ ok: false, fields: { months: m.season_host_month_outside() } });
		expect((await packageRow(packageId)).season_overrides).toEqual({});
		expect(await seasonEvents(packageId)).toEqual([]);
	});
});
