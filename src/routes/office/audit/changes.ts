// Before and after of an audit event, reduced to what changed, each value cut short, so that a
// page of events stays readable on a phone.
const MAX_VALUE = 80;
const MAX_FIELDS = 12;

export interface Change {
	field: string;
	before?: string;
	after?: string;
}

function show(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	if (value === null || value === undefined) return undefined;
	return typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: { value };
}

/** The fields whose values differ; a field only before or only after shows one side. */
export function describeChanges(before: unknown, after: unknown): Change[] {
	const was = asRecord(before);
	const is = asRecord(after);
	const fields = [...new Set([...Object.keys(was ?? {}), ...Object.keys(is ?? {})])];
	const changes: Change[] = [];
	for (const field of fields) {
		const old = was?.[field];
		const now = is?.[field];
		if (was && is && JSON.stringify(old) === JSON.stringify(now)) continue;
		changes.push({
			field,
			before: was && field in was ? show(old) : undefined,
			after: is && field in is ? show(now) : undefined
		});
	}
	return changes.slice(0, MAX_FIELDS);
}
