// One schema library (Zod) validates every form and API body; this turns its issues into
// messages in the reader's language, keyed by the field they concern.
import { z } from 'zod';
import { isCalendarDate, type DateRange } from '$lib/dates';
import { formatDate } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

z.config({
	customError(issue) {
		switch (issue.code) {
			case 'invalid_type':
				return issue.input === undefined || issue.input === null || issue.input === ''
					? m.validation_required()
					: issue.expected === 'int' || issue.expected === 'number'
						? m.validation_whole_number()
						: m.validation_invalid();
			case 'too_small':
				if (issue.origin === 'string' && Number(issue.minimum) <= 1) return m.validation_required();
				if (issue.origin === 'number')
					return m.validation_number_too_small({ min: String(issue.minimum) });
				return m.validation_invalid();
			case 'too_big':
				if (issue.origin === 'string') return m.validation_too_long({ max: String(issue.maximum) });
				if (issue.origin === 'number')
					return m.validation_number_too_big({ max: String(issue.maximum) });
				return m.validation_invalid();
			case 'invalid_value':
				return m.validation_choose();
			default:
				return m.validation_invalid();
		}
	}
});

export type FieldErrors = Record<string, string>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; fields: FieldErrors };

/** Validates input; on failure returns the first message for each field path ('party.0.quantity'). */
export function parse<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
	const result = schema.safeParse(input);
	if (result.success) return { ok: true, data: result.data };
	const fields: FieldErrors = {};
	for (const issue of result.error.issues) {
		const path = issue.path.map(String).join('.') || '_';
		fields[path] ??= issue.message;
	}
	return { ok: false, fields };
}

/** Text a person typed: trimmed, control characters refused, bounded. */
export function text(max: number) {
	return (
		z
			.string()
			.trim()
			.max(max)
			// Control characters other than tab and newline have no place in a name or message.
			// eslint-disable-next-line no-control-regex -- matching them is the point
			.refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value))
	);
}

export interface DateMessages {
	/** Nothing typed. */
	missing?: () => string;
	/** Not a calendar date written 'YYYY-MM-DD'. */
	invalid?: () => string;
	/** Before the range's first day. */
	early?: () => string;
	/** After the range's last day. */
	late?: () => string;
}

/**
 * A real calendar date written 'YYYY-MM-DD' within `range` (both ends included). A range that
 * starts or ends today is built per request from the caller's `now` (see $lib/dates).
 */
export function calendarDate(range: DateRange, messages: DateMessages = {}) {
	const early =
		messages.early ?? (() => m.validation_date_too_early({ date: showDate(range.from) }));
	const late = messages.late ?? (() => m.validation_date_too_late({ date: showDate(range.to) }));
	return z.string().superRefine((value, context) => {
		const problem =
			value === ''
				? (messages.missing ?? m.validation_required)()
				: !isCalendarDate(value)
					? (messages.invalid ?? m.validation_date_not_real)()
					: value < range.from
						? early()
						: value > range.to
							? late()
							: undefined;
		if (problem) context.addIssue({ code: 'custom', message: problem });
	});
}

function showDate(date: string): string {
	return formatDate(date, getLocale());
}

const DECIMAL_DIGITS = /^\d+$/;

/**
 * A whole count: from a form, decimal digits only ('3'; not '1e2', '0x10', '2.5', '-3' or ' 3',
 * which Number() would read as 100, 16 …); from JSON, a whole number. Then `min` to `max`.
 */
export function wholeCount(min: number, max: number) {
	return z.preprocess(
		(value) => (typeof value === 'string' && DECIMAL_DIGITS.test(value) ? Number(value) : value),
		z.number().int().min(min).max(max)
	);
}

/** The number a count field holds, if it is one that wholeCount reads; for checks across fields. */
export function readCount(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
	return typeof value === 'string' && DECIMAL_DIGITS.test(value) ? Number(value) : undefined;
}
