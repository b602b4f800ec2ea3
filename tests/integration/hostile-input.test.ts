// Property-based tests: random and hostile input to every API body, query string and form action
// that exists gets a 4xx with a message (or a field message from `fail`) and leaves the bookings,
// their lines, the outbox and the seats exactly as they were; never a 500 or a thrown error.
// HOSTILE_RUNS sets the cases per endpoint; CI runs 1,000.
import { readdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as postBooking } from '../../src/routes/api/v1/bookings/+server';
import { GET as getPackages } from '../../src/routes/api/v1/packages/+server';
import { GET as getAvailability } from '../../src/routes/api/v1/packages/[slug]/availability/+server';
import { actions as bookingActions } from '../../src/routes/paket/[slug]/pesan/+page.server';
import { actions as loginActions } from '../../src/routes/login/+page.server';
import { actions as packageActions } from '../../src/routes/paket/[slug]/+page.server';
import {
	actions as unsubscribeActions,
	load as loadUnsubscribe
} from '../../src/routes/kabar-musim/[token]/+page.server';
import { actions as hostSeasonActions } from '../../src/routes/host/[village]/jadwal/[packageId]/musim/+page.server';
import * as availability from '../../src/lib/server/availability';
import { actions as productActions } from '../../src/routes/host/[village]/produk/+page.server';
import { actions as editActions } from '../../src/routes/host/[village]/produk/[productId]/+page.server';
import { actions as shopActions } from '../../src/routes/host/[village]/toko/+page.server';
import { actions as todayActions } from '../../src/routes/host/[village]/hari-ini/+page.server';
import { actions as orderActions } from '../../src/routes/toko/[slug]/+page.server';
import * as shop from '../../src/lib/server/shop';
import { actions as walkInActions } from '../../src/routes/host/[village]/walk-in/+page.server';
import { load as loadHostBookings } from '../../src/routes/host/[village]/pemesanan/+page.server';
import { readScheduleForm } from '../../src/routes/host/[village]/jadwal/[packageId]/schedule-form';
import { isWithin, todayInJakarta, addMonths, addDays } from '../../src/lib/dates';
import { calendarDate, parse, wholeCount } from '../../src/lib/validation';
import { createTestDb, type TestDb } from '../helpers/db';
import { bookingRequest, createPackage, daysFromNow } from '../helpers/fixtures';

// The properties post thousands of forms from one address; the write budget they would meet
// is tested in tests/e2e/security-input.spec.ts.
vi.hoisted(() => {
	process.env.RATE_LIMIT_WRITES_PER_MINUTE = '10000000';
});

// Photos a form manages to upload go to a folder of this test file's own.
const uploadDir = await vi.hoisted(async () => {
	const { mkdtempSync } = await import('node:fs');
	const { tmpdir } = await import('node:os');
	const { join } = await import('node:path');
	const dir = mkdtempSync(join(tmpdir(), 'agrowisata-hostile-uploads-'));
	process.env.UPLOAD_DIR = dir;
	return dir;
});

const RUNS = Number(process.env.HOSTILE_RUNS || (process.env.CI === 'true' ? 1000 : 150));
const SLUG = 'paket-uji-hostile';

let testDb: TestDb;
let fullSlotId: number;
let openSlotId: number;
let baseline: Footprint;

type Footprint = { bookings: number; lines: number; outbox: number; seats: number };

/** What a refused request must not change, in one statement. */
async function footprint(): Promise<Footprint> {
	const { rows } = await sql<Footprint>`
		SELECT (SELECT count(*) FROM booking)::int AS bookings,
			(SELECT count(*) FROM booking_line)::int AS lines,
			(SELECT count(*) FROM outbox_message)::int AS outbox,
			(SELECT coalesce(sum(seats_taken), 0) FROM slot)::int AS seats`.execute(testDb.db);
	return rows[0];
}

async function expectUnchanged() {
	expect(await footprint()).toEqual(baseline);
	// A JSON body with "__proto__" must never reach Object.prototype.
	expect(Object.prototype).not.toHaveProperty('polluted');
}

beforeAll(async () => {
	testDb = await createTestDb();
	// Every request that passes validation meets a slot with no seat left (409) or one outside
	// the booking window (422), so no random case can legitimately book.
	const full = await createPackage(testDb.db, {
		slug: SLUG,
		starts: [daysFromNow(10)],
		capacity: 1
	});
	fullSlotId = full.slotIds[0];
	await testDb.db
		.updateTable('slot')
		.set({ seats_taken: 1 })
		.where('id', '=', fullSlotId)
		.execute();
	const late = await createPackage(testDb.db, { starts: [daysFromNow(0, 23)], cutoffHours: 48 });
	openSlotId = late.slotIds[0];
	baseline = await footprint();
}, 120_000);
afterAll(() => testDb.close());

// ---- Arbitraries ----------------------------------------------------------------------------

const NASTY = [
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	"'; DROP TABLE booking; --",
	"1' OR '1'='1",
	'1; SELECT pg_sleep(10)',
	'\u0000',
	'a\u0000b',
	'\u202eevil\u202c',
	'\ud800',
	'\uffff\ufffe',
	'\u200b\u200d\ufeff',
	'🍍'.repeat(300),
	'e\u0301\u0301\u0301',
	'Z̷̛̤͎a̸͓̓l̶̙̊g̵̱̀o̷̪͝',
	'../../etc/passwd',
	'%00%0d%0a',
	'\r\nSet-Cookie: x=1',
	'${7*7}{{7*7}}',
	'__proto__',
	'constructor',
	'prototype',
	'NaN',
	'Infinity',
	'-1',
	'-0',
	'1e309',
	'0x1F',
	'9007199254740993',
	'2147483648',
	' ',
	'\t\n',
	'null',
	'undefined',
	'[]',
	'{}',
	'ID',
	'16',
	'0812-3456-7890',
	'+628123456789012345678',
	'a@b',
	'x@example.com'
];

const hostileText = fc.oneof(
	fc.constantFrom(...NASTY),
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.nat({ max: 200_000 }).map((n) => 'x'.repeat(n)),
	fc.nat({ max: 20_000 }).map((n) => '\u0000'.repeat(n))
);

const hostileNumber = fc.oneof(
	fc.integer(),
	fc.double(),
	fc.constantFrom(-1, 0, -0, 0.5, 2 ** 31, 2 ** 53 + 1, 1e308, -1e308, Number.MAX_VALUE, 1e-320)
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
	hostileText,
	hostileNumber,
	fc.constantFrom(null, true, false, undefined),
	fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
	fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
	fc.constant({ __proto__: { polluted: true } })
);

const BODY_PATHS = [
	['slotId'],
	['party'],
	['party', '0'],
	['party', '0', 'category'],
	['party', '0', 'quantity'],
	['party', '1', 'quantity'],
	['party', '5'],
	['contact'],
	['contact', 'name'],
	['contact', 'phone'],
	['contact', 'email'],
	['origin'],
	['origin', 'country'],
	['origin', 'province'],
	['language'],
	['extra'],
	['__proto__'],
	['constructor', 'prototype'],
	['contact', '__proto__']
];

function setPath(target: Record<string, unknown>, path: string[], value: unknown) {
	let node: Record<string, unknown> = target;
	for (const key of path.slice(0, -1)) {
		const next = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
		// Only plain objects and arrays are walked into, as in a body JSON.parse made.
		const plain =
			typeof next === 'object' &&
			next !== null &&
			(Array.isArray(next) || [Object.prototype, null].includes(Object.getPrototypeOf(next)));
		if (!plain) {
			const fresh = {};
			Object.defineProperty(node, key, {
				value: fresh,
				enumerable: true,
				writable: true,
				configurable: true
			});
			node = fresh;
		} else node = next as Record<string, unknown>;
	}
	// defineProperty so that '__proto__' becomes an own key, as JSON.parse would make it. A copy,
	// because one generated object may be set at two paths, one inside the other.
	Object.defineProperty(node, path[path.length - 1], {
		value: structuredClone(value),
		enumerable: true,
		writable: true,
		configurable: true
	});
}

/** A booking body: a valid one with fields replaced, deleted or added, or none at all. */
const bookingBody: fc.Arbitrary<string> = fc.oneof(
	fc
		.tuple(
			fc.array(fc.tuple(fc.constantFrom(...BODY_PATHS), hostileValue), {
				minLength: 1,
				maxLength: 3
			}),
			fc.constantFrom(
				() => fullSlotId,
				() => openSlotId
			)
		)
		.map(([changes, slot]) => {
			const body = bookingRequest(slot()) as Record<string, unknown>;
			for (const [path, value] of changes) setPath(body, path, value);
			return JSON.stringify(body);
		}),
	fc.jsonValue().map((value) => JSON.stringify(value)),
	hostileText,
	fc.constant('{"slotId": 1, "party": [{"category": "dewasa", "quantity": 1}'),
	fc.constant('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')
);

/** Header values must be ByteStrings without CR/LF for the Request to exist at all. */
const headerValue = fc.oneof(
	fc.string({ unit: 'binary-ascii', maxLength: 300 }).map((s) => s.replace(/[\r\n\0]/g, '').trim()),
	fc.constantFrom('short', 'x'.repeat(201), '<script>', "' OR 1=1 --", 'ok-key-12345')
);

// ---- Checks --------------------------------------------------------------------------------

/** A refusal the client can act on: a 4xx with an error code and a message or field messages. */
async function expectExplainedRefusal(response: Response) {
	expect(response.status).toBeGreaterThanOrEqual(400);
	expect(response.status).toBeLessThan(500);
	const body = (await response.json()) as Record<string, unknown>;
	expect(typeof body.error).toBe('string');
	const fields = body.fields as Record<string, unknown> | undefined;
	const explained =
		typeof body.message === 'string' ||
		typeof body.seatsLeft === 'number' ||
		(fields !== undefined &&
			Object.keys(fields).length > 0 &&
			Object.values(fields).every((text) => typeof text === 'string' && text.length > 0));
	expect(explained).toBe(true);
}

/** The field messages of a `fail(…, { fields })`. */
function fieldsOf(data: unknown): Record<string, string> {
	return (data as { fields: Record<string, string> }).fields;
}

function textLength(value: unknown): number {
	if (typeof value === 'string') return value.length;
	if (typeof value !== 'object' || value === null) return 0;
	return Object.values(value).reduce((sum: number, each) => sum + textLength(each), 0);
}

function event(init: {
	url: string;
	request?: Request;
	params?: Record<string, string>;
	address?: string;
}) {
	const cookieJar = new Map<string, string>();
	return {
		url: new URL(init.url),
		request: init.request ?? new Request(init.url),
		params: init.params ?? {},
		locals: { locale: 'id', user: null, session: null },
		getClientAddress: () => init.address ?? '192.0.2.1',
		cookies: {
			get: (name: string) => cookieJar.get(name),
			getAll: () => [...cookieJar].map(([name, value]) => ({ name, value })),
			set: (name: string, value: string) => void cookieJar.set(name, value),
			delete: (name: string) => void cookieJar.delete(name),
			serialize: () => ''
		}
	} as never;
}

// ---- Properties ----------------------------------------------------------------------------

describe('hostile input', () => {
	it('POST /api/v1/bookings refuses every hostile body with a 4xx and books nothing', async () => {
		await fc.assert(
			fc.asyncProperty(bookingBody, fc.option(headerValue), async (body, key) => {
				const headers = new Headers({ 'content-type': 'application/json' });
				if (key !== null) headers.set('idempotency-key', key);
				const url = 'http://localhost/api/v1/bookings';
				const response = await postBooking(
					event({ url, request: new Request(url, { method: 'POST', body, headers }) })
				);
				await expectExplainedRefusal(response);
				await expectUnchanged();
			}),
			{ numRuns: RUNS }
		);
	});

	const FORM_FIELDS = [
		'slot',
		'party.dewasa',
		'party.anak',
		'party.mancanegara',
		'party.balita',
		'contact.name',
		'contact.phone',
		'contact.email',
		'origin.country',
		'origin.province',
		'acceptPolicy',
		'idempotencyKey',
		'__proto__',
		'constructor',
		'party.__proto__'
	];

	const formValue = fc.oneof(
		hostileText,
		hostileNumber.map(String),
		fc.constant(new Blob(['%PDF-1.4 not a field'], { type: 'application/pdf' }))
	);

	const bookingForm = fc
		.tuple(
			fc.array(fc.tuple(fc.constantFrom(...FORM_FIELDS), formValue), {
				minLength: 1,
				maxLength: 4
			}),
			fc.array(fc.constantFrom(...FORM_FIELDS), { maxLength: 2 }),
			fc.boolean()
		)
		.map(([changes, removals, lateSlot]) => {
			const base: Record<string, string> = {
				slot: String(lateSlot ? openSlotId : fullSlotId),
				'party.dewasa': '2',
				'party.anak': '1',
				'contact.name': 'Siti Aminah',
				'contact.phone': '0812-3456-7890',
				'contact.email': 'siti@example.com',
				'origin.country': 'ID',
				'origin.province': '16',
				acceptPolicy: 'on'
			};
			const data = new FormData();
			for (const [name, value] of Object.entries(base)) {
				if (!removals.includes(name)) data.append(name, value);
			}
			for (const [name, value] of changes) {
				// Half the time a second value beside the first, half the time instead of it.
				if (value instanceof Blob) data.append(name, value, 'x.pdf');
				else if (value.length % 2 === 0) data.set(name, value);
				else data.append(name, value);
			}
			return data;
		});

	const slugParam = fc.oneof(
		{ weight: 5, arbitrary: fc.constant(SLUG) },
		{ weight: 1, arbitrary: hostileText }
	);

	async function runAction(
		action: (event: never) => unknown,
		slug: string,
		data: FormData,
		name: string
	) {
		// The slug travels in params; the URL only has to exist (a lone surrogate cannot be encoded).
		const url = `http://localhost/paket/hostile/pesan?/${name}`;
		try {
			return {
				result: await action(
					event({
						url,
						params: { slug },
						request: new Request(url, { method: 'POST', body: data })
					})
				)
			};
		} catch (thrown) {
			return { thrown };
		}
	}

	it('the booking form (?/book) answers every hostile form with field messages', async () => {
		await fc.assert(
			fc.asyncProperty(slugParam, bookingForm, async (slug, data) => {
				const outcome = await runAction(bookingActions.book as never, slug, data, 'book');
				if ('thrown' in outcome) {
					// Only an unknown package may end the request early, as a 404 page.
					expect(isRedirect(outcome.thrown)).toBe(false);
					expect(isHttpError(outcome.thrown, 404)).toBe(true);
					expect(slug).not.toBe(SLUG);
				} else {
					const { result } = outcome;
					expect(isActionFailure(result)).toBe(true);
					if (!isActionFailure(result)) return;
					expect([409, 422]).toContain(result.status);
					const fields = fieldsOf(result.data);
					expect(Object.keys(fields).length).toBeGreaterThan(0);
					for (const message of Object.values(fields)) expect(message).toMatch(/\S/);
				}
				await expectUnchanged();
			}),
			{ numRuns: RUNS }
		);
	});

	it('the price quote (?/quote) echoes hostile forms back, bounded, and books nothing', async () => {
		await fc.assert(
			fc.asyncProperty(slugParam, bookingForm, async (slug, data) => {
				const outcome = await runAction(bookingActions.quote as never, slug, data, 'quote');
				if ('thrown' in outcome) {
					expect(isHttpError(outcome.thrown, 404)).toBe(true);
					expect(slug).not.toBe(SLUG);
				} else {
					const result = outcome.result as { quoted: boolean; values: Record<string, unknown> };
					expect(result.quoted).toBe(true);
					// The form is re-rendered with what was sent: bounded, so a huge field is not echoed.
					expect(textLength(result.values)).toBeLessThanOrEqual(1_200);
				}
				await expectUnchanged();
			}),
			{ numRuns: RUNS }
		);
	});

	it('GET /api/v1/packages refuses a malformed ?village= with a 422 and a message', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(hostileText, fc.constantFrom('16.12.01.2001', '16.12.01.2001 ', '16.12.1.1')),
				fc.boolean(),
				async (village, english) => {
					const url = new URL(`http://localhost/${english ? 'en/' : ''}api/v1/packages`);
					url.searchParams.set('village', village);
					const response = await getPackages({
						...(event({ url: url.href }) as object),
						locals: { locale: english ? 'en' : 'id' }
					} as never);
					if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(village)) {
						expect(response.status).toBe(200);
						expect(Array.isArray((await response.json()).packages)).toBe(true);
					} else {
						expect(response.status).toBe(422);
						expect((await response.json()).fields.village).toMatch(/\S/);
					}
					await expectUnchanged();
				}
			),
			{ numRuns: RUNS }
		);
	});

	it('GET availability refuses hostile slugs and ranges with a 404 or 422', async () => {
		const date = fc.oneof(
			hostileText,
			fc
				.date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true })
				.map((d) => d.toISOString().slice(0, 10)),
			fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '2026-1-1', '99999-01-01')
		);
		await fc.assert(
			fc.asyncProperty(slugParam, fc.option(date), fc.option(date), async (slug, from, to) => {
				const url = new URL('http://localhost/api/v1/packages/hostile/availability');
				if (from !== null) url.searchParams.set('from', from);
				if (to !== null) url.searchParams.set('to', to);
				const response = await getAvailability(event({ url: url.href, params: { slug } }));
				const body = await response.json();
				if (response.status === 200) {
					expect(Array.isArray(body.slots)).toBe(true);
					expect(from !== null && to !== null && from <= to).toBe(true);
				} else {
					expect([404, 422]).toContain(response.status);
					expect(typeof body.error).toBe('string');
					if (response.status === 422) expect(Object.keys(body.fields).length).toBeGreaterThan(0);
				}
				await expectUnchanged();
			}),
			{ numRuns: RUNS }
		);
	});

	it('the sign-in form refuses hostile credentials with a message, never a session', async () => {
		const loginField = fc.oneof(
			hostileText,
			fc.constantFrom('dinas@agrowisata.test', 'DINAS@AGROWISATA.TEST ', 'agrowisata-demo'),
			fc.constant(new Blob(['not a password']))
		);
		let signIns = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.dictionary(
					fc.constantFrom('email', 'password', '__proto__', 'constructor', 'next'),
					loginField,
					{ maxKeys: 4 }
				),
				async (fields) => {
					const data = new FormData();
					for (const [name, value] of Object.entries(fields)) data.append(name, value);
					const url = 'http://localhost/login';
					// A few addresses only: after 30 attempts each the address budget answers
					// (still a 429 with a message), which keeps the password hashing bounded.
					const address = `198.51.100.${signIns++ % 4}`;
					const result = await loginActions.default(
						event({ url, address, request: new Request(url, { method: 'POST', body: data }) })
					);
					expect(isActionFailure(result)).toBe(true);
					if (!isActionFailure(result)) return;
					expect([400, 429]).toContain(result.status);
					const messages = fieldsOf(result.data);
					expect(Object.values(messages).join('')).toMatch(/\S/);
					await expectUnchanged();
				}
			),
			// A NUL byte reaches PostgreSQL as an encoding error unless something refuses it first.
			{ numRuns: RUNS, examples: [[{ email: '\u0000', password: 'x' }]] }
		);
		const sessions = await testDb.db
			.selectFrom('user_session')
			.select(sql<number>`count(*)::int`.as('n'))
			.executeTakeFirstOrThrow();
		expect(sessions.n).toBe(0);
	});
});

// ---- Harvest seasons: "tell me when it is in season", unsubscribing, the host's months ----------

describe('hostile input to harvest seasons', () => {
	const SEASON_SLUG = 'paket-uji-musim';
	const TALANG_BULANG = '16.12.01.2001';
	let seasonPackageId: number;
	let host: { id: number; email: string; name: string; role: 'host' };
	let seasonBaseline: string;
	let runs = 0;

	/** What a refused season request must not change, besides the bookings' footprint. */
	async function seasonFootprint(): Promise<string> {
		const { rows } = await sql<Record<string, unknown>>`
			SELECT (SELECT count(*) FROM season_subscription)::int AS subscriptions,
				(SELECT count(*) FROM outbox_message)::int AS outbox,
				(SELECT count(*) FROM audit_event)::int AS audit,
				(SELECT count(*) FROM slot WHERE package_id = ${seasonPackageId})::int AS slots,
				(SELECT season_overrides::text FROM tour_package WHERE id = ${seasonPackageId})
					AS overrides`.execute(testDb.db);
		return JSON.stringify(rows[0]);
	}

	beforeAll(async () => {
		// Out of season in this Jakarta month whenever the tests run, in season the month after.
		const thisMonth = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(5, 7));
		const fixture = await createPackage(testDb.db, {
			slug: SEASON_SLUG,
			starts: [],
			seasonMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((n) => n !== thisMonth)
		});
		seasonPackageId = fixture.packageId;
		await testDb.db
			.insertInto('availability_rule')
			.values({
				package_id: seasonPackageId,
				weekdays: [6, 7],
				start_times: ['08:00'],
				capacity: 10,
				valid_from: '2026-01-01'
			})
			.execute();
		await availability.materialize(seasonPackageId);
		const user = await testDb.db
			.insertInto('app_user')
			.values({ email: 'musim@example.test', name: 'Uji Musim', password_hash: 'x', role: 'host' })
			.returning(['id', 'email', 'name'])
			.executeTakeFirstOrThrow();
		host = { ...user, role: 'host' };
		await testDb.db
			.insertInto('village_membership')
			.values({ user_id: host.id, village_code: TALANG_BULANG, role: 'owner' })
			.execute();
		seasonBaseline = await seasonFootprint();
	});

	async function expectSeasonUnchanged() {
		expect(await seasonFootprint()).toBe(seasonBaseline);
		await expectUnchanged();
	}

	async function run(
		action: (event: never) => unknown,
		init: { url: string; params: Record<string, string>; data: FormData; user?: unknown }
	) {
		const base = event({
			url: init.url,
			params: init.params,
			address: `203.0.113.${runs++ % 250}`,
			request: new Request(init.url, { method: 'POST', body: init.data })
		}) as unknown as Record<string, unknown>;
		const locals = { locale: 'id', user: init.user ?? null, session: null };
		try {
			return { result: await action({ ...base, locals } as never) };
		} catch (thrown) {
			return { thrown };
		}
	}

	const emailValue = fc.oneof(
		hostileText,
		fc.constantFrom('ani@example.com', 'ANI@example.com ', 'a@b', 'x@example.com', ''),
		fc.constant(new Blob(['not an address']))
	);

	it('the season form (?/notifySeason) answers every hostile form at the field, or subscribes once', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					{ weight: 5, arbitrary: fc.constant(SEASON_SLUG) },
					{ weight: 1, arbitrary: hostileText }
				),
				fc.array(fc.tuple(fc.constantFrom('email', '__proto__', 'constructor'), emailValue), {
					maxLength: 3
				}),
				async (slug, fields) => {
					const data = new FormData();
					for (const [name, value] of fields) data.append(name, value);
					const outcome = await run(packageActions.notifySeason as never, {
						url: 'http://localhost/paket/hostile?/notifySeason',
						params: { slug },
						data
					});
					if ('thrown' in outcome) {
						expect(isHttpError(outcome.thrown, 404)).toBe(true);
						expect(slug).not.toBe(SEASON_SLUG);
						await expectSeasonUnchanged();
						return;
					}
					const { result } = outcome;
					if (isActionFailure(result)) {
						expect([409, 422, 429]).toContain(result.status);
						const { season } = result.data as unknown as {
							season: { email: string; fields: object };
						};
						const messages = Object.values(season.fields);
						expect(messages.length).toBeGreaterThan(0);
						for (const message of messages) expect(message).toMatch(/\S/);
						expect(season.email.length).toBeLessThanOrEqual(254);
						await expectSeasonUnchanged();
						return;
					}
					// A real address: one subscription and one confirmation, however often it is sent.
					const email = (result as { season: { subscribed: string } }).season.subscribed;
					const rows = await testDb.db.selectFrom('season_subscription').select('email').execute();
					expect(rows).toEqual([{ email }]);
					const mail = await testDb.db
						.selectFrom('outbox_message')
						.select(['recipient', 'template'])
						.where('template', '=', 'season_subscribed')
						.execute();
					expect(mail).toEqual([{ recipient: email, template: 'season_subscribed' }]);
					await testDb.db.deleteFrom('season_subscription').execute();
					await testDb.db
						.deleteFrom('outbox_message')
						.where('template', 'like', 'season_%')
						.execute();
					await expectSeasonUnchanged();
				}
			),
			{ numRuns: RUNS }
		);
	});

	it('the unsubscribe page and its button take any token without harm', async () => {
		const token = fc.oneof(
			hostileText,
			fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
			fc.constantFrom('', '-'.repeat(43), '../../etc/passwd')
		);
		await fc.assert(
			fc.asyncProperty(token, async (value) => {
				const url = 'http://localhost/kabar-musim/hostile';
				const page = await loadUnsubscribe(event({ url, params: { token: value } }) as never);
				expect(page).toEqual({ subscription: null });
				const outcome = await run(unsubscribeActions.default as never, {
					url,
					params: { token: value },
					data: new FormData()
				});
				expect(outcome).toEqual({ result: { unsubscribed: true } });
				await expectSeasonUnchanged();
			}),
			{ numRuns: RUNS }
		);
	});

	it("the host's season months (?/save) refuse hostile forms with a message and change nothing", async () => {
		const thisMonth = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
		const monthValue = fc.oneof(
			hostileText,
			fc.integer({ min: -3, max: 15 }).map((offset) => addMonths(thisMonth, offset)),
			fc.constantFrom('2026-13', '2026-1', '9999-12', '0000-01'),
			fc.constant(new Blob(['2026-12']))
		);
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					{ weight: 5, arbitrary: fc.constant(String(seasonPackageId)) },
					{ weight: 1, arbitrary: hostileText }
				),
				fc.array(fc.tuple(fc.constantFrom('month', 'open', '__proto__'), monthValue), {
					maxLength: 30
				}),
				async (packageId, fields) => {
					const data = new FormData();
					for (const [name, value] of fields) data.append(name, value);
					const url = `http://localhost/host/${TALANG_BULANG}/jadwal/hostile/musim?/save`;
					const outcome = await run(hostSeasonActions.save as never, {
						url,
						params: { village: TALANG_BULANG, packageId },
						data,
						user: host
					});
					if ('thrown' in outcome) {
						// A valid form is saved and answered with a redirect; a path that names no
						// package of the village is a 404.
						if (isRedirect(outcome.thrown)) {
							expect(outcome.thrown.status).toBe(303);
							// Back to the state the other cases are compared with.
							await testDb.db
								.updateTable('tour_package')
								.set({ season_overrides: '{}' })
								.where('id', '=', seasonPackageId)
								.execute();
							await availability.materialize(seasonPackageId);
							await testDb.db
								.deleteFrom('audit_event')
								.where('action', '=', 'package.season')
								.execute();
						} else {
							expect(isHttpError(outcome.thrown, 404)).toBe(true);
							expect(packageId).not.toBe(String(seasonPackageId));
						}
						await expectSeasonUnchanged();
						return;
					}
					const { result } = outcome;
					expect(isActionFailure(result)).toBe(true);
					if (!isActionFailure(result)) return;
					expect(result.status).toBe(422);
					const { fields: messages, open } = result.data as unknown as {
						fields: Record<string, string>;
						open: string[];
					};
					expect(messages.months).toMatch(/\S/);
					expect(open.length).toBeLessThanOrEqual(12);
					await expectSeasonUnchanged();
				}
			),
			{ numRuns: RUNS }
		);
	});
});

// ---- The village shop: the host's products, stock and counter sales ------------------------------

describe('hostile input to the village shop forms', () => {
	const VILLAGE = '16.12.01.2001';
	let host: { id: number; email: string; name: string; role: 'host' };
	let soldOutId: number;
	let stockedId: number;
	let elsewhereId: number;
	let shopBaseline: string;

	/** What a refused shop request must not change, besides the bookings' footprint. */
	async function shopFootprint(): Promise<string> {
		const { rows } = await sql<Record<string, unknown>>`
			SELECT (SELECT count(*) FROM product)::int AS products,
				(SELECT md5(coalesce(string_agg(concat_ws(',', p.id, p.village_code, p.name_id,
					p.name_en, p.description_id, p.description_en, p.unit, p.price_idr, p.stock,
					p.season_months::text, p.active, p.sort_order), '|' ORDER BY p.id), ''))
					FROM product p) AS rows,
				(SELECT count(*) FROM shop_sale)::int AS sales,
				(SELECT count(*) FROM product_order)::int AS orders,
				(SELECT count(*) FROM product_order_line)::int AS orderLines,
				(SELECT md5(coalesce(string_agg(concat_ws(',', o.id, o.status, o.payment_method),
					'|' ORDER BY o.id), '')) FROM product_order o) AS orderRows,
				(SELECT count(*) FROM shop_sale_line)::int AS lines,
				(SELECT md5(coalesce(string_agg(concat_ws(',', f.id, f.product_id, f.file_name),
					'|' ORDER BY f.id), '')) FROM photo f) AS photos,
				(SELECT count(*) FROM audit_event)::int AS audit`.execute(testDb.db);
		return JSON.stringify(rows[0]);
	}

	async function expectShopUnchanged() {
		expect(await shopFootprint()).toBe(shopBaseline);
		await expectUnchanged();
	}

	async function product(values: { village?: string; stock: number }) {
		const row = await testDb.db
			.insertInto('product')
			.values({
				village_code: values.village ?? VILLAGE,
				name_id: 'Keripik nanas',
				name_en: 'Pineapple chips',
				unit: 'pack',
				price_idr: 15_000,
				stock: values.stock
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	}

	beforeAll(async () => {
		const user = await testDb.db
			.insertInto('app_user')
			.values({ email: 'toko@example.test', name: 'Uji Toko', password_hash: 'x', role: 'host' })
			.returning(['id', 'email', 'name'])
			.executeTakeFirstOrThrow();
		host = { ...user, role: 'host' };
		await testDb.db
			.insertInto('village_membership')
			.values({ user_id: host.id, village_code: VILLAGE, role: 'owner' })
			.execute();
		soldOutId = await product({ stock: 0 });
		stockedId = await product({ stock: 50 });
		elsewhereId = await product({ village: '16.12.01.1017', stock: 50 });
		shopBaseline = await shopFootprint();
	});

	async function runAsHost(
		action: (event: never) => unknown,
		url: string,
		params: Record<string, string>,
		data: FormData
	) {
		const base = event({
			url,
			params: { village: VILLAGE, ...params },
			request: new Request(url, { method: 'POST', body: data })
		}) as unknown as Record<string, unknown>;
		try {
			return {
				result: await action({
					...base,
					locals: { locale: 'id', user: host, session: null }
				} as never)
			};
		} catch (thrown) {
			return { thrown };
		}
	}

	// A product id that names none of the products: hostile text that is not a whole number (a
	// number such as '16' may name a product an earlier property made), or one far past them.
	const hostileProductId = fc.oneof(
		hostileText.filter((text) => !/^\s*\d+\s*$/.test(text)),
		fc.constantFrom('999999999', '0', '-1', '1e3')
	);

	const shopValue = fc.oneof(
		hostileText,
		hostileNumber.map(String),
		fc.constantFrom('Rp 15.000', '15.000', '0', '1', '99', '100', '100001', 'on', 'pack', 'kg'),
		fc.constantFrom('cash', 'qris', 'transfer', 'set', 'add', '2026-02-30', '2026-13-01', ''),
		fc.constant(new Blob(['%PDF-1.4 not a field'], { type: 'application/pdf' }))
	);

	function formOf(
		base: Record<string, string | string[]>,
		fields: readonly string[]
	): fc.Arbitrary<FormData> {
		return fc
			.tuple(
				fc.array(fc.tuple(fc.constantFrom(...fields), shopValue), { minLength: 1, maxLength: 4 }),
				fc.array(fc.constantFrom(...fields), { maxLength: 2 })
			)
			.map(([changes, removals]) => {
				const data = new FormData();
				for (const [name, value] of Object.entries(base)) {
					if (removals.includes(name)) continue;
					for (const each of Array.isArray(value) ? value : [value]) data.append(name, each);
				}
				for (const [name, value] of changes) {
					if (value instanceof Blob) data.append(name, value, 'x.pdf');
					else if (value.length % 2 === 0) data.set(name, value);
					else data.append(name, value);
				}
				return data;
			});
	}

	const PRODUCT_FIELDS = [
		'nameId',
		'nameEn',
		'descriptionId',
		'descriptionEn',
		'unit',
		'priceIdr',
		'stock',
		'sortOrder',
		'seasonMonths',
		'active',
		'__proto__',
		'constructor'
	];
	const productForm = formOf(
		{
			nameId: 'Sirup nanas',
			nameEn: 'Pineapple syrup',
			descriptionId: '',
			descriptionEn: '',
			unit: 'bottle',
			priceIdr: '25000',
			stock: '10',
			sortOrder: '1',
			seasonMonths: ['1', '2', '3'],
			active: 'on'
		},
		PRODUCT_FIELDS
	);

	/** A saved product must be one the form could have made: named, priced, never below zero. */
	async function expectSaneProducts() {
		const rows = await testDb.db.selectFrom('product').selectAll().execute();
		for (const row of rows) {
			expect(row.name_id.trim().length).toBeGreaterThan(0);
			expect(row.name_id.length).toBeLessThanOrEqual(100);
			expect(row.stock).toBeGreaterThanOrEqual(0);
			expect(row.price_idr).toBeGreaterThanOrEqual(0);
			expect(row.season_months.length).toBeGreaterThan(0);
		}
		expect(await stockOf(stockedId)).toBe(50);
	}

	async function stockOf(id: number) {
		const row = await testDb.db
			.selectFrom('product')
			.select('stock')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		return row.stock;
	}

	function expectFieldMessages(result: unknown, key = 'fields') {
		expect(isActionFailure(result)).toBe(true);
		if (!isActionFailure(result)) return;
		expect(result.status).toBe(422);
		const messages = Object.values(
			(result.data as unknown as Record<string, Record<string, string>>)[key]
		);
		expect(messages.length).toBeGreaterThan(0);
		for (const message of messages) expect(message).toMatch(/\S/);
	}

	it('a new product (?/create) is refused at the fields, or made whole', async () => {
		await fc.assert(
			fc.asyncProperty(productForm, async (data) => {
				const url = `http://localhost/host/${VILLAGE}/produk?/create`;
				const outcome = await runAsHost(productActions.create as never, url, {}, data);
				if ('thrown' in outcome) {
					expect(isRedirect(outcome.thrown)).toBe(true);
					await expectSaneProducts();
					shopBaseline = await shopFootprint();
				} else expectFieldMessages(outcome.result);
				await expectShopUnchanged();
			}),
			{ numRuns: RUNS }
		);
	});

	it('editing a product (?/save) never moves its stock and refuses bad forms at the fields', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					{ weight: 5, arbitrary: fc.constant(String(stockedId)) },
					{ weight: 1, arbitrary: fc.constant(String(elsewhereId)) },
					{ weight: 1, arbitrary: hostileProductId }
				),
				productForm,
				async (productId, data) => {
					const url = `http://localhost/host/${VILLAGE}/produk/hostile?/save`;
					const outcome = await runAsHost(editActions.save as never, url, { productId }, data);
					if ('thrown' in outcome) {
						if (isRedirect(outcome.thrown)) {
							expect(productId).toBe(String(stockedId));
							await expectSaneProducts();
							shopBaseline = await shopFootprint();
						} else {
							expect(isHttpError(outcome.thrown, 404)).toBe(true);
							expect(productId).not.toBe(String(stockedId));
						}
					} else expectFieldMessages(outcome.result);
					await expectShopUnchanged();
				}
			),
			{ numRuns: RUNS }
		);
	});

	it('the stock (?/adjustStock) is set or added as asked, never below zero, or refused', async () => {
		const stockForm = formOf({ mode: 'add', quantity: '1' }, ['mode', 'quantity', '__proto__']);
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					{ weight: 5, arbitrary: fc.constant(String(soldOutId)) },
					{ weight: 1, arbitrary: fc.constant(String(elsewhereId)) },
					{ weight: 1, arbitrary: hostileProductId }
				),
				stockForm,
				async (productId, data) => {
					const url = `http://localhost/host/${VILLAGE}/produk/hostile?/adjustStock`;
					const outcome = await runAsHost(
						editActions.adjustStock as never,
						url,
						{ productId },
						data
					);
					if ('thrown' in outcome) {
						expect(isHttpError(outcome.thrown, 404)).toBe(true);
						expect(productId).not.toBe(String(soldOutId));
					} else if (isActionFailure(outcome.result)) {
						expectFieldMessages(outcome.result, 'stockFields');
					} else {
						const { stockSaved } = outcome.result as { stockSaved: number };
						expect(stockSaved).toBeGreaterThanOrEqual(0);
						expect(await stockOf(soldOutId)).toBe(stockSaved);
						// Back to the sold-out shelf the sales below are compared with.
						await testDb.db
							.updateTable('product')
							.set({ stock: 0 })
							.where('id', '=', soldOutId)
							.execute();
						await testDb.db
							.deleteFrom('audit_event')
							.where('action', 'like', 'product.stock_%')
							.execute();
					}
					await expectShopUnchanged();
				}
			),
			{ numRuns: RUNS }
		);
	});

	it('a product photo (?/addPhoto) is an image stored whole, or refused at the field', async () => {
		// A 1×1 PNG: the one kind of file that may be stored.
		const png = Buffer.from(
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
			'base64'
		);
		const photoFile = fc.oneof(
			{ weight: 4, arbitrary: fc.constant(new File([png], 'foto.png', { type: 'image/png' })) },
			fc.constant(new File(['%PDF-1.4 daftar harga'], 'harga.jpg', { type: 'image/jpeg' })),
			fc.constant(new File([], 'kosong.png', { type: 'image/png' })),
			fc.constant(new File([png.subarray(0, 8)], 'potong.png')),
			fc.constant(new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'besar.png')),
			hostileText.map((content) => new File([content], 'teks.webp')),
			fc.constant(undefined)
		);
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					{ weight: 5, arbitrary: fc.constant(String(stockedId)) },
					{ weight: 1, arbitrary: fc.constant(String(elsewhereId)) },
					{ weight: 1, arbitrary: hostileProductId }
				),
				photoFile,
				formOf({ altId: '', altEn: '' }, ['photo', 'altId', 'altEn', '__proto__']),
				async (productId, file, fields) => {
					const data = new FormData();
					if (file) data.append('photo', file);
					for (const [name, value] of fields) data.append(name, value);
					const url = `http://localhost/host/${VILLAGE}/produk/hostile?/addPhoto`;
					const outcome = await runAsHost(editActions.addPhoto as never, url, { productId }, data);
					if ('thrown' in outcome && isRedirect(outcome.thrown)) {
						expect(productId).toBe(String(stockedId));
						const rows = await testDb.db
							.selectFrom('photo')
							.selectAll()
							.where('product_id', '=', stockedId)
							.execute();
						expect(rows).toHaveLength(1);
						// Only the whole PNG can pass (a cut one has no size to check), stored as it came.
						expect(rows[0]).toMatchObject({ content_type: 'image/png', bytes: file?.size });
						expect(readdirSync(uploadDir)).toEqual([rows[0].file_name]);
						// Back to no photo, as the refusals below are compared with.
						await testDb.db.deleteFrom('photo').where('id', '=', rows[0].id).execute();
						await testDb.db.deleteFrom('audit_event').where('action', '=', 'photo.add').execute();
						unlinkSync(path.join(uploadDir, rows[0].file_name));
					} else if ('thrown' in outcome) {
						expect(isHttpError(outcome.thrown, 404)).toBe(true);
						expect(productId).not.toBe(String(stockedId));
					} else expectFieldMessages(outcome.result, 'photoFields');
					expect(readdirSync(uploadDir)).toEqual([]);
					await expectShopUnchanged();
				}
			),
			{ numRuns: RUNS }
		);
	});

	it("removing a product photo (?/deletePhoto) never removes another product's photo", async () => {
		// The one photo belongs to the sold-out product; no case asks for it there.
		const { id: photoId } = await testDb.db
			.insertInto('photo')
			.values({
				village_code: VILLAGE,
				product_id: soldOutId,
				file_name: `${'b'.repeat(32)}.png`,
				content_type: 'image/png',
				bytes: 1
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		shopBaseline = await shopFootprint();
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					{ weight: 3, arbitrary: fc.constant(String(stockedId)) },
					{ weight: 1, arbitrary: fc.constant(String(elsewhereId)) },
					{ weight: 1, arbitrary: hostileProductId }
				),
				formOf({ photoId: String(photoId) }, ['photoId', '__proto__']),
				async (productId, data) => {
					const url = `http://localhost/host/${VILLAGE}/produk/hostile?/deletePhoto`;
					const outcome = await runAsHost(
						editActions.deletePhoto as never,
						url,
						{ productId },
						data
					);
					if ('thrown' in outcome) {
						expect(isHttpError(outcome.thrown, 404)).toBe(true);
						expect(productId).not.toBe(String(stockedId));
					} else {
						expect(isActionFailure(outcome.result)).toBe(true);
						expect(outcome.result).toMatchObject({
							status: 404,
							data: { photoFields: { _: expect.stringMatching(/\S/) } }
						});
					}
					await expectShopUnchanged();
				}
			),
			{ numRuns: RUNS }
		);
	});

	it('a counter sale (?/sell) of what is not on the shelf is refused at the fields', async () => {
		// Every product the form can name is sold out, of another village or unknown, and the
		// sold-out one is always asked for: no case can take stock.
		const saleFields = [
			`product.${soldOutId}`,
			`product.${elsewhereId}`,
			'product.2147483647',
			'product.99999999999',
			'product.x',
			'soldOn',
			'paymentMethod',
			'__proto__'
		];
		await fc.assert(
			fc.asyncProperty(
				formOf({ soldOn: '', paymentMethod: 'cash' }, saleFields),
				fc.constantFrom('1', '2', '99'),
				async (data, quantity) => {
					data.set(`product.${soldOutId}`, quantity);
					const url = `http://localhost/host/${VILLAGE}/toko?/sell`;
					const outcome = await runAsHost(shopActions.sell as never, url, {}, data);
					expect('thrown' in outcome).toBe(false);
					if ('result' in outcome) expectFieldMessages(outcome.result);
					await expectShopUnchanged();
				}
			),
			{ numRuns: RUNS }
		);
	});
	it("a tourist's order (?/order) for what is not on the shelf is refused at the fields", async () => {
		// The sold-out product is always asked for, so no case can take stock or make an order.
		const orderFields = [
			`product.${soldOutId}`,
			`product.${elsewhereId}`,
			'product.99999999999',
			'pickupDate',
			'contact.name',
			'contact.phone',
			'contact.email',
			'idempotencyKey',
			'__proto__'
		];
		const tomorrow = new Date(Date.now() + 31 * 3_600_000).toISOString().slice(0, 10);
		await fc.assert(
			fc.asyncProperty(
				formOf(
					{
						pickupDate: tomorrow,
						'contact.name': 'Budi',
						'contact.phone': '0812-3456-7890',
						'contact.email': ''
					},
					orderFields
				),
				fc.constantFrom('1', '2', '99'),
				fc.constantFrom('talang-bulang', 'tidak-ada', '../etc', ''),
				async (data, quantity, slug) => {
					data.set(`product.${soldOutId}`, quantity);
					const url = `http://localhost/toko/${slug}?/order`;
					const outcome = await runAsHost(orderActions.order as never, url, { slug }, data);
					if ('thrown' in outcome) {
						// Only an unknown village ends the request early, as a 404 page.
						expect(isHttpError(outcome.thrown, 404)).toBe(true);
						expect(slug).not.toBe('talang-bulang');
					} else expectFieldMessages(outcome.result);
					await expectShopUnchanged();
				}
			),
			{ numRuns: RUNS }
		);
	});

	it('recording a pickup (?/collect) refuses hostile codes and payment methods at the fields', async () => {
		// A product of its own: the forms above may have changed the others' seasons.
		const pickedId = await product({ stock: 5 });
		const placed = await shop.placeOrder({
			village: 'talang-bulang',
			pickupDate: new Date(Date.now() + 31 * 3_600_000).toISOString().slice(0, 10),
			products: [{ product: pickedId, quantity: 1 }],
			contact: { name: 'Budi', phone: '0812-3456-7890', email: null },
			language: 'id'
		});
		if (!placed.ok) throw new Error(`order failed: ${JSON.stringify(placed.fields)}`);
		shopBaseline = await shopFootprint();
		const collectValue = fc.oneof(
			hostileText,
			fc.constantFrom(placed.order.code, placed.order.code.toLowerCase(), 'TBP-22222Z', '')
		);
		await fc.assert(
			fc.asyncProperty(collectValue, hostileText, async (code, paymentMethod) => {
				const data = new FormData();
				data.set('code', code);
				data.set('paymentMethod', paymentMethod);
				const url = `http://localhost/host/${VILLAGE}/hari-ini?/collect`;
				const outcome = await runAsHost(todayActions.collect as never, url, {}, data);
				expect('thrown' in outcome).toBe(false);
				if ('result' in outcome) expectFieldMessages(outcome.result);
				await expectShopUnchanged();
			}),
			{ numRuns: RUNS }
		);
	});
});

describe('hostile dates and counts', () => {
	const VILLAGE = '16.12.01.2001';
	let host: { id: number; email: string; name: string; role: 'host' };

	beforeAll(async () => {
		const user = await testDb.db
			.insertInto('app_user')
			.values({
				email: 'tanggal@example.test',
				name: 'Uji Tanggal',
				password_hash: 'x',
				role: 'host'
			})
			.returning(['id', 'email', 'name'])
			.executeTakeFirstOrThrow();
		host = { ...user, role: 'host' };
		await testDb.db
			.insertInto('village_membership')
			.values({ user_id: host.id, village_code: VILLAGE, role: 'owner' })
			.execute();
	});

	const pad = (value: number, width: number) => String(value).padStart(width, '0');
	const today = () => todayInJakarta(new Date());

	/** Mostly strings shaped like dates: impossible days and months, year 0, far past and future. */
	const dateText = fc.oneof(
		fc
			.tuple(
				fc.integer({ min: 0, max: 9999 }),
				fc.integer({ min: 0, max: 13 }),
				fc.integer({ min: 0, max: 32 })
			)
			.map(([year, month, day]) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`),
		fc.integer({ min: -800, max: 800 }).map((days) => addDays(today(), days)),
		fc.constantFrom(
			'0001-01-01',
			'2019-12-31',
			'2020-01-01',
			'2026-02-30',
			'2026-12-32',
			' 2026-01-01',
			'2026-1-1',
			'+02026-01-01',
			'today',
			''
		),
		hostileText
	);

	/** Counts as people type them, and as they should not be read: 1e2 is not 100. */
	const countText = fc.oneof(
		fc.nat({ max: 600 }).map(String),
		fc.constantFrom('1e2', '0x10', '2.5', '-3', ' 3', '3 ', '+3', '0b11', '1_000', '٣', '３', ''),
		hostileText
	);

	const DIGITS = /^\d+$/;

	it('a calendar date is taken exactly when PostgreSQL has that day and it is in range', async () => {
		const range = { from: '2020-01-01', to: '2030-12-31' };
		const schema = calendarDate(range);
		await fc.assert(
			fc.asyncProperty(dateText, async (value) => {
				const postgresHasIt = await sql`SELECT ${value}::date AS day`.execute(testDb.db).then(
					() => true,
					() => false
				);
				const inRange =
					/^\d{4}-\d{2}-\d{2}$/.test(value) && value >= range.from && value <= range.to;
				expect(parse(schema, value).ok).toBe(postgresHasIt && inRange);
			}),
			{ numRuns: RUNS }
		);
	});

	it('a whole count is taken exactly when it is written in decimal digits within its bounds', () => {
		const schema = wholeCount(0, 500);
		fc.assert(
			fc.property(countText, (value) => {
				const parsed = parse(schema, value);
				expect(parsed.ok).toBe(DIGITS.test(value) && Number(value) <= 500);
				if (parsed.ok) expect(parsed.data).toBe(Number(value));
				else expect(parsed.fields._).toMatch(/\S/);
			}),
			{ numRuns: RUNS }
		);
	});

	async function runAsHost(action: (event: never) => unknown, url: string, data: FormData) {
		const base = event({
			url,
			params: { village: VILLAGE },
			request: new Request(url, { method: 'POST', body: data })
		}) as unknown as Record<string, unknown>;
		return action({ ...base, locals: { locale: 'id', user: host, session: null } } as never);
	}

	async function walkInsRecorded(): Promise<number> {
		const { rows } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM walk_in`.execute(testDb.db);
		return rows[0].n;
	}

	it('the walk-in form (?/record) takes a day from 2020 to today and decimal counts, or says why', async () => {
		await fc.assert(
			fc.asyncProperty(dateText, countText, async (visitDate, adults) => {
				const data = new FormData();
				for (const [name, value] of Object.entries({
					visitDate,
					adults,
					children: '0',
					infants: '0',
					originCountry: 'ID',
					originProvince: '16'
				})) {
					data.set(name, value);
				}
				const before = await walkInsRecorded();
				const dayBefore = today();
				const url = `http://localhost/host/${VILLAGE}/walk-in?/record`;
				const result = await runAsHost(walkInActions.record as never, url, data);
				const range = { from: '2020-01-01', to: dayBefore };
				const fits =
					isWithin(visitDate, range) &&
					DIGITS.test(adults) &&
					Number(adults) >= 1 &&
					Number(adults) <= 500;
				if (isActionFailure(result)) {
					expect(result.status).toBe(422);
					const fields = fieldsOf(result.data);
					expect(Object.keys(fields).length).toBeGreaterThan(0);
					for (const message of Object.values(fields)) expect(message).toMatch(/\S/);
					expect(await walkInsRecorded()).toBe(before);
					// Near midnight the day may turn between the two readings of today.
					if (today() === dayBefore) expect(fits).toBe(false);
				} else {
					expect(result).toEqual({ recorded: true });
					expect(await walkInsRecorded()).toBe(before + 1);
					if (today() === dayBefore) expect(fits).toBe(true);
				}
				await expectUnchanged();
			}),
			{ numRuns: RUNS }
		);
	});

	it("the host's bookings list answers any ?from=, ?to= and ?bulan= with the list and a notice", async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.option(dateText),
				fc.option(dateText),
				fc.option(
					fc.oneof(
						dateText.map((text) => text.slice(0, 7)),
						hostileText
					)
				),
				async (from, to, month) => {
					const url = new URL(`http://localhost/host/${VILLAGE}/pemesanan`);
					if (from !== null) url.searchParams.set('from', from);
					if (to !== null) url.searchParams.set('to', to);
					if (month !== null) url.searchParams.set('bulan', month);
					const base = event({
						url: url.href,
						params: { village: VILLAGE }
					}) as unknown as Record<string, unknown>;
					const page = (await loadHostBookings({
						...base,
						locals: { locale: 'id', user: host, session: null }
					} as never)) as {
						filters: { from?: string; to?: string };
						ignored: Record<string, string>;
						month: string;
					};
					for (const [key, value] of [
						['from', from],
						['to', to]
					] as const) {
						const used = page.filters[key];
						if (used !== undefined) expect(used).toBe(value);
						// A value that is there and was not used is explained.
						if (value && used === undefined) expect(page.ignored[key]).toMatch(/\S/);
					}
					expect(page.month).toMatch(/^\d{4}-\d{2}$/);
				}
			),
			{ numRuns: RUNS }
		);
	});

	it('the schedule form names a day off the calendar or out of range, and a count like 1e2', () => {
		const now = new Date();
		const form = (date: string, capacity: string) => {
			const data = new FormData();
			data.set('seasonMonths', '1');
			data.append('rules.0.weekdays', '6');
			data.set('rules.0.startTimes', '08:00');
			data.set('rules.0.capacity', capacity);
			data.set('exceptions.0.date', date);
			data.set('exceptions.0.capacity', capacity);
			return readScheduleForm(data, now);
		};
		const later = addDays(todayInJakarta(now), 400);
		const cases: [string, string, Record<string, string>][] = [
			[
				'2026-02-30',
				'1e2',
				{
					'rules.0.capacity': 'Masukkan bilangan bulat.',
					'exceptions.0.date': 'Tanggal ini tidak ada di kalender.',
					'exceptions.0.capacity': 'Masukkan bilangan bulat.'
				}
			],
			[
				'0001-01-01',
				'0x10',
				{
					'rules.0.capacity': 'Masukkan bilangan bulat.',
					'exceptions.0.date': 'Tanggal paling awal Rabu, 1 Januari 2020.',
					'exceptions.0.capacity': 'Masukkan bilangan bulat.'
				}
			],
			[later, '12', { 'exceptions.0.date': expect.stringMatching(/^Tanggal paling lambat /) }]
		];
		for (const [date, capacity, fields] of cases) {
			expect(form(date, capacity)).toMatchObject({ ok: false, fields });
		}
		expect(form(addDays(todayInJakarta(now), 7), '12').ok).toBe(true);
	});

	it('the booking form (?/book) refuses counts not written in decimal digits at their field', async () => {
		const form = (adults: string) => {
			const data = new FormData();
			for (const [name, value] of Object.entries({
				slot: String(fullSlotId),
				'party.dewasa': adults,
				'contact.name': 'Siti Aminah',
				'contact.phone': '0812-3456-7890',
				'origin.country': 'ID',
				'origin.province': '16',
				acceptPolicy: 'on'
			})) {
				data.set(name, value);
			}
			return data;
		};
		const book = (data: FormData) => {
			const url = `http://localhost/paket/${SLUG}/pesan?/book`;
			return bookingActions.book(
				event({
					url,
					params: { slug: SLUG },
					request: new Request(url, { method: 'POST', body: data })
				})
			) as Promise<unknown>;
		};
		for (const adults of ['1e2', '0x10', '2.5', '-3', ' 3']) {
			const result = await book(form(adults));
			expect(isActionFailure(result)).toBe(true);
			if (isActionFailure(result)) {
				expect(result.status).toBe(422);
				expect(fieldsOf(result.data)['party.dewasa']).toBe('Masukkan bilangan bulat.');
			}
		}
		// Three is read as three: the form is valid, and the slot is full.
		const three = await book(form('3'));
		expect(isActionFailure(three) && three.status).toBe(409);
		await expectUnchanged();
	});
});
