// Booking a visit: seats are taken by one conditional UPDATE on the slot row in the same atomic
// write as the booking (one statement without products, a transaction with them; the CHECK
// seats_taken <= capacity stands behind it), so concurrent requests on any number of app
// instances can never sell more seats than the slot has.
import { sql, type Kysely, type Transaction } from 'kysely';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { FieldErrors } from '$lib/validation';
import type { BookingInput } from './input';
import { getDb } from '../db';
import type { BookingStatus, Database } from '../db/schema';
import * as availability from '../availability';
import { codePrefix, newBookingCode } from '../codes';
import * as outbox from '../mail/outbox';
import * as shop from '../shop';
import { buildManageLink } from './manage-link';
import { loadAppSecret, sha256Hex } from '../secrets';
import {
	checkSlot,
	computeCutoff,
	earlierColumns,
	loadSlot,
	priceParty,
	type SlotContext
} from './request';

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
		buildManageLink(row.code, row.language),
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

async function replay(idempotencyKey: string, hash: string): Promise<CreateResult | undefined> {
	const existing = await getDb()
		.selectFrom('booking')
		.select(earlierColumns)
		.where('idempotency_key', '=', idempotencyKey)
		.executeTakeFirst();
	return existing && answerReplay(existing, hash);
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
	const { secret, url: manageUrl } = await buildManageLink(code, input.language);
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
				lines: shop.localizeLines(order.lines, input.language),
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
				AND starts_at > ${computeCutoff(slot, draft.now)}
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
		.where('starts_at', '>', computeCutoff(slot, draft.now))
		.where((eb) => eb(eb('capacity', '-', eb.ref('seats_taken')), '>=', row.seats))
		.returning(['id'])
		.executeTakeFirst();
	if (!taken) throw new Refusal(await seatRefusal(trx, slot.id));

	return { ok: true, replayed: false, booking: createdOf(draft, order) };
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
