// The schedule form: repeated rows of weekly rules and exceptions, read into what
// availability.scheduleSchema accepts, with every message keyed by the form field it concerns.
import { searchableDates, todayInJakarta } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import * as availability from '$lib/server/availability';
import { calendarDate, parse, wholeCount, type FieldErrors } from '$lib/validation';
import { readChoices, readRowNumbers, readText } from '../../form-data';

export interface RuleValues {
	weekdays: number[];
	startTimes: string;
	capacity: string;
	validFrom: string;
	validTo: string;
}

export interface ExceptionValues {
	date: string;
	closed: boolean;
	capacity: string;
	startTimes: string;
	reason: string;
}

export interface ScheduleValues {
	seasonMonths: number[];
	rules: RuleValues[];
	exceptions: ExceptionValues[];
}

export type ScheduleForm =
	| { ok: true; values: ScheduleValues; input: availability.ScheduleInput }
	| { ok: false; values: ScheduleValues; fields: FieldErrors };

/** The saved schedule as the form shows it. */
export function valuesOf(schedule: availability.ScheduleInput): ScheduleValues {
	return {
		seasonMonths: schedule.seasonMonths ?? [],
		rules: schedule.rules.map((rule) => ({
			weekdays: rule.weekdays,
			startTimes: rule.startTimes.join(', '),
			capacity: String(rule.capacity),
			validFrom: rule.validFrom,
			validTo: rule.validTo ?? ''
		})),
		exceptions: schedule.exceptions.map((exception) => ({
			date: exception.date,
			closed: exception.closed,
			capacity: exception.capacity === null ? '' : String(exception.capacity),
			startTimes: exception.startTimes?.join(', ') ?? '',
			reason: exception.reason ?? ''
		}))
	};
}

/** '8.00, 14:00' → ['08:00', '14:00']; undefined when one of them is not a time. */
export function readTimes(value: string): string[] | undefined {
	const times: string[] = [];
	for (const part of value.split(/[\s,;]+/).filter(Boolean)) {
		const match = /^([01]?\d|2[0-3])[.:]([0-5]\d)$/.exec(part);
		if (!match) return undefined;
		times.push(`${match[1].padStart(2, '0')}:${match[2]}`);
	}
	return [...new Set(times)].sort();
}

const capacity = wholeCount(1, 1000);

export function readScheduleForm(form: FormData, now: Date = new Date()): ScheduleForm {
	const fields: FieldErrors = {};
	// A day the schedule names: from the first records to a year ahead, so that a rule or an
	// exception saved earlier can be saved again.
	const day = calendarDate(searchableDates(now));
	/** The typed value, with the field's message when it is not a calendar day in range. */
	const checkDate = (value: string, key: string) => {
		const checked = parse(day, value);
		if (!checked.ok) fields[key] ??= checked.fields._;
		return value;
	};
	/** A capacity as a number; undefined, with the field's message, when it is not one. */
	const readCapacity = (value: string, key: string) => {
		if (value === '') return undefined;
		const checked = parse(capacity, value);
		if (!checked.ok) fields[key] ??= checked.fields._;
		return checked.ok ? checked.data : undefined;
	};
	const values: ScheduleValues = {
		seasonMonths: readChoices(form, 'seasonMonths', 12),
		rules: [],
		exceptions: []
	};
	const rules: unknown[] = [];
	const ruleRows: number[] = [];
	for (const row of readRowNumbers(form, 'rules', 1000)) {
		const name = (field: string) => `rules.${row}.${field}`;
		const rule: RuleValues = {
			weekdays: readChoices(form, name('weekdays'), 7),
			startTimes: readText(form, name('startTimes'), 500),
			capacity: readText(form, name('capacity'), 500),
			validFrom: readText(form, name('validFrom'), 500),
			validTo: readText(form, name('validTo'), 500)
		};
		const blank = rule.weekdays.length === 0 && !rule.startTimes && !rule.capacity;
		if (form.has(name('remove')) || blank) continue;
		const at = values.rules.push(rule) - 1;
		const key = (field: string) => `rules.${at}.${field}`;
		const times = readTimes(rule.startTimes);
		if (!times) fields[key('startTimes')] = m.hostc_times_invalid();
		else if (times.length === 0) fields[key('startTimes')] = m.hostc_times_required();
		if (rule.weekdays.length === 0) fields[key('weekdays')] = m.hostc_weekdays_required();
		ruleRows.push(at);
		rules.push({
			weekdays: rule.weekdays,
			startTimes: times ?? [],
			capacity: readCapacity(rule.capacity, key('capacity')),
			validFrom: checkDate(rule.validFrom || todayInJakarta(now), key('validFrom')),
			validTo: rule.validTo ? checkDate(rule.validTo, key('validTo')) : null
		});
	}
	const exceptions: unknown[] = [];
	const exceptionRows: number[] = [];
	const dates = new Set<string>();
	for (const row of readRowNumbers(form, 'exceptions', 1000)) {
		const name = (field: string) => `exceptions.${row}.${field}`;
		const exception: ExceptionValues = {
			date: readText(form, name('date'), 500),
			closed: form.has(name('closed')),
			capacity: readText(form, name('capacity'), 500),
			startTimes: readText(form, name('startTimes'), 500),
			reason: readText(form, name('reason'), 200)
		};
		const blank = !exception.date && !exception.capacity && !exception.startTimes;
		if (form.has(name('remove')) || (blank && !exception.closed && !exception.reason)) continue;
		const at = values.exceptions.push(exception) - 1;
		const key = (field: string) => `exceptions.${at}.${field}`;
		const times = readTimes(exception.startTimes);
		if (!times) fields[key('startTimes')] = m.hostc_times_invalid();
		if (!exception.closed && !exception.capacity && !exception.startTimes) {
			fields[key('closed')] = m.hostc_exception_empty();
		}
		if (dates.has(exception.date)) fields[key('date')] = m.hostc_exception_date_repeated();
		else checkDate(exception.date, key('date'));
		dates.add(exception.date);
		exceptionRows.push(at);
		exceptions.push({
			date: exception.date,
			closed: exception.closed,
			capacity: exception.closed
				? null
				: (readCapacity(exception.capacity, key('capacity')) ?? null),
			startTimes: exception.closed || !times || times.length === 0 ? null : times,
			reason: exception.reason || null
		});
	}
	if (values.seasonMonths.length === 0) fields.seasonMonths = m.hostc_season_required();

	const parsed = parse(availability.scheduleSchema, {
		seasonMonths: values.seasonMonths,
		rules,
		exceptions
	});
	if (!parsed.ok) {
		for (const [path, message] of Object.entries(parsed.fields)) {
			const [list, index, field] = path.split('.');
			const rows = list === 'rules' ? ruleRows : list === 'exceptions' ? exceptionRows : null;
			const key =
				rows && index !== undefined && field !== undefined
					? `${list}.${rows[Number(index)]}.${field}`
					: list;
			fields[key] ??= message;
		}
	}
	if (!parsed.ok || Object.keys(fields).length > 0) return { ok: false, values, fields };
	return { ok: true, values, input: parsed.data };
}
