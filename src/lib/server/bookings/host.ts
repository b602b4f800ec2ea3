// The host's side of bookings one at a time: the list and month view, a booking's page,
// answering requests and cancelling. Every change locks the rows it changes (FOR UPDATE) and
// checks their status again, so a tourist cancelling a second earlier gets the host an
// explanation instead of a double release of seats. A day's bookings are in manifest.ts.
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { searchableDates } from '$lib/dates';
import type { Locale } from '$lib/paraglide/runtime';
import { calendarDate, parse, text, wholeCount, type FieldErrors } from '$lib/validation';
import * as audit from '../audit';
import { cancelByHost, release } from './release';
import { getDb } from '../db';
import type { AgeGroup, BookingStatus, Database } from '../db/schema';
import * as notices from './notices';
import { loadAppSecret } from '../secrets';

type Trx = Transaction<Database>;

const ACTIVE: BookingStatus[] = ['requested', 'confirmed'];
const PAGE_SIZE = 30;

/** What the host sees of a booking's progress, from status, check-in and no-show together. */
export type VisitStatus =
	'requested' | 'confirmed' | 'checked_in' | 'no_show' | 'cancelled' | 'declined';

export function readVisitStatus(row: {
	status: BookingStatus;
	checked_in_at: Date | string | null;
	no_show: boolean;
}): VisitStatus {
	if (row.status === 'requested') return 'requested';
	if (row.status === 'confirmed') {
		if (row.checked_in_at) return 'checked_in';
		return row.no_show ? 'no_show' : 'confirmed';
	}
	if (row.status === 'declined' || row.status === 'expired') return 'declined';
	return 'cancelled';
}

// ---- Reading -------------------------------------------------------------------------------

export interface VillagePackage {
	id: number;
	title: string;
}

export async function listVillagePackages(
	villageCode: string,
	locale: Locale
): Promise<VillagePackage[]> {
	const rows = await getDb()
		.selectFrom('tour_package')
		.select(['id', 'title_id', 'title_en'])
		.where('village_code', '=', villageCode)
		.where('status', '!=', 'archived')
		.orderBy('title_id')
		.execute();
	return rows.map((row) => ({ id: row.id, title: locale === 'en' ? row.title_en : row.title_id }));
}

/** Villages that have tour packages: what the office may choose from in the host area. */
export async function listVillagesWithPackages(): Promise<{ code: string; name: string }[]> {
	return getDb()
		.selectFrom('village')
		.select(['village.code', 'village.name'])
		.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('tour_package')
					.select('tour_package.id')
					.whereRef('tour_package.village_code', '=', 'village.code')
			)
		)
		.orderBy('village.name')
		.execute();
}

export interface ManifestLine {
	label: string;
	ageGroup: AgeGroup;
	quantity: number;
	checkedIn: number | null;
}

/** The lines of each booking, by booking id, as the manifest and a booking's page list them. */
export async function listLinesByBooking(bookingIds: number[], locale: Locale) {
	const byBooking = new Map<number, ManifestLine[]>();
	if (bookingIds.length === 0) return byBooking;
	const lines = await getDb()
		.selectFrom('booking_line')
		.select(['booking_id', 'label_id', 'label_en', 'age_group', 'quantity', 'checked_in_quantity'])
		.where('booking_id', 'in', bookingIds)
		.orderBy('booking_id')
		.orderBy('category_id')
		.execute();
	for (const line of lines) {
		const list = byBooking.get(line.booking_id) ?? [];
		list.push({
			label: locale === 'en' ? line.label_en : line.label_id,
			ageGroup: line.age_group,
			quantity: line.quantity,
			checkedIn: line.checked_in_quantity
		});
		byBooking.set(line.booking_id, list);
	}
	return byBooking;
}

export const statusFilters = ['requested', 'confirmed', 'cancelled', 'declined'] as const;

/** The filters of the list; dates from the first records to a year ahead of `now`. */
function listFilterSchema(now: Date) {
	const day = calendarDate(searchableDates(now));
	return z.object({
		status: z.enum(statusFilters).optional(),
		packageId: wholeCount(1, 2_147_483_647).optional(),
		from: day.optional(),
		to: day.optional(),
		page: wholeCount(1, 1000).default(1)
	});
}

export type ListFilters = z.output<ReturnType<typeof listFilterSchema>>;

/**
 * Reads the filters of the list from a query string. One that cannot be read is left out, and
 * `ignored` names it with its message, so that the page can say why it shows more.
 */
export function readFilters(
	params: URLSearchParams,
	now: Date = new Date()
): { filters: ListFilters; ignored: FieldErrors } {
	const schema = listFilterSchema(now);
	const filters: ListFilters = { page: 1 };
	const ignored: FieldErrors = {};
	for (const key of ['status', 'packageId', 'from', 'to', 'page'] as const) {
		const value = params.get(key);
		if (!value) continue;
		const one = parse(schema, { [key]: value });
		if (one.ok) Object.assign(filters, { [key]: one.data[key] });
		else ignored[key] = one.fields[key];
	}
	return { filters, ignored };
}

export interface ListedBooking {
	code: string;
	visitStatus: VisitStatus;
	packageTitle: string;
	startsAt: Date;
	contactName: string;
	contactPhone: string;
	people: number;
	respondBy: Date | null;
}

/** A page of bookings, newest visit first; `hasMore` tells whether another page follows. */
export async function list(
	villageCode: string,
	filters: ListFilters,
	locale: Locale
): Promise<{ bookings: ListedBooking[]; hasMore: boolean }> {
	let query = getDb()
		.selectFrom('booking as b')
		.innerJoin('slot as s', 's.id', 'b.slot_id')
		.innerJoin('tour_package as p', 'p.id', 'b.package_id')
		.select([
			'b.code',
			'b.status',
			'b.checked_in_at',
			'b.no_show',
			'b.contact_name',
			'b.contact_phone',
			'b.people',
			'b.respond_by',
			's.starts_at',
			'p.title_id',
			'p.title_en'
		])
		.where('b.village_code', '=', villageCode);
	if (filters.status === 'cancelled')
		query = query.where('b.status', 'in', ['cancelled_by_host', 'cancelled_by_tourist']);
	else if (filters.status === 'declined')
		query = query.where('b.status', 'in', ['declined', 'expired']);
	else if (filters.status) query = query.where('b.status', '=', filters.status);
	if (filters.packageId) query = query.where('b.package_id', '=', filters.packageId);
	if (filters.from) query = query.where('s.local_date', '>=', filters.from);
	if (filters.to) query = query.where('s.local_date', '<=', filters.to);
	const rows = await query
		.orderBy('s.starts_at', 'desc')
		.orderBy('b.id', 'desc')
		.limit(PAGE_SIZE + 1)
		.offset((filters.page - 1) * PAGE_SIZE)
		.execute();
	return {
		hasMore: rows.length > PAGE_SIZE,
		bookings: rows.slice(0, PAGE_SIZE).map((row) => ({
			code: row.code,
			visitStatus: readVisitStatus(row),
			packageTitle: locale === 'en' ? row.title_en : row.title_id,
			startsAt: new Date(row.starts_at),
			contactName: row.contact_name,
			contactPhone: row.contact_phone,
			people: row.people,
			respondBy: row.respond_by ? new Date(row.respond_by) : null
		}))
	};
}

export interface MonthDay {
	date: string;
	bookings: number;
	people: number;
}

/** Days of a 'YYYY-MM' month that have active bookings, with their counts. */
export async function summarizeMonth(villageCode: string, month: string): Promise<MonthDay[]> {
	const [year, monthIndex] = month.split('-').map(Number);
	const first = `${month}-01`;
	const next = new Date(Date.UTC(year, monthIndex, 1)).toISOString().slice(0, 10);
	const rows = await getDb()
		.selectFrom('booking as b')
		.innerJoin('slot as s', 's.id', 'b.slot_id')
		.select((eb) => [
			's.local_date',
			eb.fn.countAll<number>().as('bookings'),
			eb.fn.sum<number>('b.people').as('people')
		])
		.where('b.village_code', '=', villageCode)
		.where('b.status', 'in', ACTIVE)
		.where('s.local_date', '>=', first)
		.where('s.local_date', '<', next)
		.groupBy('s.local_date')
		.orderBy('s.local_date')
		.execute();
	return rows.map((row) => ({
		date: row.local_date,
		bookings: Number(row.bookings),
		people: Number(row.people)
	}));
}

export interface BookingDetail extends ListedBooking {
	contactEmail: string | null;
	originCountry: string;
	originProvince: string | null;
	totalIdr: number;
	cancelReason: string | null;
	checkedInCount: number | null;
	lines: ManifestLine[];
}

export async function find(
	villageCode: string,
	code: string,
	locale: Locale
): Promise<BookingDetail | undefined> {
	const row = await getDb()
		.selectFrom('booking as b')
		.innerJoin('slot as s', 's.id', 'b.slot_id')
		.innerJoin('tour_package as p', 'p.id', 'b.package_id')
		.select([
			'b.id',
			'b.code',
			'b.status',
			'b.checked_in_at',
			'b.checked_in_count',
			'b.no_show',
			'b.contact_name',
			'b.contact_phone',
			'b.contact_email',
			'b.origin_country',
			'b.origin_province',
			'b.people',
			'b.total_idr',
			'b.respond_by',
			'b.cancel_reason',
			's.starts_at',
			'p.title_id',
			'p.title_en'
		])
		.where('b.code', '=', code.toUpperCase())
		.where('b.village_code', '=', villageCode)
		.executeTakeFirst();
	if (!row) return undefined;
	const lines = await listLinesByBooking([row.id], locale);
	return {
		code: row.code,
		visitStatus: readVisitStatus(row),
		packageTitle: locale === 'en' ? row.title_en : row.title_id,
		startsAt: new Date(row.starts_at),
		contactName: row.contact_name,
		contactPhone: row.contact_phone,
		contactEmail: row.contact_email,
		originCountry: row.origin_country,
		originProvince: row.origin_province,
		people: row.people,
		totalIdr: Number(row.total_idr),
		respondBy: row.respond_by ? new Date(row.respond_by) : null,
		cancelReason: row.cancel_reason,
		checkedInCount: row.checked_in_count,
		lines: lines.get(row.id) ?? []
	};
}

// ---- Changing ------------------------------------------------------------------------------

const reasonSchema = z.object({ reason: text(500).pipe(z.string().min(1)) });

/** The reason the tourist is given; every cancel and decline needs one. */
export function readReason(
	raw: unknown
): { ok: true; reason: string } | { ok: false; fields: FieldErrors } {
	const parsed = parse(reasonSchema, { reason: typeof raw === 'string' ? raw : '' });
	return parsed.ok ? { ok: true, reason: parsed.data.reason } : parsed;
}

export type ChangeResult = { ok: true } | { ok: false; message: string };

/** Why a booking can no longer be changed: it changed meanwhile, or was never this village's. */
function changedMeanwhile(
	booking: notices.LockedBooking | undefined,
	villageCode: string,
	wanted: BookingStatus[]
) {
	if (!booking || booking.village_code !== villageCode) return m.host_booking_not_found();
	if (wanted.includes(booking.status)) return undefined;
	switch (booking.status) {
		case 'cancelled_by_tourist':
			return m.host_booking_cancelled_by_tourist();
		case 'cancelled_by_host':
			return m.host_booking_already_cancelled();
		case 'declined':
			return m.host_booking_already_declined();
		case 'expired':
			return m.host_booking_expired();
		case 'confirmed':
			return m.host_booking_already_confirmed();
		default:
			return m.host_booking_changed();
	}
}

async function changeOne(
	actorUserId: number,
	villageCode: string,
	code: string,
	now: Date,
	from: BookingStatus[],
	apply: (trx: Trx, booking: notices.LockedBooking) => Promise<Record<string, unknown>>,
	action: string
): Promise<ChangeResult> {
	// Derives manage links inside the transaction; loading the key first keeps the one PGlite
	// connection free of a nested query.
	await loadAppSecret();
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const booking = await notices
				.lockBookings(trx)
				.where('b.code', '=', code.toUpperCase())
				.executeTakeFirst();
			const problem = changedMeanwhile(booking, villageCode, from);
			if (problem || !booking) return { ok: false, message: problem ?? m.host_booking_not_found() };
			const after = await apply(trx, booking);
			await audit.record(trx, {
				actorUserId,
				villageCode,
				action,
				entity: 'booking',
				entityId: booking.code,
				before: { status: booking.status },
				after: { ...after, updatedAt: now.toISOString() }
			});
			return { ok: true };
		});
}

/** Accepts an on-request booking: its seats were held since it was made. */
export function accept(actorUserId: number, villageCode: string, code: string, now = new Date()) {
	return changeOne(
		actorUserId,
		villageCode,
		code,
		now,
		['requested'],
		async (trx, booking) => {
			await trx
				.updateTable('booking')
				.set({ status: 'confirmed', respond_by: null, updated_at: now })
				.where('id', '=', booking.id)
				.execute();
			await notices.tellTourist(trx, booking, 'booking_accepted');
			return { status: 'confirmed' };
		},
		'booking.accept'
	);
}

/** Declines an on-request booking with a reason; the held seats go back at once. */
export function decline(
	actorUserId: number,
	villageCode: string,
	code: string,
	reason: string,
	now = new Date()
) {
	return changeOne(
		actorUserId,
		villageCode,
		code,
		now,
		['requested'],
		async (trx, booking) => {
			await trx
				.updateTable('booking')
				.set({ status: 'declined', cancel_reason: reason, cancelled_at: now, updated_at: now })
				.where('id', '=', booking.id)
				.execute();
			await release(trx, booking);
			await notices.tellTourist(trx, booking, 'booking_declined', reason);
			return { status: 'declined', reason };
		},
		'booking.decline'
	);
}

/** Cancels one active booking with a reason; the seats go back and the tourist is told. */
export function cancel(
	actorUserId: number,
	villageCode: string,
	code: string,
	reason: string,
	now = new Date()
) {
	return changeOne(
		actorUserId,
		villageCode,
		code,
		now,
		ACTIVE,
		async (trx, booking) => {
			await cancelByHost(trx, booking, reason, now);
			return { status: 'cancelled_by_host', reason };
		},
		'booking.cancel'
	);
}
