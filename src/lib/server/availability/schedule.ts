// A package's weekly schedule as its hosts keep it: the rules, the dated exceptions and the
// season, read and saved together with the slots they give (refused, and nothing changed, when
// booked seats are in the way), and a preview of the slots a draft would give. Schedules are not
// content: a host must be able to close a rainy day at once, so they apply without review.
import { z } from 'zod';
import { addDays, isCalendarDate, todayInJakarta } from '$lib/dates';
import { isoWib } from '$lib/format';
import * as audit from '../audit';
import { getDb, type Db } from '../db';
import type { PackageStatus } from '../db/schema';
import { findOverrides } from '../seasons/host';
import {
	toException,
	generateSlots,
	inTransaction,
	materializeIn,
	toRule,
	timePattern,
	type MaterializeOptions,
	type ScheduleConflict
} from './slots';

const localDate = z.string().refine(isCalendarDate);
const startTime = z.string().regex(timePattern);

/** A schedule as the host workspace submits it; `replaceSchedule` accepts only this. */
export const scheduleSchema = z.object({
	rules: z
		.array(
			z
				.object({
					weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
					startTimes: z.array(startTime).min(1).max(24),
					capacity: z.number().int().min(1).max(1000),
					validFrom: localDate,
					validTo: localDate.nullable()
				})
				.refine((rule) => rule.validTo === null || rule.validTo >= rule.validFrom, {
					path: ['validTo']
				})
		)
		.max(50),
	exceptions: z
		.array(
			z.object({
				date: localDate,
				closed: z.boolean(),
				capacity: z.number().int().min(1).max(1000).nullable(),
				startTimes: z.array(startTime).max(24).nullable(),
				reason: z.string().trim().max(200).nullable().optional()
			})
		)
		.max(400)
		.refine((list) => new Set(list.map((exception) => exception.date)).size === list.length),
	seasonMonths: z.array(z.number().int().min(1).max(12)).min(1).max(12).optional()
});

export type ScheduleInput = z.infer<typeof scheduleSchema>;

export type ReplaceScheduleResult = { ok: true } | { ok: false; conflicts: ScheduleConflict[] };

class Refused extends Error {
	constructor(readonly conflicts: ScheduleConflict[]) {
		super('The schedule would take seats away from bookings.');
	}
}

/**
 * Replaces the package's rules and exceptions (and season, when given) and materialises them,
 * all in one transaction: refused and rolled back when a slot with seats taken would go or
 * shrink below them. Throws on input that `scheduleSchema` rejects: validate first.
 */
export async function replaceSchedule(
	packageId: number,
	input: ScheduleInput,
	options: MaterializeOptions = {}
): Promise<ReplaceScheduleResult> {
	const schedule = scheduleSchema.parse(input);
	const now = options.now ?? new Date();
	try {
		await inTransaction(options.db ?? getDb(), async (trx) => {
			await trx
				.selectFrom('tour_package')
				.select('id')
				.where('id', '=', packageId)
				.forUpdate()
				.executeTakeFirstOrThrow();
			await trx.deleteFrom('availability_rule').where('package_id', '=', packageId).execute();
			await trx.deleteFrom('availability_exception').where('package_id', '=', packageId).execute();
			if (schedule.rules.length > 0) {
				await trx
					.insertInto('availability_rule')
					.values(
						schedule.rules.map((rule) => ({
							package_id: packageId,
							weekdays: [...new Set(rule.weekdays)].sort((a, b) => a - b),
							start_times: [...new Set(rule.startTimes)].sort(),
							capacity: rule.capacity,
							valid_from: rule.validFrom,
							valid_to: rule.validTo
						}))
					)
					.execute();
			}
			if (schedule.exceptions.length > 0) {
				await trx
					.insertInto('availability_exception')
					.values(
						schedule.exceptions.map((exception) => ({
							package_id: packageId,
							date: exception.date,
							closed: exception.closed,
							capacity: exception.capacity,
							start_times: exception.startTimes,
							reason: exception.reason ?? null
						}))
					)
					.execute();
			}
			if (schedule.seasonMonths) {
				await trx
					.updateTable('tour_package')
					.set({
						season_months: [...new Set(schedule.seasonMonths)].sort((a, b) => a - b),
						updated_at: now
					})
					.where('id', '=', packageId)
					.execute();
			}
			const result = await materializeIn(trx, packageId, now);
			if (!result.ok) throw new Refused(result.conflicts);
		});
	} catch (error) {
		if (error instanceof Refused) return { ok: false, conflicts: error.conflicts };
		throw error;
	}
	return { ok: true };
}

export interface PackageSchedule {
	package: {
		id: number;
		titleId: string;
		titleEn: string;
		status: PackageStatus;
		durationMinutes: number;
	};
	schedule: ScheduleInput & { seasonMonths: number[] };
}

async function readSchedule(db: Db, villageCode: string, packageId: number) {
	const pkg = await db
		.selectFrom('tour_package')
		.select([
			'id',
			'title_id as titleId',
			'title_en as titleEn',
			'status',
			'duration_minutes as durationMinutes',
			'season_months'
		])
		.where('id', '=', packageId)
		.where('village_code', '=', villageCode)
		.executeTakeFirst();
	if (!pkg) return undefined;
	const [rules, exceptions] = await Promise.all([
		db
			.selectFrom('availability_rule')
			.select(['weekdays', 'start_times', 'capacity', 'valid_from', 'valid_to'])
			.where('package_id', '=', packageId)
			.orderBy('id')
			.execute(),
		db
			.selectFrom('availability_exception')
			.select(['date', 'closed', 'capacity', 'start_times', 'reason'])
			.where('package_id', '=', packageId)
			.orderBy('date')
			.execute()
	]);
	const { season_months, ...info } = pkg;
	return {
		package: info,
		schedule: {
			seasonMonths: season_months.map(Number),
			rules: rules.map(toRule),
			exceptions: exceptions.map((exception) => ({
				...toException(exception),
				reason: exception.reason
			}))
		}
	};
}

/** The package's rules, exceptions and season; undefined when it is not the village's. */
export function findSchedule(
	villageCode: string,
	packageId: number
): Promise<PackageSchedule | undefined> {
	return readSchedule(getDb(), villageCode, packageId);
}

export const PREVIEW_DAYS = 28;

export interface PreviewSlot {
	localDate: string;
	/** ISO 8601 with the +07:00 offset. */
	startsAt: string;
	/** 0 when the schedule drops a slot that has bookings. */
	capacity: number;
	seatsTaken: number;
}

/**
 * The slots the schedule would give over the next PREVIEW_DAYS days, beside the seats already
 * booked on them; booked slots the schedule would drop are listed with capacity 0.
 */
export async function previewSchedule(
	packageId: number,
	durationMinutes: number,
	input: ScheduleInput,
	now: Date = new Date()
): Promise<PreviewSlot[]> {
	const from = todayInJakarta(now);
	const to = addDays(from, PREVIEW_DAYS - 1);
	const wanted = generateSlots(
		{
			rules: input.rules,
			exceptions: input.exceptions,
			seasonMonths: input.seasonMonths ?? [],
			seasonOverrides: await findOverrides(packageId),
			durationMinutes
		},
		from,
		to
	).filter((slot) => slot.startsAt > now);
	const booked = await getDb()
		.selectFrom('slot')
		.select(['local_date', 'starts_at', 'seats_taken'])
		.where('package_id', '=', packageId)
		.where('starts_at', '>', now)
		.where('local_date', '<=', to)
		.where('seats_taken', '>', 0)
		.where('status', '=', 'open')
		.execute();
	const taken = new Map(booked.map((slot) => [new Date(slot.starts_at).getTime(), slot]));
	const preview: PreviewSlot[] = wanted.map((slot) => {
		const seatsTaken = taken.get(slot.startsAt.getTime())?.seats_taken ?? 0;
		taken.delete(slot.startsAt.getTime());
		return {
			localDate: slot.localDate,
			startsAt: isoWib(slot.startsAt),
			capacity: slot.capacity,
			seatsTaken
		};
	});
	for (const slot of taken.values()) {
		preview.push({
			localDate: slot.local_date,
			startsAt: isoWib(slot.starts_at),
			capacity: 0,
			seatsTaken: slot.seats_taken
		});
	}
	return preview.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

class ScheduleRefused extends Error {
	constructor(readonly conflicts: ScheduleConflict[]) {
		super('refused');
	}
}

export type SaveScheduleResult = { ok: true } | { ok: false; conflicts: ScheduleConflict[] };

/**
 * Replaces the package's schedule (rules, exceptions, season) and its slots, recorded in the
 * audit log; refused and unchanged when booked seats are in the way. `input` must have passed
 * `scheduleSchema`. undefined when the package is not the village's.
 */
export async function saveSchedule(
	actorUserId: number,
	villageCode: string,
	packageId: number,
	input: ScheduleInput,
	now: Date = new Date()
): Promise<SaveScheduleResult | undefined> {
	try {
		return await getDb()
			.transaction()
			.execute(async (trx) => {
				const before = await readSchedule(trx, villageCode, packageId);
				if (!before) return undefined;
				const result = await replaceSchedule(packageId, input, { db: trx, now });
				// Joined to this transaction, a refusal leaves the rows written: undo them all.
				if (!result.ok) throw new ScheduleRefused(result.conflicts);
				const after = await readSchedule(trx, villageCode, packageId);
				await audit.record(trx, {
					actorUserId,
					villageCode,
					action: 'package.schedule',
					entity: 'tour_package',
					entityId: packageId,
					before: before.schedule,
					after: after?.schedule
				});
				return { ok: true } as const;
			});
	} catch (error) {
		if (error instanceof ScheduleRefused) return { ok: false, conflicts: error.conflicts };
		throw error;
	}
}
