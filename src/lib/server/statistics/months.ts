// Months and ranges of months as a reader asks for them: ?bulan, ?dari and ?sampai.
import { addMonths, monthsBetween, parseMonth } from '../../dates';

export const MAX_RANGE_MONTHS = 36;

export type RangeProblem = 'format' | 'order' | 'span';

export type RangeCheck =
	| { ok: true; from: string; to: string }
	| { ok: false; problems: Partial<Record<'from' | 'to', RangeProblem>> };

/** A range of whole months, at most MAX_RANGE_MONTHS long, with `from` not after `to`. */
export function checkRange(fromInput: string | null, toInput: string | null): RangeCheck {
	const from = parseMonth(fromInput);
	const to = parseMonth(toInput);
	const problems: Partial<Record<'from' | 'to', RangeProblem>> = {};
	if (!from) problems.from = 'format';
	if (!to) problems.to = 'format';
	if (from && to) {
		if (from > to) problems.from = 'order';
		else if (monthsBetween(from, to).length > MAX_RANGE_MONTHS) problems.from = 'span';
	}
	return from && to && !problems.from && !problems.to
		? { ok: true, from, to }
		: { ok: false, problems };
}

export interface Change {
	diff: number;
	/** Percentage change; null when the base is 0 (shown as "—"). */
	percent: number | null;
}

export function measureChange(current: number, base: number): Change {
	return {
		diff: current - base,
		percent: base === 0 ? null : Math.round(((current - base) / base) * 1000) / 10
	};
}

export type PeriodProblem = RangeProblem;

export interface PeriodQuery {
	month: string;
	from: string;
	to: string;
	/** What the reader typed, to show back beside a problem. */
	typed: { bulan: string; dari: string; sampai: string };
	problems: Partial<Record<'bulan' | 'dari' | 'sampai', PeriodProblem>>;
}

/**
 * The month (?bulan=YYYY-MM) of the breakdowns and the range (?dari, ?sampai) of the monthly
 * tables. Bad values get a problem and fall back to the defaults: this month in Jakarta, and
 * the twelve months ending with the chosen month.
 */
export function readPeriod(params: URLSearchParams, today: string): PeriodQuery {
	const typed = {
		bulan: params.get('bulan') ?? '',
		dari: params.get('dari') ?? '',
		sampai: params.get('sampai') ?? ''
	};
	const problems: PeriodQuery['problems'] = {};
	let month = today.slice(0, 7);
	if (typed.bulan) {
		const parsed = parseMonth(typed.bulan);
		if (parsed) month = parsed;
		else problems.bulan = 'format';
	}
	let from = addMonths(month, -11);
	let to = month;
	if (typed.dari || typed.sampai) {
		const range = checkRange(typed.dari || from, typed.sampai || to);
		if (range.ok) ({ from, to } = range);
		else {
			if (range.problems.from) problems.dari = range.problems.from;
			if (range.problems.to) problems.sampai = range.problems.to;
		}
	}
	return { month, from, to, typed, problems };
}
