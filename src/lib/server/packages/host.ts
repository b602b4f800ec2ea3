// Tour packages as a village's hosts keep them: content, price categories, photos and the
// weekly schedule. Content goes through the office's review before it is public: a new
// package, and every saved change to an existing one, becomes 'in_review' and stays off the
// public site (and unbookable) until the office publishes it. Schedules are not content: a
// host must be able to close a rainy day at once, so they apply immediately.
import { isoWib } from '$lib/format';
import { todayInJakarta, addDays } from '$lib/dates';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { parse, readCount, text, wholeCount, type FieldErrors, type Parsed } from '$lib/validation';
import * as audit from '../audit';
import { overridesFor } from '../seasons/host';
import * as availability from '../availability';
import { getDb, type Db } from '../db';
import type { AgeGroup, BookingMode, OriginRule, PackageStatus } from '../db/schema';
import * as photos from '../photos';
import { PALI_BOUNDS } from '../villages/host';

// ---- Reading ---------------------------------------------------------------------------------

export interface HostPackageSummary {
	id: number;
	slug: string;
	titleId: string;
	titleEn: string;
	status: PackageStatus;
	/** The office's note when it sent the package back to draft. */
	reviewNote: string | null;
	submittedAt: Date | null;
}

/** Every package of the village, whatever its status, by Indonesian title. */
export async function listForVillage(villageCode: string): Promise<HostPackageSummary[]> {
	return getDb()
		.selectFrom('tour_package')
		.select([
			'id',
			'slug',
			'title_id as titleId',
			'title_en as titleEn',
			'status',
			'review_note as reviewNote',
			'submitted_at as submittedAt'
		])
		.where('village_code', '=', villageCode)
		.orderBy('title_id')
		.execute();
}

export interface EditableCategory {
	id: number | null;
	code: string;
	labelId: string;
	labelEn: string;
	priceIdr: number;
	takesSeat: boolean;
	ageGroup: AgeGroup;
	originRule: OriginRule;
	active: boolean;
}

export interface EditablePackage {
	id: number;
	slug: string;
	status: PackageStatus;
	reviewNote: string | null;
	values: PackageInput;
	/** Ids of categories that booking lines point at: they can be switched off, never removed. */
	categoriesInUse: number[];
	photos: photos.Photo[];
}

const packageColumns = [
	'id',
	'slug',
	'status',
	'review_note',
	'title_id',
	'title_en',
	'description_id',
	'description_en',
	'included_id',
	'included_en',
	'meeting_point_id',
	'meeting_point_en',
	'meeting_lat',
	'meeting_lng',
	'duration_minutes',
	'min_party',
	'max_party',
	'cutoff_hours',
	'cancel_hours',
	'booking_mode',
	'response_hours',
	'season_months'
] as const;

async function readPackage(db: Db, villageCode: string, packageId: number) {
	const row = await db
		.selectFrom('tour_package')
		.select(packageColumns)
		.where('id', '=', packageId)
		.where('village_code', '=', villageCode)
		.executeTakeFirst();
	if (!row) return undefined;
	const categories = await db
		.selectFrom('price_category')
		.select([
			'id',
			'code',
			'label_id as labelId',
			'label_en as labelEn',
			'price_idr as priceIdr',
			'takes_seat as takesSeat',
			'age_group as ageGroup',
			'origin_rule as originRule',
			'active'
		])
		.where('package_id', '=', packageId)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	const values: PackageInput = {
		titleId: row.title_id,
		titleEn: row.title_en,
		descriptionId: row.description_id,
		descriptionEn: row.description_en,
		includedId: row.included_id,
		includedEn: row.included_en,
		meetingPointId: row.meeting_point_id,
		meetingPointEn: row.meeting_point_en,
		meetingLat: row.meeting_lat === null ? null : Number(row.meeting_lat),
		meetingLng: row.meeting_lng === null ? null : Number(row.meeting_lng),
		durationMinutes: row.duration_minutes,
		minParty: row.min_party,
		maxParty: row.max_party,
		cutoffHours: row.cutoff_hours,
		cancelHours: row.cancel_hours,
		bookingMode: row.booking_mode,
		responseHours: row.response_hours,
		seasonMonths: row.season_months.map(Number),
		categories
	};
	return { id: row.id, slug: row.slug, status: row.status, reviewNote: row.review_note, values };
}

/** The package for its edit form; undefined when it is not one of the village's packages. */
export async function findForEditing(
	villageCode: string,
	packageId: number
): Promise<EditablePackage | undefined> {
	const pkg = await readPackage(getDb(), villageCode, packageId);
	if (!pkg) return undefined;
	const [inUse, packagePhotos] = await Promise.all([
		getDb()
			.selectFrom('booking_line')
			.innerJoin('price_category', 'price_category.id', 'booking_line.category_id')
			.select('booking_line.category_id')
			.distinct()
			.where('price_category.package_id', '=', packageId)
			.execute(),
		photos.listForPackage(packageId)
	]);
	return { ...pkg, categoriesInUse: inUse.map((row) => row.category_id), photos: packagePhotos };
}

// ---- The package form --------------------------------------------------------------------------

const categorySchema = z.object({
	id: z.number().int().positive().nullable(),
	code: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z][a-z0-9_]{0,31}$/, { error: () => m.hostc_category_code_invalid() }),
	labelId: text(60).min(1),
	labelEn: text(60).min(1),
	priceIdr: z
		.number()
		.int()
		.refine((price) => price >= 0 && price <= 100_000_000, {
			error: () => m.hostc_price_range()
		}),
	takesSeat: z.boolean(),
	ageGroup: z.enum(['adult', 'child', 'infant']),
	// Foreign visitors only for a tarif mancanegara; absent means anyone.
	originRule: z.enum(['any', 'domestic', 'foreign']).default('any'),
	active: z.boolean()
});

const coordinate = (min: number, max: number) =>
	z
		.number()
		.refine((value) => value >= min && value <= max, {
			error: () => m.hostc_meeting_outside()
		})
		.nullable();

export const packageSchema = z
	.object({
		titleId: text(120).min(1),
		titleEn: text(120).min(1),
		descriptionId: text(4000).min(1),
		descriptionEn: text(4000).min(1),
		includedId: text(2000),
		includedEn: text(2000),
		meetingPointId: text(300),
		meetingPointEn: text(300),
		meetingLat: coordinate(PALI_BOUNDS.minLat, PALI_BOUNDS.maxLat),
		meetingLng: coordinate(PALI_BOUNDS.minLng, PALI_BOUNDS.maxLng),
		durationMinutes: wholeCount(15, 1440),
		minParty: wholeCount(1, 500),
		maxParty: wholeCount(1, 500),
		cutoffHours: wholeCount(0, 720),
		cancelHours: wholeCount(0, 720),
		bookingMode: z.enum(['instant', 'request']),
		responseHours: wholeCount(1, 168),
		seasonMonths: z
			.array(wholeCount(1, 12))
			.max(12)
			.refine((months) => months.length > 0, { error: () => m.hostc_season_required() }),
		categories: z
			.array(categorySchema)
			.max(20)
			.refine((list) => list.length > 0, { error: () => m.hostc_category_required() })
	})
	.superRefine((input, ctx) => {
		for (const [path, message] of Object.entries(crossFieldErrors(input))) {
			const at = path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
			ctx.addIssue({ code: 'custom', path: at, message });
		}
	});

/**
 * Checks between fields. They run on raw input as well, so that a form shows them together
 * with the messages of single fields; hence the care with values that may be of any shape.
 */
function crossFieldErrors(input: unknown): FieldErrors {
	const fields: FieldErrors = {};
	if (typeof input !== 'object' || input === null) return fields;
	const value = input as Record<string, unknown>;
	const minParty = readCount(value.minParty);
	const maxParty = readCount(value.maxParty);
	if (minParty !== undefined && maxParty !== undefined && maxParty < minParty) {
		fields.maxParty = m.hostc_party_max_below_min();
	}
	const pinned = (key: string) => value[key] !== null && value[key] !== undefined;
	if (pinned('meetingLat') !== pinned('meetingLng')) {
		fields[pinned('meetingLat') ? 'meetingLng' : 'meetingLat'] = m.hostc_meeting_both();
	}
	const categories = Array.isArray(value.categories) ? (value.categories as unknown[]) : [];
	const seen = new Set<string>();
	categories.forEach((category, i) => {
		const row = (typeof category === 'object' && category) || {};
		const code = 'code' in row ? String(row.code).trim().toLowerCase() : '';
		if (code && seen.has(code)) fields[`categories.${i}.code`] = m.hostc_category_code_repeated();
		seen.add(code);
	});
	const offersSeat = categories.some(
		(category) =>
			typeof category === 'object' &&
			category !== null &&
			'active' in category &&
			'takesSeat' in category &&
			category.active === true &&
			category.takesSeat === true
	);
	if (categories.length > 0 && !offersSeat) fields.categories = m.hostc_category_seat_required();
	return fields;
}

/** Validates the package form's input, with every message at once. */
export function parsePackage(raw: unknown): Parsed<PackageInput> {
	const parsed = parse(packageSchema, raw);
	if (parsed.ok) return parsed;
	return { ok: false, fields: { ...crossFieldErrors(raw), ...parsed.fields } };
}

export type PackageInput = z.output<typeof packageSchema>;

export type SaveResult =
	{ ok: true; id: number; slug: string } | { ok: false; fields: FieldErrors };

/** 'Petik Nanas di Kebun' → 'petik-nanas-di-kebun'. */
export function slugify(title: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || 'paket';
}

async function freeSlug(trx: Db, title: string, villageSlug: string): Promise<string> {
	const base = slugify(`${title} ${villageSlug}`);
	const taken = new Set(
		(
			await trx
				.selectFrom('tour_package')
				.select('slug')
				.where('slug', 'like', `${base}%`)
				.execute()
		).map((row) => row.slug)
	);
	let slug = base;
	for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
	return slug;
}

function packageRow(input: PackageInput) {
	return {
		title_id: input.titleId,
		title_en: input.titleEn,
		description_id: input.descriptionId,
		description_en: input.descriptionEn,
		included_id: input.includedId,
		included_en: input.includedEn,
		meeting_point_id: input.meetingPointId,
		meeting_point_en: input.meetingPointEn,
		meeting_lat: input.meetingLat,
		meeting_lng: input.meetingLng,
		duration_minutes: input.durationMinutes,
		min_party: input.minParty,
		max_party: input.maxParty,
		cutoff_hours: input.cutoffHours,
		cancel_hours: input.cancelHours,
		booking_mode: input.bookingMode as BookingMode,
		response_hours: input.responseHours,
		season_months: [...new Set(input.seasonMonths)].sort((a, b) => a - b)
	};
}

/** Sends the package to the office: it leaves the public site until it is published again. */
function submitForReview(now: Date) {
	return { status: 'in_review' as const, submitted_at: now, review_note: null, updated_at: now };
}

/** Creates a package of the village, straight into the office's review. */
export async function create(
	actorUserId: number,
	villageCode: string,
	input: PackageInput,
	now: Date = new Date()
): Promise<SaveResult> {
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const village = await trx
				.selectFrom('village')
				.select('slug')
				.where('code', '=', villageCode)
				.executeTakeFirstOrThrow();
			const slug = await freeSlug(trx, input.titleId, village.slug);
			const { id } = await trx
				.insertInto('tour_package')
				.values({ ...packageRow(input), ...submitForReview(now), village_code: villageCode, slug })
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('price_category')
				.values(
					input.categories.map((category, i) => ({
						package_id: id,
						code: category.code,
						label_id: category.labelId,
						label_en: category.labelEn,
						price_idr: category.priceIdr,
						takes_seat: category.takesSeat,
						age_group: category.ageGroup,
						origin_rule: category.originRule,
						active: category.active,
						sort_order: i + 1
					}))
				)
				.execute();
			await audit.record(trx, {
				actorUserId,
				villageCode,
				action: 'package.create',
				entity: 'tour_package',
				entityId: id,
				after: { slug, status: 'in_review', ...input }
			});
			return { ok: true, id, slug };
		});
}

class Refusal extends Error {
	constructor(readonly fields: FieldErrors) {
		super('refused');
	}
}

function conflictCodes(conflicts: availability.ScheduleConflict[]): string {
	return [...new Set(conflicts.flatMap((conflict) => conflict.bookingCodes))].join(', ');
}

/**
 * Saves the package's content and categories and sends it for review. Existing categories
 * keep their code (booking lines copy it) and are never deleted, only switched off. A season
 * or duration change is applied to the slots at once and refused when it would take away
 * booked seats. undefined when the package is not the village's.
 */
export async function update(
	actorUserId: number,
	villageCode: string,
	packageId: number,
	input: PackageInput,
	now: Date = new Date()
): Promise<SaveResult | undefined> {
	try {
		return await getDb()
			.transaction()
			.execute(async (trx) => {
				const locked = await trx
					.selectFrom('tour_package')
					.select('id')
					.where('id', '=', packageId)
					.where('village_code', '=', villageCode)
					.forUpdate()
					.executeTakeFirst();
				if (!locked) return undefined;
				const before = await readPackage(trx, villageCode, packageId);
				if (!before) return undefined;
				const existing = new Map(before.values.categories.map((c) => [c.id, c]));
				const fields: FieldErrors = {};
				input.categories.forEach((category, i) => {
					if (category.id !== null && !existing.has(category.id)) {
						fields[`categories.${i}.code`] = m.validation_invalid();
					}
				});
				if (Object.keys(fields).length > 0) throw new Refusal(fields);

				await trx
					.updateTable('tour_package')
					.set({ ...packageRow(input), ...submitForReview(now) })
					.where('id', '=', packageId)
					.execute();
				let sortOrder = 0;
				for (const category of input.categories) {
					sortOrder += 1;
					const values = {
						label_id: category.labelId,
						label_en: category.labelEn,
						price_idr: category.priceIdr,
						takes_seat: category.takesSeat,
						age_group: category.ageGroup,
						origin_rule: category.originRule,
						active: category.active,
						sort_order: sortOrder
					};
					if (category.id === null) {
						await trx
							.insertInto('price_category')
							.values({ ...values, package_id: packageId, code: category.code })
							.execute();
					} else {
						await trx
							.updateTable('price_category')
							.set(values)
							.where('id', '=', category.id)
							.where('package_id', '=', packageId)
							.execute();
					}
				}
				const season = (months: number[]) => [...new Set(months)].sort((a, b) => a - b).join();
				const reshapesSlots =
					before.values.durationMinutes !== input.durationMinutes ||
					season(before.values.seasonMonths) !== season(input.seasonMonths);
				const slots = reshapesSlots
					? await availability.materialize(packageId, { db: trx, now })
					: ({ ok: true } as const);
				if (!slots.ok) {
					throw new Refusal({
						seasonMonths: m.hostc_package_slots_booked({ codes: conflictCodes(slots.conflicts) })
					});
				}
				const after = await readPackage(trx, villageCode, packageId);
				await audit.record(trx, {
					actorUserId,
					villageCode,
					action: 'package.update',
					entity: 'tour_package',
					entityId: packageId,
					before: { status: before.status, ...before.values },
					after: after && { status: after.status, ...after.values }
				});
				return { ok: true as const, id: packageId, slug: before.slug };
			});
	} catch (error) {
		if (error instanceof Refusal) return { ok: false, fields: error.fields };
		if (isUniqueViolation(error)) {
			return { ok: false, fields: { categories: m.hostc_category_code_repeated() } };
		}
		throw error;
	}
}

// A new category whose code an existing one already has (the form only checks the rows sent).
function isUniqueViolation(error: unknown): boolean {
	return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

// ---- Package photos ------------------------------------------------------------------------------

export type PhotoResult = photos.PhotoResult;

/**
 * Adds a photo to the package. A photo is public content, so a published package goes back
 * to the office's review like any other change.
 */
export async function addPhoto(
	actorUserId: number,
	villageCode: string,
	packageId: number,
	image: photos.CheckedUpload,
	alt: { altId: string; altEn: string },
	now: Date = new Date()
): Promise<PhotoResult | undefined> {
	return photos.addAudited(actorUserId, { villageCode, packageId }, image, async (trx) => {
		const pkg = await trx
			.selectFrom('tour_package')
			.select('status')
			.where('id', '=', packageId)
			.where('village_code', '=', villageCode)
			.forUpdate()
			.executeTakeFirst();
		if (!pkg) return undefined;
		const published = pkg.status === 'published';
		return {
			alt,
			before: { packageStatus: pkg.status },
			after: { packageId, ...alt, packageStatus: published ? 'in_review' : pkg.status },
			onStored: async () => {
				if (!published) return;
				await trx
					.updateTable('tour_package')
					.set(submitForReview(now))
					.where('id', '=', packageId)
					.execute();
			}
		};
	});
}

/** Removes one of the package's photos; false when it is not one of them. */
export async function deletePhoto(
	actorUserId: number,
	villageCode: string,
	packageId: number,
	photoId: number
): Promise<boolean> {
	return photos.removeAudited(actorUserId, { villageCode, packageId }, photoId, { packageId });
}

// ---- The schedule ------------------------------------------------------------------------------

export interface PackageSchedule {
	package: {
		id: number;
		titleId: string;
		titleEn: string;
		status: PackageStatus;
		durationMinutes: number;
	};
	schedule: availability.ScheduleInput & { seasonMonths: number[] };
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
			rules: rules.map(availability.ruleOf),
			exceptions: exceptions.map((exception) => ({
				...availability.exceptionOf(exception),
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
	input: availability.ScheduleInput,
	now: Date = new Date()
): Promise<PreviewSlot[]> {
	const from = todayInJakarta(now);
	const to = addDays(from, PREVIEW_DAYS - 1);
	const wanted = availability
		.generateSlots(
			{
				rules: input.rules,
				exceptions: input.exceptions,
				seasonMonths: input.seasonMonths ?? [],
				seasonOverrides: await overridesFor(packageId),
				durationMinutes
			},
			from,
			to
		)
		.filter((slot) => slot.startsAt > now);
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
	constructor(readonly conflicts: availability.ScheduleConflict[]) {
		super('refused');
	}
}

export type SaveScheduleResult =
	{ ok: true } | { ok: false; conflicts: availability.ScheduleConflict[] };

/**
 * Replaces the package's schedule (rules, exceptions, season) and its slots, recorded in the
 * audit log; refused and unchanged when booked seats are in the way. `input` must have passed
 * `availability.scheduleSchema`. undefined when the package is not the village's.
 */
export async function saveSchedule(
	actorUserId: number,
	villageCode: string,
	packageId: number,
	input: availability.ScheduleInput,
	now: Date = new Date()
): Promise<SaveScheduleResult | undefined> {
	try {
		return await getDb()
			.transaction()
			.execute(async (trx) => {
				const before = await readSchedule(trx, villageCode, packageId);
				if (!before) return undefined;
				const result = await availability.replaceSchedule(packageId, input, { db: trx, now });
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
