// What an uploaded file is, judged by its bytes (JPEG, PNG or WebP signatures) and never by its
// name or the type the browser declared, and how many pixels its header says it has.
import { m } from '$lib/paraglide/messages';
import type { PhotoContentType } from '../db/schema-content';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/**
 * The most pixels a photo may have, read from its header before anything decodes it: a decoder
 * takes 3–4 bytes per pixel, so a few hundred KB declaring 60000×60000 would ask for gigabytes.
 * 40 MP is more than any phone camera takes. Whatever decodes or re-encodes photos must be
 * held to the same limit (sharp: `limitInputPixels: MAX_PHOTO_PIXELS`).
 */
export const MAX_PHOTO_PIXELS = 40_000_000;

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
