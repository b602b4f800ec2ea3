// Everything a booking request is judged on: the slot with its package and village, read in one
// statement, and the party priced from the package's current categories.
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { m } from '$lib/paraglide/messages';
import type { FieldErrors } from '$lib/validation';
import type { BookingInput } from './input';
import { getDb } from '../db';
import { compileOnce } from '../db/compiled';
import { fitsOriginRule } from '../origin';
import * as seasons from '../seasons';

export const earlierColumns = [
	'id',
	'code',
	'status',
	'seats',
	'people',
	'total_idr',
	'language',
	'request_hash'
] as const;

/**
 * Everything a booking request is judged on, in one statement (each round trip counts under
 * load): the slot with its package and village, the package's active price categories, and
 * the booking an earlier request with the same idempotency key made, if any.
 */
const slotQuery = compileOnce(
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

export async function loadSlot(slotId: number, idempotencyKey: string | undefined) {
	const [slot] = await slotQuery(getDb(), slotId, idempotencyKey ?? null);
	return slot;
}

export type SlotContext = NonNullable<Awaited<ReturnType<typeof loadSlot>>>;

export function computeCutoff(slot: { cutoff_hours: number }, now: Date): Date {
	return new Date(now.getTime() + slot.cutoff_hours * 3_600_000);
}

type Category = SlotContext['categories'][number];

/**
 * Prices the party from the package's current categories: whole rupiah, per line. A category
 * kept for foreign or for Indonesian visitors is refused at its line when the origin given is
 * the other one; a party with no seat is refused, since a slot's capacity is counted in seats
 * and a booking that takes none would pass a full slot.
 */
export function priceParty(slot: SlotContext, categories: Category[], input: BookingInput) {
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

export function checkSlot(slot: SlotContext | undefined, now: Date): FieldErrors {
	if (!slot) return { slotId: m.booking_slot_unknown() };
	if (slot.package_status !== 'published') return { slotId: m.booking_package_unavailable() };
	const overrides = seasons.readOverrides(slot.season_overrides);
	if (!seasons.isInSeason(slot.season_months, overrides, slot.local_date.slice(0, 7))) {
		return { slotId: m.booking_out_of_season() };
	}
	if (slot.status !== 'open') return { slotId: m.booking_slot_closed() };
	if (new Date(slot.starts_at) <= computeCutoff(slot, now)) {
		return { slotId: m.booking_slot_past_cutoff({ hours: slot.cutoff_hours }) };
	}
	return {};
}
