// Tour packages as a village's hosts keep them: content, price categories, photos and the
// weekly schedule (in availability/schedule.ts). Content goes through the office's review before it is public: a new
// package, and every saved change to an existing one, becomes 'in_review' and stays off the
// public site (and unbookable) until the office publishes it. Schedules are not content: a
// host must be able to close a rainy day at once, so they apply immediately.
import { m } from '$lib/paraglide/messages';
import { type FieldErrors } from '$lib/validation';
import * as audit from '../audit';
import * as availability from '../availability';
import { getDb, type Db } from '../db';
import type { AgeGroup, BookingMode, OriginRule, PackageStatus } from '../db/schema';
import * as photos from '../photos';
import { slugify } from '../slug';
import type { PackageInput } from './input';

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

export type SaveResult =
	{ ok: true; id: number; slug: string } | { ok: false; fields: FieldErrors };

async function freeSlug(trx: Db, title: string, villageSlug: string): Promise<string> {
	const base = slugify(`${title} ${villageSlug}`, 'paket');
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
