// Photos of village pages, packages and shop products. A file is accepted by what its bytes are (JPEG, PNG or
// WebP signatures), never by its name or the type the browser declared, and is stored under a
// random name the server made up: the only names the photo route will ever open.
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

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/**
 * The most pixels a photo may have, read from its header before anything decodes it: a decoder
 * takes 3–4 bytes per pixel, so a few hundred KB declaring 60000×60000 would ask for gigabytes.
 * 40 MP is more than any phone camera takes. Whatever decodes or re-encodes photos must be
 * held to the same limit (sharp: `limitInputPixels: MAX_PHOTO_PIXELS`).
 */
export const MAX_PHOTO_PIXELS = 40_000_000;
/** Enough to show a place; more would make pages heavy on a weak signal. */
export const MAX_PHOTOS = 12;
/** A product is shown small in the shop: a few photos say all there is. */
export const MAX_PRODUCT_PHOTOS = 3;

const FILE_NAME = /^[0-9a-f]{32}\.(jpg|png|webp)$/;

export interface DetectedImage {
	contentType: PhotoContentType;
	extension: 'jpg' | 'png' | 'webp';
	width: number | null;
	height: number | null;
}

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
	return signature.every((value, i) => bytes[offset + i] === value);
}

const ascii = (value: string) => [...value].map((char) => char.charCodeAt(0));

function pngSize(bytes: Uint8Array) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (bytes.length < 24 || !startsWith(bytes, ascii('IHDR'), 12)) return null;
	return { width: view.getUint32(16), height: view.getUint32(20) };
}

// The size sits in the first start-of-frame segment (SOF0–SOF15 except DHT, JPG and DAC).
function jpegSize(bytes: Uint8Array) {
	let i = 2;
	while (i + 9 < bytes.length) {
		if (bytes[i] !== 0xff) return null;
		const marker = bytes[i + 1];
		if (marker === 0xff) {
			i += 1;
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			i += 2;
			continue;
		}
		const length = (bytes[i + 2] << 8) | bytes[i + 3];
		const isFrame =
			marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
		if (isFrame) {
			return {
				height: (bytes[i + 5] << 8) | bytes[i + 6],
				width: (bytes[i + 7] << 8) | bytes[i + 8]
			};
		}
		i += 2 + length;
	}
	return null;
}

// https://developers.google.com/speed/webp/docs/riff_container
function webpSize(bytes: Uint8Array) {
	if (bytes.length < 30) return null;
	const le24 = (at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
	if (startsWith(bytes, ascii('VP8X'), 12)) return { width: 1 + le24(24), height: 1 + le24(27) };
	if (startsWith(bytes, ascii('VP8L'), 12)) {
		const b = (at: number) => bytes[21 + at];
		return {
			width: 1 + (((b(1) & 0x3f) << 8) | b(0)),
			height: 1 + (((b(3) & 0x0f) << 10) | (b(2) << 2) | ((b(1) & 0xc0) >> 6))
		};
	}
	if (startsWith(bytes, ascii('VP8 '), 12)) {
		return {
			width: (bytes[26] | (bytes[27] << 8)) & 0x3fff,
			height: (bytes[28] | (bytes[29] << 8)) & 0x3fff
		};
	}
	return null;
}

function withSize(
	type: Omit<DetectedImage, 'width' | 'height'>,
	size: { width: number; height: number } | null
): DetectedImage {
	const valid = size && size.width > 0 && size.height > 0;
	return { ...type, width: valid ? size.width : null, height: valid ? size.height : null };
}

/** What the bytes are, by their signature; undefined for anything but JPEG, PNG and WebP. */
export function detectImage(bytes: Uint8Array): DetectedImage | undefined {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
		return withSize({ contentType: 'image/png', extension: 'png' }, pngSize(bytes));
	}
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
		return withSize({ contentType: 'image/jpeg', extension: 'jpg' }, jpegSize(bytes));
	}
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) {
		return withSize({ contentType: 'image/webp', extension: 'webp' }, webpSize(bytes));
	}
	return undefined;
}

export interface CheckedUpload extends DetectedImage {
	bytes: Uint8Array;
}

export type UploadCheck = { ok: true; image: CheckedUpload } | { ok: false; message: string };

/**
 * A form's file field checked by size, content and the pixels its header declares; the message
 * belongs at the field.
 */
export async function checkUpload(file: FormDataEntryValue | null): Promise<UploadCheck> {
	if (!(file instanceof File) || file.size === 0)
		return { ok: false, message: m.hostc_photo_missing() };
	if (file.size > MAX_PHOTO_BYTES) return { ok: false, message: m.hostc_photo_too_large() };
	const bytes = new Uint8Array(await file.arrayBuffer());
	const image = detectImage(bytes);
	if (!image) return { ok: false, message: m.hostc_photo_wrong_type() };
	// Without a size in its header, the limit below could not be kept.
	if (image.width === null || image.height === null) {
		return { ok: false, message: m.hostc_photo_size_unreadable() };
	}
	if (image.width * image.height > MAX_PHOTO_PIXELS) {
		return {
			ok: false,
			message: m.hostc_photo_too_many_pixels({ max: MAX_PHOTO_PIXELS / 1_000_000 })
		};
	}
	return { ok: true, image: { ...image, bytes } };
}

export interface Photo {
	id: number;
	url: string;
	width: number | null;
	height: number | null;
	altId: string;
	altEn: string;
}

export function photoUrl(fileName: string): string {
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
	return { ...row, url: photoUrl(file_name) };
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
export async function firstPhotoOfProducts(
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
