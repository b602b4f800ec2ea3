import type { Db } from '../../src/lib/server/db';

export interface PackageFixture {
	packageId: number;
	slotIds: number[];
	categories: Record<string, number>;
}

/**
 * A published package at Talang Bulang with the usual categories and one slot per given
 * start, written straight into the tables so that booking tests do not depend on the rules.
 */
export async function createPackage(
	db: Db,
	options: {
		slug?: string;
		starts: Date[];
		capacity?: number;
		minParty?: number;
		maxParty?: number;
		seasonMonths?: number[];
		cutoffHours?: number;
		cancelHours?: number;
		bookingMode?: 'instant' | 'request';
		status?: 'draft' | 'published';
		villageCode?: string;
	}
): Promise<PackageFixture> {
	const pkg = await db
		.insertInto('tour_package')
		.values({
			village_code: options.villageCode ?? '16.12.01.2001',
			slug: options.slug ?? `paket-uji-${Math.random().toString(36).slice(2, 8)}`,
			title_id: 'Petik nanas (uji)',
			title_en: 'Pineapple picking (test)',
			description_id: 'Paket uji.',
			description_en: 'Test package.',
			duration_minutes: 120,
			min_party: options.minParty ?? 1,
			max_party: options.maxParty ?? 20,
			season_months: options.seasonMonths ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
			cutoff_hours: options.cutoffHours ?? 12,
			cancel_hours: options.cancelHours ?? 24,
			booking_mode: options.bookingMode ?? 'instant',
			status: options.status ?? 'published'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const categories = await db
		.insertInto('price_category')
		.values([
			{
				package_id: pkg.id,
				code: 'dewasa',
				label_id: 'Dewasa',
				label_en: 'Adult',
				price_idr: 35000,
				sort_order: 1
			},
			{
				package_id: pkg.id,
				code: 'anak',
				label_id: 'Anak',
				label_en: 'Child',
				price_idr: 20000,
				age_group: 'child',
				sort_order: 2
			},
			{
				package_id: pkg.id,
				code: 'mancanegara',
				label_id: 'Wisatawan mancanegara',
				label_en: 'Foreign visitor',
				price_idr: 75000,
				origin_rule: 'foreign',
				sort_order: 3
			},
			{
				package_id: pkg.id,
				code: 'balita',
				label_id: 'Balita',
				label_en: 'Infant',
				price_idr: 0,
				takes_seat: false,
				age_group: 'infant',
				sort_order: 4
			}
		])
		.returning(['id', 'code'])
		.execute();
	const slotIds: number[] = [];
	for (const start of options.starts) {
		const slot = await db
			.insertInto('slot')
			.values({
				package_id: pkg.id,
				local_date: new Date(start.getTime() + 7 * 3_600_000).toISOString().slice(0, 10),
				starts_at: start,
				ends_at: new Date(start.getTime() + 2 * 3_600_000),
				capacity: options.capacity ?? 25
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		slotIds.push(slot.id);
	}
	return {
		packageId: pkg.id,
		slotIds,
		categories: Object.fromEntries(categories.map((c) => [c.code, c.id]))
	};
}

/** A valid booking request body for the API and bookings.create. */
export function bookingRequest(slotId: number, overrides: Record<string, unknown> = {}) {
	return {
		slotId,
		party: [
			{ category: 'dewasa', quantity: 2 },
			{ category: 'anak', quantity: 1 }
		],
		contact: { name: 'Siti Aminah', phone: '0812-3456-7890', email: 'siti@example.com' },
		origin: { country: 'ID', province: '16' },
		language: 'id',
		...overrides
	};
}

export function daysFromNow(days: number, hourWib = 8): Date {
	const date = new Date();
	date.setUTCDate(date.getUTCDate() + days);
	date.setUTCHours(hourWib - 7, 0, 0, 0);
	return date;
}
