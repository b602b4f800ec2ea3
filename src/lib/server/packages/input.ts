// The package form as hosts fill it in: every field checked, with the checks between fields
// (party sizes, meeting point, price categories) reported together with those of single fields.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { parse, readCount, text, wholeCount, type FieldErrors, type Parsed } from '$lib/validation';
import { PALI_BOUNDS } from '../villages/host';

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
