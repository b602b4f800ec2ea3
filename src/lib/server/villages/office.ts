// The office's decisions about villages: which are in the OVOP programme with which product.
// The village page itself (story, WhatsApp) is edited through villages/host.ts, which the
// hosts' editor uses too.
import { sql } from 'kysely';
import { z } from 'zod';
import { todayInJakarta } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { text } from '$lib/validation';
import * as audit from '../audit';
import type { SessionUser } from '../auth/session';
import { getDb } from '../db';

type Actor = Pick<SessionUser, 'id'>;

/** The programme's first intake; earlier years cannot be entered. */
export const OVOP_FIRST_YEAR = 2025;

export function readCurrentYear(now: Date = new Date()): number {
	return Number(todayInJakarta(now).slice(0, 4));
}

const hasStory = sql<boolean>`coalesce(village.story_id, '') <> ''`.as('hasStory');

export interface OfficeVillageFilters {
	district?: string;
	/** true: only OVOP villages; false: only the others. */
	ovop?: boolean;
}

export interface OfficeVillageRow {
	code: string;
	slug: string;
	name: string;
	type: 'desa' | 'kelurahan';
	districtName: string;
	ovop: boolean;
	productId: string | null;
	productEn: string | null;
	ovopSince: number | null;
	whatsapp: string | null;
	hasStory: boolean;
}

/** Every village with what the office decides about it, by kecamatan and name. */
export async function list(filters: OfficeVillageFilters = {}): Promise<OfficeVillageRow[]> {
	let query = getDb()
		.selectFrom('village')
		.innerJoin('district', 'district.code', 'village.district_code')
		.select([
			'village.code',
			'village.slug',
			'village.name',
			'village.type',
			'district.name as districtName',
			'village.ovop',
			'village.ovop_product_id as productId',
			'village.ovop_product_en as productEn',
			'village.ovop_since as ovopSince',
			'village.whatsapp',
			hasStory
		]);
	if (filters.district) query = query.where('village.district_code', '=', filters.district);
	if (filters.ovop !== undefined) query = query.where('village.ovop', '=', filters.ovop);
	return query.orderBy('district.name').orderBy('village.name').execute();
}

export interface OfficeVillage extends OfficeVillageRow {
	districtCode: string;
	storyId: string | null;
	storyEn: string | null;
}

export async function findBySlug(slug: string): Promise<OfficeVillage | undefined> {
	return getDb()
		.selectFrom('village')
		.innerJoin('district', 'district.code', 'village.district_code')
		.select([
			'village.code',
			'village.slug',
			'village.name',
			'village.type',
			'village.district_code as districtCode',
			'district.name as districtName',
			'village.ovop',
			'village.ovop_product_id as productId',
			'village.ovop_product_en as productEn',
			'village.ovop_since as ovopSince',
			'village.whatsapp',
			'village.story_id as storyId',
			'village.story_en as storyEn'
		])
		.select(hasStory)
		.where('village.slug', '=', slug)
		.executeTakeFirst();
}

const productName = text(60).min(1, { error: () => m.office_ovop_product_required() });

/** The OVOP form; built per call so that the year range follows the calendar. */
export function buildOvopSchema(now: Date = new Date()) {
	const latest = readCurrentYear(now);
	const outOfRange = () =>
		m.office_ovop_since_range({ from: String(OVOP_FIRST_YEAR), to: String(latest) });
	return z.object({
		productId: productName,
		productEn: productName,
		since: z.coerce
			.number({ error: outOfRange })
			.int({ error: outOfRange })
			.min(OVOP_FIRST_YEAR, { error: outOfRange })
			.max(latest, { error: outOfRange })
	});
}

export type OvopInput = z.output<ReturnType<typeof buildOvopSchema>>;

type OvopState = {
	ovop: boolean;
	productId: string | null;
	productEn: string | null;
	since: number | null;
};

export type VillageWriteResult = { ok: true } | { ok: false; reason: 'not_found' };

/** Puts a village in the OVOP programme, or changes its product or year. */
export async function markOvop(
	actor: Actor,
	villageCode: string,
	input: OvopInput
): Promise<VillageWriteResult> {
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const before = await trx
				.selectFrom('village')
				.select([
					'ovop',
					'ovop_product_id as productId',
					'ovop_product_en as productEn',
					'ovop_since as since'
				])
				.where('code', '=', villageCode)
				.forUpdate()
				.executeTakeFirst();
			if (!before) return { ok: false, reason: 'not_found' } as const;
			const after: OvopState = {
				ovop: true,
				productId: input.productId,
				productEn: input.productEn,
				since: input.since
			};
			await trx
				.updateTable('village')
				.set({
					ovop: true,
					ovop_product_id: input.productId,
					ovop_product_en: input.productEn,
					ovop_since: input.since,
					updated_at: new Date()
				})
				.where('code', '=', villageCode)
				.execute();
			await audit.record(trx, {
				actorUserId: actor.id,
				villageCode,
				action: 'village.mark_ovop',
				entity: 'village',
				entityId: villageCode,
				before: before satisfies OvopState,
				after
			});
			return { ok: true } as const;
		});
}

/**
 * Takes a village out of the programme. The product and year stay as a record of the office's
 * decision: the reference seed re-marks Talang Bulang only while ovop_since is still empty.
 */
export async function removeOvop(actor: Actor, villageCode: string): Promise<VillageWriteResult> {
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const before = await trx
				.selectFrom('village')
				.select('ovop')
				.where('code', '=', villageCode)
				.forUpdate()
				.executeTakeFirst();
			if (!before) return { ok: false, reason: 'not_found' } as const;
			if (!before.ovop) return { ok: true } as const;
			await trx
				.updateTable('village')
				.set({ ovop: false, updated_at: new Date() })
				.where('code', '=', villageCode)
				.execute();
			await audit.record(trx, {
				actorUserId: actor.id,
				villageCode,
				action: 'village.remove_ovop',
				entity: 'village',
				entityId: villageCode,
				before: { ovop: true },
				after: { ovop: false }
			});
			return { ok: true } as const;
		});
}
