// The office's review of tour packages before they go public: the queue of packages in review,
// approving one (published, with slots) or sending it back to the host with a reason.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { text } from '$lib/validation';
import * as audit from '../audit';
import type { SessionUser } from '../auth/session';
import * as availability from '../availability';
import { getDb } from '../db';
import type { AgeGroup, BookingMode, OriginRule, PackageStatus } from '../db/schema';

type Actor = Pick<SessionUser, 'id'>;

export interface QueuedPackage {
	id: number;
	slug: string;
	titleId: string;
	titleEn: string;
	villageCode: string;
	villageName: string;
	submittedAt: Date | null;
}

/** Packages waiting for the office, the longest waiting first. */
export async function listQueue(): Promise<QueuedPackage[]> {
	return getDb()
		.selectFrom('tour_package as p')
		.innerJoin('village as v', 'v.code', 'p.village_code')
		.select([
			'p.id',
			'p.slug',
			'p.title_id as titleId',
			'p.title_en as titleEn',
			'v.code as villageCode',
			'v.name as villageName',
			'p.submitted_at as submittedAt'
		])
		.where('p.status', '=', 'in_review')
		.orderBy('p.submitted_at')
		.orderBy('p.id')
		.limit(200)
		.execute();
}

export interface ReviewCategory {
	labelId: string;
	labelEn: string;
	priceIdr: number;
	takesSeat: boolean;
	ageGroup: AgeGroup;
	originRule: OriginRule;
}

export interface ReviewRule {
	weekdays: number[];
	startTimes: string[];
	capacity: number;
	validFrom: string;
	validTo: string | null;
}

export interface PackageUnderReview {
	id: number;
	slug: string;
	status: PackageStatus;
	/** Changes whenever the package does; approving checks it to refuse a stale decision. */
	version: string;
	village: { code: string; slug: string; name: string };
	titleId: string;
	titleEn: string;
	descriptionId: string;
	descriptionEn: string;
	includedId: string;
	includedEn: string;
	meetingPointId: string;
	meetingPointEn: string;
	durationMinutes: number;
	minParty: number;
	maxParty: number;
	seasonMonths: number[];
	cutoffHours: number;
	cancelHours: number;
	bookingMode: BookingMode;
	submittedAt: Date | null;
	reviewNote: string | null;
	categories: ReviewCategory[];
	rules: ReviewRule[];
	/** Dates closed by an exception from today on. */
	closedDates: string[];
}

function versionOf(row: { updated_at: Date; submitted_at: Date | null }): string {
	return `${new Date(row.updated_at).getTime()}-${row.submitted_at ? new Date(row.submitted_at).getTime() : 0}`;
}

/** A package in both languages with its prices and schedule, as the reviewer needs to see it. */
export async function find(
	packageId: number,
	today: string
): Promise<PackageUnderReview | undefined> {
	const db = getDb();
	const row = await db
		.selectFrom('tour_package as p')
		.innerJoin('village as v', 'v.code', 'p.village_code')
		.selectAll('p')
		.select(['v.slug as village_slug', 'v.name as village_name'])
		.where('p.id', '=', packageId)
		.executeTakeFirst();
	if (!row) return undefined;
	const [categories, rules, closed] = await Promise.all([
		db
			.selectFrom('price_category')
			.select([
				'label_id as labelId',
				'label_en as labelEn',
				'price_idr as priceIdr',
				'takes_seat as takesSeat',
				'age_group as ageGroup',
				'origin_rule as originRule'
			])
			.where('package_id', '=', packageId)
			.where('active', '=', true)
			.orderBy('sort_order')
			.orderBy('id')
			.execute(),
		db
			.selectFrom('availability_rule')
			.select([
				'weekdays',
				'start_times as startTimes',
				'capacity',
				'valid_from as validFrom',
				'valid_to as validTo'
			])
			.where('package_id', '=', packageId)
			.orderBy('id')
			.execute(),
		db
			.selectFrom('availability_exception')
			.select('date')
			.where('package_id', '=', packageId)
			.where('closed', '=', true)
			.where('date', '>=', today)
			.orderBy('date')
			.limit(60)
			.execute()
	]);
	return {
		id: row.id,
		slug: row.slug,
		status: row.status,
		version: versionOf(row),
		village: { code: row.village_code, slug: row.village_slug, name: row.village_name },
		titleId: row.title_id,
		titleEn: row.title_en,
		descriptionId: row.description_id,
		descriptionEn: row.description_en,
		includedId: row.included_id,
		includedEn: row.included_en,
		meetingPointId: row.meeting_point_id,
		meetingPointEn: row.meeting_point_en,
		durationMinutes: row.duration_minutes,
		minParty: row.min_party,
		maxParty: row.max_party,
		seasonMonths: row.season_months.map(Number),
		cutoffHours: row.cutoff_hours,
		cancelHours: row.cancel_hours,
		bookingMode: row.booking_mode,
		submittedAt: row.submitted_at,
		reviewNote: row.review_note,
		categories,
		rules: rules.map((rule) => ({ ...rule, weekdays: rule.weekdays.map(Number) })),
		closedDates: closed.map((exception) => exception.date)
	};
}

export type ReviewResult =
	| { ok: true; villageCode: string }
	| { ok: false; reason: 'not_found' | 'not_in_review' | 'changed'; status?: PackageStatus };

/** Why a decision was refused, in the reader's language. */
export function refusalMessage(result: Extract<ReviewResult, { ok: false }>): string {
	if (result.reason === 'not_found') return m.office_review_not_found();
	if (result.reason === 'changed') return m.office_review_changed();
	return m.office_review_not_in_review({ status: labelStatus(result.status ?? 'draft') });
}

export function labelStatus(status: PackageStatus): string {
	switch (status) {
		case 'draft':
			return m.office_review_status_draft();
		case 'in_review':
			return m.office_review_status_in_review();
		case 'published':
			return m.office_review_status_published();
		default:
			return m.office_review_status_archived();
	}
}

/**
 * Publishes a package the office has looked at, and materialises its slots in the same
 * transaction. Refused when it has left review or changed since `version` was read: the
 * office approves what it saw, not what the host wrote after.
 */
export async function approve(
	actor: Actor,
	packageId: number,
	version: string,
	now = new Date()
): Promise<ReviewResult> {
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const before = await trx
				.selectFrom('tour_package')
				.select(['village_code', 'status', 'review_note', 'updated_at', 'submitted_at'])
				.where('id', '=', packageId)
				.forUpdate()
				.executeTakeFirst();
			if (!before) return { ok: false, reason: 'not_found' } as const;
			if (before.status !== 'in_review')
				return { ok: false, reason: 'not_in_review', status: before.status } as const;
			if (versionOf(before) !== version) return { ok: false, reason: 'changed' } as const;
			await trx
				.updateTable('tour_package')
				.set({
					status: 'published',
					review_note: null,
					reviewed_at: now,
					reviewed_by: actor.id,
					updated_at: now
				})
				.where('id', '=', packageId)
				.execute();
			// Booked slots (from an earlier publication) are never taken away; on a conflict the
			// existing slots stay as they are and the host's schedule editor shows it.
			const slots = await availability.materialize(packageId, { db: trx, now });
			await audit.record(trx, {
				actorUserId: actor.id,
				villageCode: before.village_code,
				action: 'package.approve',
				entity: 'tour_package',
				entityId: packageId,
				before: { status: before.status, reviewNote: before.review_note },
				after: {
					status: 'published',
					reviewNote: null,
					slotsCreated: slots.ok ? slots.inserted : 0
				}
			});
			return { ok: true, villageCode: before.village_code } as const;
		});
}

export const sendBackSchema = z.object({
	note: text(2000).min(1, { error: () => m.office_review_note_required() })
});

/** Returns a package to the host as a draft, with the reason they will read. */
export async function sendBack(
	actor: Actor,
	packageId: number,
	note: string,
	now = new Date()
): Promise<ReviewResult> {
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const before = await trx
				.selectFrom('tour_package')
				.select(['village_code', 'status', 'review_note'])
				.where('id', '=', packageId)
				.forUpdate()
				.executeTakeFirst();
			if (!before) return { ok: false, reason: 'not_found' } as const;
			if (before.status !== 'in_review')
				return { ok: false, reason: 'not_in_review', status: before.status } as const;
			await trx
				.updateTable('tour_package')
				.set({
					status: 'draft',
					review_note: note,
					reviewed_at: now,
					reviewed_by: actor.id,
					updated_at: now
				})
				.where('id', '=', packageId)
				.execute();
			await audit.record(trx, {
				actorUserId: actor.id,
				villageCode: before.village_code,
				action: 'package.send_back',
				entity: 'tour_package',
				entityId: packageId,
				before: { status: before.status, reviewNote: before.review_note },
				after: { status: 'draft', reviewNote: note }
			});
			return { ok: true, villageCode: before.village_code } as const;
		});
}
