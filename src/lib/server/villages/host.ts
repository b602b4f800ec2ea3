// The village page as its hosts keep it: story, WhatsApp contact, photos and the map marker.
// OVOP flags and the product are the office's to set and are never written here.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { text } from '$lib/validation';
import * as audit from '../audit';
import { getDb, type Db } from '../db';
import * as photos from '../photos';

/** PALI regency's rough extent; a marker outside it is a typing mistake. */
export const PALI_BOUNDS = { minLat: -3.7, maxLat: -2.8, minLng: 103.5, maxLng: 104.5 };

const optionalText = (max: number) =>
	text(max)
		.nullish()
		.transform((value) => value || null);

const whatsapp = z
	.string()
	.trim()
	.max(32)
	.nullish()
	.transform((value, ctx) => {
		if (!value) return null;
		// Indonesian numbers may be written 08…, 62… or +62…; others need their country code.
		const parsed = parsePhoneNumberFromString(value.replace(/^62/, '+62'), 'ID');
		if (!parsed || !parsed.isValid()) {
			ctx.addIssue({ code: 'custom', message: m.hostc_whatsapp_invalid() });
			return z.NEVER;
		}
		return parsed.number;
	});

export const pageSchema = z.object({
	storyId: optionalText(4000),
	storyEn: optionalText(4000),
	whatsapp
});

export type PageInput = z.output<typeof pageSchema>;

function coordinate(min: number, max: number, message: () => string) {
	return z.coerce
		.number({ error: () => m.validation_invalid() })
		.refine((value) => value >= min && value <= max, { error: message });
}

export const markerSchema = z.object({
	lat: coordinate(PALI_BOUNDS.minLat, PALI_BOUNDS.maxLat, () =>
		m.hostc_lat_outside({ min: String(PALI_BOUNDS.minLat), max: String(PALI_BOUNDS.maxLat) })
	),
	lng: coordinate(PALI_BOUNDS.minLng, PALI_BOUNDS.maxLng, () =>
		m.hostc_lng_outside({ min: String(PALI_BOUNDS.minLng), max: String(PALI_BOUNDS.maxLng) })
	)
});

export type MarkerInput = z.output<typeof markerSchema>;

export interface VillagePage {
	code: string;
	slug: string;
	name: string;
	storyId: string | null;
	storyEn: string | null;
	whatsapp: string | null;
	lat: number;
	lng: number;
	centreLat: number;
	centreLng: number;
	locationConfirmed: boolean;
	ovop: boolean;
	ovopProductId: string | null;
	ovopProductEn: string | null;
	photos: photos.Photo[];
}

async function readPage(db: Db, villageCode: string, lock = false) {
	const query = db
		.selectFrom('village')
		.select([
			'code',
			'slug',
			'name',
			'story_id as storyId',
			'story_en as storyEn',
			'whatsapp',
			'lat',
			'lng',
			'centre_lat as centreLat',
			'centre_lng as centreLng',
			'location_confirmed as locationConfirmed',
			'ovop',
			'ovop_product_id as ovopProductId',
			'ovop_product_en as ovopProductEn'
		])
		.where('code', '=', villageCode);
	return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function findForEditing(villageCode: string): Promise<VillagePage | undefined> {
	const [page, pagePhotos] = await Promise.all([
		readPage(getDb(), villageCode),
		photos.listForVillage(villageCode)
	]);
	return page && { ...page, photos: pagePhotos };
}

type PageRow = NonNullable<Awaited<ReturnType<typeof readPage>>>;

type Changes = Partial<{
	story_id: string | null;
	story_en: string | null;
	whatsapp: string | null;
	lat: number;
	lng: number;
	location_confirmed: boolean;
}>;

/**
 * Applies `changes` to the village and records the `shown` fields before and after, in one
 * transaction.
 */
async function change(
	actorUserId: number,
	villageCode: string,
	action: string,
	shown: (keyof PageRow)[],
	changes: (current: PageRow) => Changes
): Promise<boolean> {
	const pick = (row: PageRow) => Object.fromEntries(shown.map((key) => [key, row[key]]));
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const before = await readPage(trx, villageCode, true);
			if (!before) return false;
			await trx
				.updateTable('village')
				.set({ ...changes(before), updated_at: new Date() })
				.where('code', '=', villageCode)
				.execute();
			const after = await readPage(trx, villageCode);
			await audit.record(trx, {
				actorUserId,
				villageCode,
				action,
				entity: 'village',
				entityId: villageCode,
				before: pick(before),
				after: after && pick(after)
			});
			return true;
		});
}

export function updatePage(actorUserId: number, villageCode: string, input: PageInput) {
	const shown: (keyof PageRow)[] = ['storyId', 'storyEn', 'whatsapp'];
	return change(actorUserId, villageCode, 'village.update_page', shown, () => ({
		story_id: input.storyId,
		story_en: input.storyEn,
		whatsapp: input.whatsapp
	}));
}

const markerFields: (keyof PageRow)[] = ['lat', 'lng', 'locationConfirmed'];

/** Puts the marker where the host says the village is, and marks the location as confirmed. */
export function moveMarker(actorUserId: number, villageCode: string, input: MarkerInput) {
	return change(actorUserId, villageCode, 'village.move_marker', markerFields, () => ({
		lat: input.lat,
		lng: input.lng,
		location_confirmed: true
	}));
}

/** Back to the centre of the village area, which the map shows as approximate. */
export function resetMarker(actorUserId: number, villageCode: string) {
	return change(actorUserId, villageCode, 'village.reset_marker', markerFields, (current) => ({
		lat: current.centreLat,
		lng: current.centreLng,
		location_confirmed: false
	}));
}

export const altSchema = z.object({
	altId: text(200).default(''),
	altEn: text(200).default('')
});

export type PhotoResult = photos.PhotoResult;

/** Adds a checked photo to the village page. */
export async function addPhoto(
	actorUserId: number,
	villageCode: string,
	image: photos.CheckedUpload,
	alt: z.output<typeof altSchema>
): Promise<PhotoResult> {
	return photos.addAudited(actorUserId, { villageCode, packageId: null }, image, async () => ({
		alt,
		after: { packageId: null, ...alt }
	}));
}

/** Removes one of the village page's photos; false when it is not one of them. */
export async function deletePhoto(
	actorUserId: number,
	villageCode: string,
	photoId: number
): Promise<boolean> {
	const target = { villageCode, packageId: null };
	return photos.removeAudited(actorUserId, target, photoId, { packageId: null });
}
