// Booking a visit: seats are taken by one conditional UPDATE on the slot row in the same atomic
// write as the booking (one statement without products, a transaction with them; the CHECK
// seats_taken <= capacity stands behind it), so concurrent requests on any number of app
// instances can never sell more seats than the slot has.
import { sql, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { isoWib } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { FieldErrors } from '$lib/validation';
import type { BookingInput } from './input';
import { getDb } from '../db';
import { compiledOnce } from '../db/compiled';
import type { BookingStatus, Database } from '../db/schema';
import * as availability from '../availability';
import { codePrefix, isBookingCode, newBookingCode } from '../codes';
import * as notices from './notices';
import * as outbox from '../mail/outbox';
import * as shop from '../shop';
import { manageLink } from './manage-link';
import { fitsOriginRule } from '../origin';
import { loadAppSecret, matchesHash, sha256Hex } from '../secrets';
import * as seasons from '../seasons';

const ACTIVE: BookingStatus[] = ['requested', 'confirmed'];

export { codePrefix, isBookingCode, newBookingCode } from '../codes';
export { managePath } from './manage-link';

export interface CreatedBooking {
	code: string;
	status: BookingStatus;
	seats: number;
	people: number;
	totalIdr: number;
	secret: string;
	manageUrl: string;
	/** The products ordered with the visit, when any. */
	order: { code: string; totalIdr: number } | null;
}

export type CreateResult =
	| { ok: true; replayed: boolean; booking: CreatedBooking }
	| { ok: false; error: 'invalid'; fields: FieldErrors }
	| { ok: false; error: 'not_enough_seats'; seatsLeft: number; fields: FieldErrors }
	| { ok: false; error: 'idempotency_key_reused'; fields: FieldErrors };

class Refusal extends Error {
	constructor(readonly result: CreateResult & { ok: false }) {
		super(result.error);
	}
}

function invalid(fields: FieldErrors): CreateResult & { ok: false } {
	return { ok: false, error: 'invalid', fields };
}

function requestHash(input: BookingInput): string {
	const party = [...input.party].sort((a, b) => a.category.localeCompare(b.category));
	return sha256Hex(JSON.stringify({ ...input, party }));
}

async function asCreated(row: {
	id: number;
	code: string;
	status: BookingStatus;
	seats: number;
	people: number;
	total_idr: number;
	language: Locale;
}): Promise<CreatedBooking> {
	const [{ secret, url }, order] = await Promise.all([
		manageLink(row.code, row.language),
		getDb()
			.selectFrom('product_order')
			.select(['code', 'total_idr'])
			.where('booking_id', '=', row.id)
			.executeTakeFirst()
	]);
	return {
		code: row.code,
		status: row.status,
		seats: row.seats,
		people: row.people,
		totalIdr: Number(row.total_idr),
		secret,
		manageUrl: url,
		order: order ? { code: order.code, totalIdr: Number(order.total_idr) } : null
	};
}

type EarlierBooking = Parameters<typeof asCreated>[0] & { request_hash: string | null };

/** The answer to a request whose idempotency key already made a booking. */
async function answerReplay(existing: EarlierBooking, hash: string): Promise<CreateResult> {
	if (existing.request_hash !== hash) {
		return {
			ok: false,
			error: 'idempotency_key_reused',
			fields: { idempotencyKey: m.booking_idempotency_reused() }
		};
	}
	return { ok: true, replayed: true, booking: await asCreated(existing) };
}

const earlierColumns = [
	'id',
	'code',
	'status',
	'seats',
	'people',
	'total_idr',
	'language',
	'request_hash'
] as const;

async function replay(idempotencyKey: string, hash: string): Promise<CreateResult | undefined> {
	const existing = await getDb()
		.selectFrom('booking')
		.select(earlierColumns)
		.where('idempotency_key', '=', idempotencyKey)
		.executeTakeFirst();
	return existing && answerReplay(existing, hash);
}

/**
 * Everything a booking request is judged on, in one statement (each round trip counts under
 * load): the slot with its package and village, the package's active price categories, and
 * the booking an earlier request with the same idempotency key made, if any.
 */
const slotQuery = compiledOnce(
	(slotId: number, idempotencyKey: string | null) =>
		getDb()
			.selectFrom('slot')
			.innerJoin('tour_package as p', 'p.id', 'slot.package_id')
			.innerJoin('village as v', 'v.code', 'p.village_code')
			.select([
				'slot.id',
				'slot.starts_at',
				'slot.ends_at',
				'slot.local_date',
				'slot.status',
				'p.id as package_id',
				'p.status as package_status',
				'p.title_id',
				'p.title_en',
				'p.min_party',
				'p.max_party',
				'p.season_months',
				'p.season_overrides',
				'p.cutoff_hours',
				'p.booking_mode',
				'p.response_hours',
				'v.code as village_code',
				'v.name as village_name',
				'v.whatsapp'
			])
			.select((eb) => [
				jsonArrayFrom(
					eb
						.selectFrom('price_category as c')
						.selectAll('c')
						.whereRef('c.package_id', '=', 'p.id')
						.where('c.active', '=', true)
				).as('categories'),
				jsonObjectFrom(
					eb
						.selectFrom('booking as earlier')
						.select(earlierColumns.map((column) => `earlier.${column}` as const))
						.where('earlier.idempotency_key', '=', idempotencyKey)
				).as('earlier')
			])
			.where('slot.id', '=', slotId),
	// Unlike any value the query holds of its own.
	[-7_340_033, 'placeholder:idempotency-key']
);

async function loadSlot(slotId: number, idempotencyKey: string | undefined) {
	const [slot] = await slotQuery(getDb(), slotId, idempotencyKey ?? null);
	return slot;
}

type SlotContext = NonNullable<Awaited<ReturnType<typeof loadSlot>>>;

function cutoffBoundary(slot: { cutoff_hours: number }, now: Date): Date {
	return new Date(now.getTime() + slot.cutoff_hours * 3_600_000);
}

type Category = SlotContext['categories'][number];

/**
 * Prices the party from the package's current categories: whole rupiah, per line. A category
 * kept for foreign or for Indonesian visitors is refused at its line when the origin given is
 * the other one; a party with no seat is refused, since a slot's capacity is counted in seats
 * and a booking that takes none would pass a full slot.
 */
function priceParty(slot: SlotContext, categories: Category[], input: BookingInput) {
	const fields: FieldErrors = {};
	const seen = new Set<string>();
	const lines = [];
	for (const [index, line] of input.party.entries()) {
		const category = categories.find((c) => c.code === line.category);
		const at = `party.${index}.category`;
		if (!category) fields[at] = m.booking_category_unknown();
		else if (seen.has(line.category)) fields[at] = m.booking_category_repeated();
		else if (line.quantity > 0 && !fitsOriginRule(category.origin_rule, input.origin.country)) {
			fields[at] =
				category.origin_rule === 'foreign'
					? m.booking_category_foreign_only()
					: m.booking_category_domestic_only();
		} else if (line.quantity > 0) lines.push({ category, quantity: line.quantity });
		seen.add(line.category);
	}
	const people = lines.reduce((sum, line) => sum + line.quantity, 0);
	const seats = lines.reduce(
		(sum, line) => sum + (line.category.takes_seat ? line.quantity : 0),
		0
	);
	if (Object.keys(fields).length === 0) {
		if (people === 0) fields.party = m.booking_party_empty();
		else if (seats === 0) fields.party = m.booking_party_no_seat();
		else if (people < slot.min_party)
			fields.party = m.booking_party_too_small({ min: slot.min_party });
		else if (people > slot.max_party)
			fields.party = m.booking_party_too_large({ max: slot.max_party });
	}
	const totalIdr = lines.reduce((sum, line) => sum + line.category.price_idr * line.quantity, 0);
	return { fields, lines, people, seats, totalIdr };
}

function checkSlot(slot: SlotContext | undefined, now: Date): FieldErrors {
	if (!slot) return { slotId: m.booking_slot_unknown() };
	if (slot.package_status !== 'published') return { slotId: m.booking_package_unavailable() };
	const overrides = seasons.overridesOf(slot.season_overrides);
	if (!seasons.isInSeason(slot.season_months, overrides, slot.local_date.slice(0, 7))) {
		return { slotId: m.booking_out_of_season() };
	}
	if (slot.status !== 'open') return { slotId: m.booking_slot_closed() };
	if (new Date(slot.starts_at) <= cutoffBoundary(slot, now)) {
		return { slotId: m.booking_slot_past_cutoff({ hours: slot.cutoff_hours }) };
	}
	return {};
}

/**
 * Books a party on a slot. A replay with the same idempotency key returns the first booking
 * and creates nothing; the same key with another request is refused.
 */
export async function create(
	input: BookingInput,
	options: { idempotencyKey?: string; now?: Date } = {}
): Promise<CreateResult> {
	const now = options.now ?? new Date();
	const hash = requestHash(input);
	const [slot] = await Promise.all([
		loadSlot(input.slotId, options.idempotencyKey),
		loadAppSecret()
	]);
	if (slot?.earlier) return answerReplay(slot.earlier, hash);
	if (!slot && options.idempotencyKey) {
		// The slot is unknown, but the key may still have booked another one.
		const earlier = await replay(options.idempotencyKey, hash);
		if (earlier) return earlier;
	}

	const slotProblem = checkSlot(slot, now);
	if (!slot || Object.keys(slotProblem).length > 0) return invalid(slotProblem);
	const priced = priceParty(slot, slot.categories, input);
	if (Object.keys(priced.fields).length > 0) return invalid(priced.fields);
	const withProducts = input.products.some((line) => line.quantity > 0);

	for (let attempt = 0; ; attempt++) {
		try {
			const draft = await draftBooking(slot, input, priced, hash, options.idempotencyKey, now);
			if (!withProducts) return await bookAtOnce(slot, draft);
			return await getDb()
				.transaction()
				.execute((trx) => insertBooking(trx, slot, draft));
		} catch (error) {
			if (error instanceof Refusal) return error.result;
			const constraint = (error as { constraint?: string }).constraint;
			if (constraint === 'booking_idempotency_key_key' && options.idempotencyKey) {
				// A concurrent twin of this request committed first: answer with its booking.
				const earlier = await replay(options.idempotencyKey, hash);
				if (earlier) return earlier;
			}
			if (constraint === 'booking_code_key' && attempt < 3) continue;
			throw error;
		}
	}
}

/** Everything about a new booking that is settled before it is written. */
async function draftBooking(
	slot: SlotContext,
	input: BookingInput,
	priced: ReturnType<typeof priceParty>,
	hash: string,
	idempotencyKey: string | undefined,
	now: Date
) {
	const status: BookingStatus = slot.booking_mode === 'request' ? 'requested' : 'confirmed';
	const code = newBookingCode(codePrefix(slot.village_name));
	const { secret, url: manageUrl } = await manageLink(code, input.language);
	const respondBy =
		status === 'requested' ? new Date(now.getTime() + slot.response_hours * 3_600_000) : null;
	return {
		input,
		priced,
		now,
		row: {
			code,
			slot_id: slot.id,
			package_id: slot.package_id,
			village_code: slot.village_code,
			status,
			seats: priced.seats,
			people: priced.people,
			total_idr: priced.totalIdr,
			contact_name: input.contact.name,
			contact_phone: input.contact.phone,
			contact_email: input.contact.email,
			origin_country: input.origin.country,
			origin_province: input.origin.province,
			language: input.language,
			manage_secret_hash: sha256Hex(secret),
			idempotency_key: idempotencyKey ?? null,
			request_hash: hash,
			respond_by: respondBy,
			created_at: now,
			updated_at: now
		},
		lines: priced.lines.map(({ category, quantity }) => ({
			category_id: category.id,
			category_code: category.code,
			label_id: category.label_id,
			label_en: category.label_en,
			quantity,
			unit_price_idr: category.price_idr,
			takes_seat: category.takes_seat,
			age_group: category.age_group
		})),
		secret,
		manageUrl
	};
}

type Draft = Awaited<ReturnType<typeof draftBooking>>;

function createdOf(draft: Draft, order: shop.PlacedOrder | null): CreatedBooking {
	return {
		code: draft.row.code,
		status: draft.row.status,
		seats: draft.priced.seats,
		people: draft.priced.people,
		totalIdr: draft.priced.totalIdr,
		secret: draft.secret,
		manageUrl: draft.manageUrl,
		order: order && { code: order.code, totalIdr: order.totalIdr }
	};
}

/** The confirmation (or request receipt) the tourist is sent, when they left an address. */
function confirmationOf(
	slot: SlotContext,
	draft: Draft,
	order: shop.PlacedOrder | null
): outbox.OutboxMessage | undefined {
	const { input, priced, row } = draft;
	if (!input.contact.email) return undefined;
	return {
		recipient: input.contact.email,
		template: row.status === 'requested' ? 'booking_requested' : 'booking_confirmed',
		language: input.language,
		payload: {
			code: row.code,
			packageTitle: input.language === 'en' ? slot.title_en : slot.title_id,
			villageName: slot.village_name,
			startsAt: new Date(slot.starts_at).toISOString(),
			endsAt: new Date(slot.ends_at).toISOString(),
			people: priced.people,
			lines: priced.lines.map(({ category, quantity }) => ({
				label: input.language === 'en' ? category.label_en : category.label_id,
				quantity,
				unitPriceIdr: category.price_idr
			})),
			totalIdr: priced.totalIdr,
			products: order && {
				code: order.code,
				lines: shop.localLines(order.lines, input.language),
				totalIdr: order.totalIdr
			},
			manageUrl: draft.manageUrl,
			hostWhatsapp: slot.whatsapp,
			respondBy: row.respond_by?.toISOString()
		},
		notBefore: draft.now
	};
}

/** Why the seats could not be taken, read after the conditional UPDATE found none. */
async function seatRefusal(
	executor: Kysely<Database> | Transaction<Database>,
	slotId: number
): Promise<CreateResult & { ok: false }> {
	const current = await executor
		.selectFrom('slot')
		.select(['capacity', 'seats_taken', 'status'])
		.where('id', '=', slotId)
		.executeTakeFirstOrThrow();
	if (current.status !== 'open') return invalid({ slotId: m.booking_slot_closed() });
	const seatsLeft = Math.max(0, current.capacity - current.seats_taken);
	return {
		ok: false,
		error: 'not_enough_seats',
		seatsLeft,
		fields: { party: m.booking_not_enough_seats({ seatsLeft }) }
	};
}

/**
 * A booking without products is one statement, committed on its own: no BEGIN and COMMIT
 * round trips, and the slot row is locked only while the statement runs. The conditional
 * UPDATE takes the seats; the booking, its lines and its message are inserted from the row it
 * returns, so a full or closed slot writes nothing. A concurrent booking of the same slot waits
 * on the row lock and then checks the seats again on the row as committed (the CHECK stands
 * behind it); a unique key that fails (the idempotency key, the code) undoes the whole
 * statement, seats included.
 */
async function bookAtOnce(slot: SlotContext, draft: Draft): Promise<CreateResult> {
	const { row } = draft;
	// The booking's columns as the draft holds them, so that the two cannot drift apart.
	const columns = Object.keys(row) as (keyof typeof row)[];
	const message = confirmationOf(slot, draft, null);
	const mail = message
		? sql`, mail AS (
			INSERT INTO outbox_message (recipient, template, language, payload)
			SELECT ${message.recipient}, ${message.template}, ${message.language},
				${JSON.stringify(message.payload)}::jsonb
			FROM b
		)`
		: sql``;
	const { rows } = await sql<{ id: number }>`
		WITH seat AS (
			UPDATE slot SET seats_taken = seats_taken + ${row.seats}
			WHERE id = ${slot.id} AND status = 'open'
				AND starts_at > ${cutoffBoundary(slot, draft.now)}
				AND capacity - seats_taken >= ${row.seats}
			RETURNING id
		), b AS (
			INSERT INTO booking (${sql.join(columns.map((column) => sql.ref(column)))})
			SELECT ${sql.join(columns.map((column) => row[column]))}
			FROM seat
			RETURNING id
		), lines AS (
			INSERT INTO booking_line (booking_id, category_id, category_code, label_id, label_en,
				quantity, unit_price_idr, takes_seat, age_group)
			SELECT b.id, l.category_id, l.category_code, l.label_id, l.label_en, l.quantity,
				l.unit_price_idr, l.takes_seat, l.age_group
			FROM b, jsonb_to_recordset(${JSON.stringify(draft.lines)}::jsonb) AS l (
				category_id bigint, category_code text, label_id text, label_en text,
				quantity integer, unit_price_idr integer, takes_seat boolean, age_group text)
		)${mail}
		SELECT id FROM b`.execute(getDb());
	if (rows.length === 0) return seatRefusal(getDb(), slot.id);
	return { ok: true, replayed: false, booking: createdOf(draft, null) };
}

/** A booking with products: the shop's stock is taken in the same transaction. */
async function insertBooking(
	trx: Transaction<Database>,
	slot: SlotContext,
	draft: Draft
): Promise<CreateResult> {
	const { input, row } = draft;
	const booking = await trx
		.insertInto('booking')
		.values(row)
		.returning(['id'])
		.executeTakeFirstOrThrow();
	await trx
		.insertInto('booking_line')
		.values(draft.lines.map((line) => ({ booking_id: booking.id, ...line })))
		.execute();
	let order: shop.PlacedOrder | null;
	try {
		order = await shop.orderWithBooking(
			trx,
			{
				id: booking.id,
				villageCode: slot.village_code,
				codePrefix: codePrefix(slot.village_name),
				visitDate: slot.local_date,
				contact: input.contact,
				language: input.language,
				now: draft.now
			},
			input.products
		);
	} catch (error) {
		if (error instanceof shop.StockRefusal) throw new Refusal(invalid(error.fields));
		throw error;
	}

	const message = confirmationOf(slot, draft, order);
	if (message) await outbox.enqueue(trx, message);
	// The seats are taken last, so that the slot row stays locked for one round trip before
	// the commit; when they are gone, the refusal rolls back everything written above.
	const taken = await trx
		.updateTable('slot')
		.set((eb) => ({ seats_taken: eb('seats_taken', '+', row.seats) }))
		.where('id', '=', slot.id)
		.where('status', '=', 'open')
		.where('starts_at', '>', cutoffBoundary(slot, draft.now))
		.where((eb) => eb(eb('capacity', '-', eb.ref('seats_taken')), '>=', row.seats))
		.returning(['id'])
		.executeTakeFirst();
	if (!taken) throw new Refusal(await seatRefusal(trx, slot.id));

	return { ok: true, replayed: false, booking: createdOf(draft, order) };
}

export interface BookingView {
	code: string;
	status: BookingStatus;
	seats: number;
	people: number;
	totalIdr: number;
	language: Locale;
	contactName: string;
	contactPhone: string;
	contactEmail: string | null;
	originCountry: string;
	originProvince: string | null;
	startsAt: Date;
	endsAt: Date;
	packageSlug: string;
	packageTitle: string;
	villageCode: string;
	villageName: string;
	villageSlug: string;
	hostWhatsapp: string | null;
	meetingLat: number;
	meetingLng: number;
	cancelHours: number;
	respondBy: Date | null;
	cancelReason: string | null;
	lines: {
		code: string;
		label: string;
		quantity: number;
		unitPriceIdr: number;
		takesSeat: boolean;
	}[];
	/** Until when the tourist may cancel it themselves; null when it can no longer be cancelled. */
	cancellableUntil: Date | null;
	/** Products of the village shop ordered with the visit. */
	order: shop.OrderView | null;
}

/** The booking behind a manage link, or undefined when the code or the secret is wrong. */
export async function findForManage(
	code: string,
	secret: string,
	locale: Locale,
	now: Date = new Date()
): Promise<BookingView | undefined> {
	if (!isBookingCode(code)) return undefined;
	const row = await getDb()
		.selectFrom('booking as b')
		.innerJoin('slot as s', 's.id', 'b.slot_id')
		.innerJoin('tour_package as p', 'p.id', 'b.package_id')
		.innerJoin('village as v', 'v.code', 'b.village_code')
		.select([
			'b.id',
			'b.code',
			'b.status',
			'b.seats',
			'b.people',
			'b.total_idr',
			'b.language',
			'b.contact_name',
			'b.contact_phone',
			'b.contact_email',
			'b.origin_country',
			'b.origin_province',
			'b.manage_secret_hash',
			'b.respond_by',
			'b.cancel_reason',
			's.starts_at',
			's.ends_at',
			'p.slug as package_slug',
			'p.title_id',
			'p.title_en',
			'p.cancel_hours',
			'p.meeting_lat',
			'p.meeting_lng',
			'v.code as village_code',
			'v.name as village_name',
			'v.slug as village_slug',
			'v.whatsapp',
			'v.lat',
			'v.lng'
		])
		.where('b.code', '=', code.toUpperCase())
		.executeTakeFirst();
	if (!row || !matchesHash(secret, row.manage_secret_hash)) return undefined;
	const [lines, order] = await Promise.all([
		getDb()
			.selectFrom('booking_line')
			.selectAll()
			.where('booking_id', '=', row.id)
			.orderBy('category_id')
			.execute(),
		shop.ofBooking(row.id, locale, now)
	]);
	const startsAt = new Date(row.starts_at);
	const deadline = cancelDeadline(startsAt, row.cancel_hours);
	return {
		code: row.code,
		status: row.status,
		seats: row.seats,
		people: row.people,
		totalIdr: Number(row.total_idr),
		language: row.language,
		contactName: row.contact_name,
		contactPhone: row.contact_phone,
		contactEmail: row.contact_email,
		originCountry: row.origin_country,
		originProvince: row.origin_province,
		startsAt,
		endsAt: new Date(row.ends_at),
		packageSlug: row.package_slug,
		packageTitle: locale === 'en' ? row.title_en : row.title_id,
		villageCode: row.village_code,
		villageName: row.village_name,
		villageSlug: row.village_slug,
		hostWhatsapp: row.whatsapp,
		meetingLat: row.meeting_lat ?? row.lat,
		meetingLng: row.meeting_lng ?? row.lng,
		cancelHours: row.cancel_hours,
		respondBy: row.respond_by ? new Date(row.respond_by) : null,
		cancelReason: row.cancel_reason,
		lines: lines.map((line) => ({
			code: line.category_code,
			label: locale === 'en' ? line.label_en : line.label_id,
			quantity: line.quantity,
			unitPriceIdr: line.unit_price_idr,
			takesSeat: line.takes_seat
		})),
		cancellableUntil: ACTIVE.includes(row.status) && now < deadline ? deadline : null,
		order: order ?? null
	};
}

export type CancelResult =
	| { ok: true; seatsReleased: number }
	| { ok: false; error: 'not_found' | 'not_active' | 'too_late'; message: string };

/** The tourist cancels within the cancellation window; the seats go back at once. */
export async function cancelByTourist(
	code: string,
	secret: string,
	now: Date = new Date()
): Promise<CancelResult> {
	if (!isBookingCode(code))
		return { ok: false, error: 'not_found', message: m.booking_not_found() };
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const booking = await notices
				.lockBookings(trx)
				.select(['b.manage_secret_hash', 'p.cancel_hours'])
				.where('b.code', '=', code.toUpperCase())
				.executeTakeFirst();
			if (!booking || !matchesHash(secret, booking.manage_secret_hash)) {
				return { ok: false, error: 'not_found', message: m.booking_not_found() };
			}
			if (!ACTIVE.includes(booking.status)) {
				return { ok: false, error: 'not_active', message: m.booking_cancel_not_active() };
			}
			if (now >= cancelDeadline(booking.starts_at, booking.cancel_hours)) {
				return {
					ok: false,
					error: 'too_late',
					message: m.booking_cancel_too_late({ hours: booking.cancel_hours })
				};
			}
			await trx
				.updateTable('booking')
				.set({ status: 'cancelled_by_tourist', cancelled_at: now, updated_at: now })
				.where('id', '=', booking.id)
				.execute();
			await release(trx, booking, now);
			await notices.tellTourist(trx, booking, 'booking_cancelled');
			return { ok: true, seatsReleased: booking.seats };
		});
}

/**
 * Gives a cancelled booking's seats back to its slot and the products ordered with it back to
 * the shelf, in the caller's transaction.
 */
export async function release(
	trx: Transaction<Database>,
	booking: { id: number; slot_id: number; seats: number },
	now: Date = new Date()
) {
	await trx
		.updateTable('slot')
		.set((eb) => ({ seats_taken: eb('seats_taken', '-', booking.seats) }))
		.where('id', '=', booking.slot_id)
		.execute();
	await shop.cancelWithBooking(trx, booking.id, now);
}

/** The API's view of a booking: no internal ids, times with the WIB offset. */
export function toApi(booking: BookingView) {
	return {
		code: booking.code,
		status: booking.status,
		seats: booking.seats,
		people: booking.people,
		totalIdr: booking.totalIdr,
		startsAt: isoWib(booking.startsAt),
		endsAt: isoWib(booking.endsAt),
		package: { slug: booking.packageSlug, title: booking.packageTitle },
		village: { code: booking.villageCode, name: booking.villageName },
		party: booking.lines.map((line) => ({
			category: line.code,
			label: line.label,
			quantity: line.quantity,
			unitPriceIdr: line.unitPriceIdr
		})),
		cancellableUntil: booking.cancellableUntil ? isoWib(booking.cancellableUntil) : null,
		products: booking.order && {
			code: booking.order.code,
			status: booking.order.status,
			totalIdr: booking.order.totalIdr,
			lines: booking.order.lines.map((line) => ({
				product: line.label,
				unit: line.unit,
				quantity: line.quantity,
				unitPriceIdr: line.unitPriceIdr
			}))
		}
	};
}

/** The last moment a tourist may cancel by themselves: the package's hours before the start. */
export function cancelDeadline(startsAt: Date | string, cancelHours: number): Date {
	return new Date(new Date(startsAt).getTime() - cancelHours * 3_600_000);
}

/** The slot a booking form is for, with its seats left, if it belongs to the package. */
export async function slotOfPackage(packageId: number, slotId: number, now: Date = new Date()) {
	const slot = await getDb()
		.selectFrom('slot')
		.select(['local_date'])
		.where('id', '=', slotId)
		.where('package_id', '=', packageId)
		.executeTakeFirst();
	if (!slot) return undefined;
	const views = await availability.listSlots(packageId, slot.local_date, slot.local_date, now);
	return views.find((view) => view.id === slotId);
}

/**
 * Requests the host did not answer in time expire and give their seats back; the tourist is
 * told. Row locks with SKIP LOCKED let several instances run this at once.
 */
export async function expireRequests(now: Date = new Date()): Promise<number> {
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const expired = await notices
				.lockBookings(trx)
				.where('b.status', '=', 'requested')
				.where('b.respond_by', '<=', now)
				.skipLocked()
				.execute();
			for (const booking of expired) {
				await trx
					.updateTable('booking')
					.set({ status: 'expired', updated_at: now })
					.where('id', '=', booking.id)
					.execute();
				await release(trx, booking, now);
				await notices.tellTourist(
					trx,
					booking,
					'booking_declined',
					m.booking_expired_reason({}, { locale: booking.language })
				);
			}
			return expired.length;
		});
}
