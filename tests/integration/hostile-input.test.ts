// Property-based tests: random and hostile input to every API body, query string and form action
// that exists gets a 4xx with a message (or a field message from `fail`) and leaves the bookings,
// their lines, the outbox and the seats exactly as they were; never a 500 or a thrown error.
// HOSTILE_RUNS sets the cases per endpoint; CI runs 1,000.
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postBooking } from '../../src/routes/api/v1/bookings/+server';
import { GET as getPackages } from '../../src/routes/api/v1/packages/+server';
import { GET as getAvailability } from '../../src/routes/api/v1/packages/[slug]/availability/+server';
import { actions as bookingActions } from '../../src/routes/paket/[slug]/pesan/+page.server';
import { actions as loginActions } from '../../src/routes/login/+page.server';
import { createTestDb, type TestDb } from '../helpers/db';
import { bookingRequest, createPackage, daysFromNow } from '../helpers/fixtures';

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
