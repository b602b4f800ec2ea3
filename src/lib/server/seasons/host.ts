// The host's season editor: the next twelve months of a package, each in or out of season, so
// that a host can open a month early or close one when the fruit ripens late. Only differences
// from the usual season_months are stored (tour_package.season_overrides); slots follow at once,
// a month with bookings cannot be closed, and opening the current month tells the subscribers.
import { sql } from 'kysely';
import { z } from 'zod';
import { addMonths, isMonth, monthInJakarta } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import type { FieldErrors } from '$lib/validation';
import * as audit from '../audit';
import * as availability from '../availability';
import { getDb } from '../db';
import type { PackageStatus } from '../db/schema';
import * as seasonSubscriptions from './subscriptions';
import * as seasons from './index';

/** How many months, from the current one, the editor shows and may change. */
export const MONTHS_SHOWN = 12;

export interface EditorMonth extends seasons.SeasonMonth {
	/** Requested and confirmed bookings on slots yet to start in that month. */
	bookings: number;
}

export interface PackageSeason {
	package: {
		id: number;
		titleId: string;
		titleEn: string;
		status: PackageStatus;
		seasonMonths: number[];
	};
	months: EditorMonth[];
}

/** The next MONTHS_SHOWN months of the package; undefined when it is not the village's. */
export async function findSeason(
	villageCode: string,
	packageId: number,
	now: Date = new Date()
): Promise<PackageSeason | undefined> {
	const first = monthInJakarta(now);
	const [pkg, booked] = await Promise.all([
		getDb()
			.selectFrom('tour_package')
			.select(['id', 'title_id', 'title_en', 'status', 'season_months', 'season_overrides'])
			.where('id', '=', packageId)
			.where('village_code', '=', villageCode)
			.executeTakeFirst(),
		getDb()
			.selectFrom('booking')
			.innerJoin('slot', 'slot.id', 'booking.slot_id')
			.select([
				sql<string>`to_char(slot.local_date, 'YYYY-MM')`.as('month'),
				sql<number>`count(*)::int`.as('bookings')
			])
			.where('booking.package_id', '=', packageId)
			.where('booking.village_code', '=', villageCode)
			.where('booking.status', 'in', ['requested', 'confirmed'])
			.where('slot.starts_at', '>', now)
			.groupBy(sql`to_char(slot.local_date, 'YYYY-MM')`)
			.execute()
	]);
	if (!pkg) return undefined;
	const bookingsIn = new Map(booked.map((row) => [row.month, row.bookings]));
	const overrides = seasons.readOverrides(pkg.season_overrides);
	return {
		package: {
			id: pkg.id,
			titleId: pkg.title_id,
			titleEn: pkg.title_en,
			status: pkg.status,
			seasonMonths: pkg.season_months.map(Number)
		},
		months: seasons
			.listSeasonMonths(pkg.season_months, overrides, first, MONTHS_SHOWN)
			.map((month) => ({ ...month, bookings: bookingsIn.get(month.month) ?? 0 }))
	};
}

const month = z.string().refine(isMonth);

/** The editor's form: every month it showed, and those ticked as in season. */
export const seasonInput = z
	.object({
		shown: z.array(month).min(1).max(MONTHS_SHOWN),
		open: z.array(month).max(MONTHS_SHOWN)
	})
	.refine((input) => input.open.every((each) => input.shown.includes(each)), { path: ['open'] });

export type SeasonInput = z.infer<typeof seasonInput>;

export type SaveSeasonResult =
	| { ok: true; notified: number }
	| { ok: false; fields: FieldErrors }
	| { ok: false; conflicts: availability.ScheduleConflict[] };

class Refused extends Error {
	constructor(readonly conflicts: availability.ScheduleConflict[]) {
		super('Closing the months would take seats away from bookings.');
	}
}

/**
 * Sets the shown months in or out of season, as overrides of the usual months, and makes the
 * slots follow, in one transaction recorded in the audit log. Refused and unchanged when a month
 * to close has bookings (they are named). When the current month is in season afterwards, its
 * subscribers are told in the same transaction. Months shown before the current one are past
 * and left alone (the form was loaded last month). undefined when the package is not the
 * village's. `input` must have passed `seasonInput`.
 */
export async function saveSeason(
	actorUserId: number,
	villageCode: string,
	packageId: number,
	input: SeasonInput,
	now: Date = new Date()
): Promise<SaveSeasonResult | undefined> {
	const first = monthInJakarta(now);
	const last = addMonths(first, MONTHS_SHOWN - 1);
	if (input.shown.some((each) => each > last)) {
		return { ok: false, fields: { months: m.season_host_month_outside() } };
	}
	const wanted: Record<string, boolean> = {};
	for (const shown of input.shown) {
		if (shown >= first) wanted[shown] = input.open.includes(shown);
	}
	try {
		return await getDb()
			.transaction()
			.execute(async (trx) => {
				const pkg = await trx
					.selectFrom('tour_package')
					.select(['season_months', 'season_overrides'])
					.where('id', '=', packageId)
					.where('village_code', '=', villageCode)
					.forUpdate()
					.executeTakeFirst();
				if (!pkg) return undefined;
				const before = seasons.readOverrides(pkg.season_overrides);
				const after = seasons.applyOverrides(pkg.season_months, before, wanted, first);
				if (JSON.stringify(after) !== JSON.stringify(before)) {
					await trx
						.updateTable('tour_package')
						.set({ season_overrides: JSON.stringify(after), updated_at: now })
						.where('id', '=', packageId)
						.execute();
					const slots = await availability.materialize(packageId, { db: trx, now });
					if (!slots.ok) throw new Refused(slots.conflicts);
					await audit.record(trx, {
						actorUserId,
						villageCode,
						action: 'package.season',
						entity: 'tour_package',
						entityId: packageId,
						before: { seasonOverrides: before },
						after: { seasonOverrides: after }
					});
				}
				const notified = await seasonSubscriptions.notifyIfInSeason(packageId, { db: trx, now });
				return { ok: true as const, notified };
			});
	} catch (error) {
		if (error instanceof Refused) return { ok: false, conflicts: error.conflicts };
		throw error;
	}
}

/** The package's overrides, for previews of its schedule. */
export async function findOverrides(packageId: number): Promise<seasons.SeasonOverrides> {
	const row = await getDb()
		.selectFrom('tour_package')
		.select('season_overrides')
		.where('id', '=', packageId)
		.executeTakeFirst();
	return seasons.readOverrides(row?.season_overrides);
}
