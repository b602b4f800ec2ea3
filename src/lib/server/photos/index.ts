// Photos of village pages, packages and shop products. A file is accepted by what its bytes are
// (detect.ts), never by its name or the type the browser declared, and is stored under a random
// name the server made up: the only names the photo route will ever open.
import { randomBytes } from 'node:crypto';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { m } from '$lib/paraglide/messages';
import * as audit from '../audit';
import { config } from '../config';
import { getDb, type Db } from '../db';
import type { Database } from '../db/schema';
import type { PhotoContentType } from '../db/schema-content';
import type { CheckedUpload } from './detect';

export * from './detect';

/** Enough to show a place; more would make pages heavy on a weak signal. */
export const MAX_PHOTOS = 12;
/** A product is shown small in the shop: a few photos say all there is. */
export const MAX_PRODUCT_PHOTOS = 3;

const FILE_NAME = /^[0-9a-f]{32}\.(jpg|png|webp)$/;

export interface Photo {
	id: number;
	url: string;
	width: number | null;
	height: number | null;
	altId: string;
	altEn: string;
}

export function buildPhotoUrl(fileName: string): string {
	return `/foto/${fileName}`;
}

function filePath(fileName: string): string {
	return path.join(config.uploadDir, fileName);
}

const photoColumns = [
	'id',
	'file_name',
	'width',
	'height',
	'alt_id as altId',
	'alt_en as altEn'
] as const;

function asPhoto({ file_name, ...row }: Omit<Photo, 'url'> & { file_name: string }): Photo {
	return { ...row, url: buildPhotoUrl(file_name) };
}

/** The village page's own photos (not those of its packages or products), in order. */
export async function listForVillage(villageCode: string, db: Db = getDb()): Promise<Photo[]> {
	const rows = await db
		.selectFrom('photo')
		.select(photoColumns)
		.where('village_code', '=', villageCode)
		.where('package_id', 'is', null)
		.where('product_id', 'is', null)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	return rows.map(asPhoto);
}

export async function listForPackage(packageId: number, db: Db = getDb()): Promise<Photo[]> {
	const rows = await db
		.selectFrom('photo')
		.select(photoColumns)
		.where('package_id', '=', packageId)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	return rows.map(asPhoto);
}

export async function listForProduct(productId: number, db: Db = getDb()): Promise<Photo[]> {
	const rows = await db
		.selectFrom('photo')
		.select(photoColumns)
		.where('product_id', '=', productId)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	return rows.map(asPhoto);
}

/** The first photo (by order) of each of the products that has one, in one query. */
export async function findFirstPhotos(
	productIds: number[],
	db: Db = getDb()
): Promise<Map<number, Photo>> {
	if (productIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('photo')
		.distinctOn('product_id')
		.select([...photoColumns, 'product_id'])
		.where('product_id', 'in', productIds)
		.orderBy('product_id')
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	return new Map(rows.map(({ product_id, ...row }) => [Number(product_id), asPhoto(row)] as const));
}

/** Whose photo: a product's, a package's, or (neither given) the village page's own. */
export interface PhotoTarget {
	villageCode: string;
	packageId?: number | null;
	productId?: number | null;
}

function ownedBy(
	eb: ExpressionBuilder<Database, 'photo'>,
	target: PhotoTarget
): Expression<SqlBool> {
	const village = eb('village_code', '=', target.villageCode);
	if (target.productId != null) return eb.and([village, eb('product_id', '=', target.productId)]);
	if (target.packageId != null) return eb.and([village, eb('package_id', '=', target.packageId)]);
	return eb.and([village, eb('package_id', 'is', null), eb('product_id', 'is', null)]);
}

export interface StoredPhoto {
	id: number;
	fileName: string;
	contentType: PhotoContentType;
	bytes: number;
}

export type StoreResult = { ok: true; photo: StoredPhoto } | { ok: false; message: string };

/**
 * Writes the file under a new random name and inserts its row in `trx`. When the transaction
 * does not commit, the caller removes the file with `discardFile`.
 */
export async function store(
	trx: Db,
	target: PhotoTarget,
	image: CheckedUpload,
	alt: { altId: string; altEn: string }
): Promise<StoreResult> {
	const { count, last } = await trx
		.selectFrom('photo')
		.select((eb) => [
			eb.fn.countAll<number>().as('count'),
			eb.fn.max<number | null>('sort_order').as('last')
		])
		.where((eb) => ownedBy(eb, target))
		.executeTakeFirstOrThrow();
	const max = target.productId != null ? MAX_PRODUCT_PHOTOS : MAX_PHOTOS;
	if (Number(count) >= max) {
		return { ok: false, message: m.hostc_photo_too_many({ max }) };
	}
	const fileName = `${randomBytes(16).toString('hex')}.${image.extension}`;
	await mkdir(config.uploadDir, { recursive: true });
	await writeFile(filePath(fileName), image.bytes, { flag: 'wx' });
	// The row is the file's only way in: a file whose row could not be written goes at once.
	let row;
	try {
		row = await trx
			.insertInto('photo')
			.values({
				village_code: target.villageCode,
				package_id: target.packageId ?? null,
				product_id: target.productId ?? null,
				file_name: fileName,
				content_type: image.contentType,
				bytes: image.bytes.byteLength,
				width: image.width,
				height: image.height,
				alt_id: alt.altId,
				alt_en: alt.altEn,
				sort_order: Number(last ?? 0) + 1
			})
			.returning(['id', 'file_name as fileName', 'content_type as contentType', 'bytes'])
			.executeTakeFirstOrThrow();
	} catch (error) {
		await discardFile(fileName);
		throw error;
	}
	return { ok: true, photo: row };
}

/** Deletes the photo's row in `trx` when it belongs to the target; the file goes after commit. */
export async function remove(
	trx: Db,
	target: PhotoTarget,
	photoId: number
): Promise<StoredPhoto | undefined> {
	return trx
		.deleteFrom('photo')
		.where('id', '=', photoId)
		.where((eb) => ownedBy(eb, target))
		.returning(['id', 'file_name as fileName', 'content_type as contentType', 'bytes'])
		.executeTakeFirst();
}

/** Removes a stored file; a file that is already gone is no failure. */
export async function discardFile(fileName: string): Promise<void> {
	if (!FILE_NAME.test(fileName)) return;
	await unlink(filePath(fileName)).catch(() => undefined);
}

export type PhotoResult = { ok: true } | { ok: false; message: string };

/** What an owner's editor adds to an audited photo upload, decided inside its transaction. */
export interface PhotoAddition {
	alt: { altId: string; altEn: string };
	/** The audit entry's `before`, when the owner changes too. */
	before?: Record<string, unknown>;
	/** Audit fields besides the stored photo's own. */
	after: Record<string, unknown>;
	/** Runs in the transaction once the photo is stored (not when it is refused). */
	onStored?: () => Promise<void>;
}

/**
 * Stores a checked photo of the target and audits it, in one transaction. `prepare` runs first
 * in it (to lock the owner, say) and gives undefined when there is no such owner. The file is
 * written before the commit and removed again when the transaction fails.
 */
export async function addAudited<P extends PhotoAddition | undefined>(
	actorUserId: number,
	target: PhotoTarget,
	image: CheckedUpload,
	prepare: (trx: Db) => Promise<P>
): Promise<PhotoResult | Extract<P, undefined>> {
	let written: string | undefined;
	try {
		return await getDb()
			.transaction()
			.execute(async (trx) => {
				const addition = await prepare(trx);
				if (addition === undefined) return addition as Extract<P, undefined>;
				const stored = await store(trx, target, image, addition.alt);
				if (!stored.ok) return stored;
				written = stored.photo.fileName;
				await addition.onStored?.();
				await audit.record(trx, {
					actorUserId,
					villageCode: target.villageCode,
					action: 'photo.add',
					entity: 'photo',
					entityId: stored.photo.id,
					before: addition.before,
					after: { ...stored.photo, ...addition.after }
				});
				return { ok: true } as const;
			});
	} catch (error) {
		if (written) await discardFile(written);
		throw error;
	}
}

/**
 * Removes one of the target's photos and audits it (with `owner` beside the photo's own fields),
 * and its file after the commit; false when it is not one of the target's.
 */
export async function removeAudited(
	actorUserId: number,
	target: PhotoTarget,
	photoId: number,
	owner: Record<string, unknown>
): Promise<boolean> {
	const removed = await getDb()
		.transaction()
		.execute(async (trx) => {
			const photo = await remove(trx, target, photoId);
			if (!photo) return undefined;
			await audit.record(trx, {
				actorUserId,
				villageCode: target.villageCode,
				action: 'photo.delete',
				entity: 'photo',
				entityId: photo.id,
				before: { ...photo, ...owner }
			});
			return photo;
		});
	if (removed) await discardFile(removed.fileName);
	return removed !== undefined;
}

/**
 * The photo at `/foto/<name>`: only a name the server generated and still has a row for is
 * opened, so no path can reach any other file.
 */
export async function openStored(
	name: string
): Promise<{ body: Uint8Array; contentType: PhotoContentType } | undefined> {
	if (!FILE_NAME.test(name)) return undefined;
	const row = await getDb()
		.selectFrom('photo')
		.select(['file_name', 'content_type'])
		.where('file_name', '=', name)
		.executeTakeFirst();
	if (!row) return undefined;
	try {
		return { body: await readFile(filePath(row.file_name)), contentType: row.content_type };
	} catch {
		return undefined;
	}
}
