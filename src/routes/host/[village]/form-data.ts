// Reading the host's forms as typed: the package, product and schedule forms share these, so
// each reads text, ticked months and repeated rows the same way.

/** A field's text, trimmed and cut to `max`; '' when it is missing or a file. */
export function readText(form: FormData, name: string, max: number): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** The distinct whole numbers 1…max ticked under one name (months, weekdays), in order. */
export function readChoices(form: FormData, name: string, max: number): number[] {
	return [...new Set(form.getAll(name).map(Number))]
		.filter((value) => Number.isInteger(value) && value >= 1 && value <= max)
		.sort((a, b) => a - b);
}

/** The row numbers used in names `<prefix>.<n>.<field>`, below `limit`, in order. */
export function readRowNumbers(form: FormData, prefix: string, limit: number): number[] {
	const pattern = new RegExp(`^${prefix}\\.(\\d{1,4})\\.`);
	const rows = new Set<number>();
	for (const key of form.keys()) {
		const match = pattern.exec(key);
		if (match && Number(match[1]) < limit) rows.add(Number(match[1]));
	}
	return [...rows].sort((a, b) => a - b);
}

/** Whole rupiah as people write them: '35000', '35.000', 'Rp 35.000'. */
export function readRupiah(value: string): number | undefined {
	const bare = value.replace(/^rp\.?\s*/i, '').replace(/\s/g, '');
	if (bare === '') return undefined;
	if (/^\d{1,3}([.,]\d{3})+$/.test(bare)) return Number(bare.replace(/[.,]/g, ''));
	return Number(bare);
}
