// Visitors who come without a booking. Statistics count them beside checked-in seats
// (DESIGN invariant 8), so a walk-in is as much a visit as a booking that came.
import { z } from 'zod';
import { pastDates, todayInJakarta } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { calendarDate, parse, text, wholeCount, type FieldErrors } from '$lib/validation';
import * as audit from '../audit';
import { getDb } from '../db';
import { isCountry, isProvince } from '../origin';

const MAX_PEOPLE = 500;

/** The form, for a walk-in that happened: from FIRST_RECORD_DATE to today (Jakarta) at `now`. */
function walkInSchema(now: Date) {
	const people = wholeCount(0, MAX_PEOPLE);
	return z
		.object({
			visitDate: calendarDate(pastDates(now), { late: () => m.host_walkin_future_date() }),
			packageId: wholeCount(1, 2_147_483_647).optional(),
			adults: people,
			children: people,
			infants: people,
			originCountry: z.string().refine(isCountry),
			originProvince: z.string().optional(),
			note: text(500).optional()
		})
		.superRefine((input, context) => {
			if (input.adults + input.children + input.infants === 0) {
				context.addIssue({ code: 'custom', path: ['adults'], message: m.host_walkin_nobody() });
			}
			if (
				input.originCountry === 'ID' &&
				!(input.originProvince && isProvince(input.originProvince))
			) {
				context.addIssue({
					code: 'custom',
					path: ['originProvince'],
					message: m.host_walkin_province_required()
				});
			}
		});
}

export type WalkInInput = z.output<ReturnType<typeof walkInSchema>>;

/** The fields of the walk-in form as strings, as the form sends them. */
export interface WalkInForm {
	visitDate: string;
	packageId: string;
	adults: string;
	children: string;
	infants: string;
	originCountry: string;
	originProvince: string;
	note: string;
}

export function readForm(data: FormData): WalkInForm {
	const get = (name: string) => {
		const value = data.get(name);
		return typeof value === 'string' ? value.slice(0, 600) : '';
	};
	return {
		visitDate: get('visitDate'),
		packageId: get('packageId'),
		adults: get('adults'),
		children: get('children'),
		infants: get('infants'),
		originCountry: get('originCountry'),
		originProvince: get('originProvince'),
		note: get('note')
	};
}

export type RecordResult = { ok: true; id: number } | { ok: false; fields: FieldErrors };

/** Records a walk-in party on a day from 2020 to today, for one of the village's packages. */
export async function record(
	actorUserId: number,
	villageCode: string,
	form: WalkInForm,
	now: Date = new Date()
): Promise<RecordResult> {
	const parsed = parse(walkInSchema(now), {
		...form,
		packageId: form.packageId || undefined,
		adults: form.adults || '0',
		children: form.children || '0',
		infants: form.infants || '0',
		originProvince: form.originProvince || undefined,
		note: form.note.trim() || undefined
	});
	if (!parsed.ok) return parsed;
	const input = parsed.data;
	return getDb()
		.transaction()
		.execute(async (trx) => {
			if (input.packageId !== undefined) {
				const pkg = await trx
					.selectFrom('tour_package')
					.select('id')
					.where('id', '=', input.packageId)
					.where('village_code', '=', villageCode)
					.executeTakeFirst();
				if (!pkg) return { ok: false, fields: { packageId: m.validation_choose() } } as const;
			}
			const values = {
				village_code: villageCode,
				package_id: input.packageId ?? null,
				visit_date: input.visitDate,
				adults: input.adults,
				children: input.children,
				infants: input.infants,
				origin_country: input.originCountry,
				origin_province: input.originCountry === 'ID' ? (input.originProvince ?? null) : null,
				note: input.note ?? null,
				recorded_by: actorUserId,
				created_at: now
			};
			const { id } = await trx
				.insertInto('walk_in')
				.values(values)
				.returning('id')
				.executeTakeFirstOrThrow();
			await audit.record(trx, {
				actorUserId,
				villageCode,
				action: 'walk_in.create',
				entity: 'walk_in',
				entityId: id,
				after: values
			});
			return { ok: true, id } as const;
		});
}

export interface WalkIn {
	id: number;
	packageTitle: string | null;
	adults: number;
	children: number;
	infants: number;
	originCountry: string;
	originProvince: string | null;
	note: string | null;
	createdAt: Date;
	/** Only walk-ins recorded today (Jakarta) may still be deleted. */
	deletable: boolean;
}

export async function listOfDay(
	villageCode: string,
	date: string,
	locale: Locale,
	now: Date = new Date()
): Promise<WalkIn[]> {
	const rows = await getDb()
		.selectFrom('walk_in')
		.leftJoin('tour_package', 'tour_package.id', 'walk_in.package_id')
		.select([
			'walk_in.id',
			'walk_in.adults',
			'walk_in.children',
			'walk_in.infants',
			'walk_in.origin_country',
			'walk_in.origin_province',
			'walk_in.note',
			'walk_in.created_at',
			'tour_package.title_id',
			'tour_package.title_en'
		])
		.where('walk_in.village_code', '=', villageCode)
		.where('walk_in.visit_date', '=', date)
		.orderBy('walk_in.created_at', 'desc')
		.limit(200)
		.execute();
	const today = todayInJakarta(now);
	return rows.map((row) => ({
		id: row.id,
		packageTitle: (locale === 'en' ? row.title_en : row.title_id) ?? null,
		adults: row.adults,
		children: row.children,
		infants: row.infants,
		originCountry: row.origin_country,
		originProvince: row.origin_province,
		note: row.note,
		createdAt: new Date(row.created_at),
		deletable: todayInJakarta(new Date(row.created_at)) === today
	}));
}

/** People who walked in on a day: one number for the day view. */
export async function countPeopleOfDay(villageCode: string, date: string): Promise<number> {
	const row = await getDb()
		.selectFrom('walk_in')
		.select((eb) =>
			eb.fn
				.coalesce(
					eb.fn.sum<number>(eb(eb('adults', '+', eb.ref('children')), '+', eb.ref('infants'))),
					eb.lit(0)
				)
				.as('people')
		)
		.where('village_code', '=', villageCode)
		.where('visit_date', '=', date)
		.executeTakeFirstOrThrow();
	return Number(row.people);
}

export type RemoveResult = { ok: true } | { ok: false; message: string };

/** A walk-in recorded by mistake can be deleted on the day it was recorded, not later. */
export async function remove(
	actorUserId: number,
	villageCode: string,
	id: number,
	now: Date = new Date()
): Promise<RemoveResult> {
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const walkIn = await trx
				.selectFrom('walk_in')
				.selectAll()
				.where('id', '=', id)
				.where('village_code', '=', villageCode)
				.forUpdate()
				.executeTakeFirst();
			if (!walkIn) return { ok: false, message: m.host_walkin_not_found() };
			if (todayInJakarta(new Date(walkIn.created_at)) !== todayInJakarta(now)) {
				return { ok: false, message: m.host_walkin_delete_too_late() };
			}
			await trx.deleteFrom('walk_in').where('id', '=', id).execute();
			await audit.record(trx, {
				actorUserId,
				villageCode,
				action: 'walk_in.delete',
				entity: 'walk_in',
				entityId: id,
				before: walkIn
			});
			return { ok: true };
		});
}
