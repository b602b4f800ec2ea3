// Reading a CSV download request, shared by the office's, the hosts' and the public downloads.
import { m } from '$lib/paraglide/messages';
import * as statistics from '$lib/server/statistics';

type Read = { ok: true; csv: statistics.CsvRequest } | { ok: false; response: Response };

type Checked<T extends string> =
	{ ok: true; table: T; period: statistics.PeriodQuery } | { ok: false; response: Response };

const problemText = {
	format: () => m.stats_problem_format(),
	order: () => m.stats_problem_order(),
	span: () => m.stats_problem_span()
};

/**
 * ?tabel (one of `tables`, `fallback` when absent), ?bulan, ?dari, ?sampai; a wrong one is
 * refused (422) with the reason, never guessed.
 */
export function checkTableRequest<T extends string>(
	params: URLSearchParams,
	today: string,
	unknownVillage: boolean,
	tables: readonly T[],
	fallback: T
): Checked<T> {
	const period = statistics.readPeriod(params, today);
	const table = params.get('tabel') ?? fallback;
	const reasons = Object.entries(period.problems).map(
		([field, problem]) => `${field}: ${problemText[problem]()}`
	);
	if (!(tables as readonly string[]).includes(table))
		reasons.push(`tabel: ${m.stats_problem_table()}`);
	if (unknownVillage) reasons.push(`desa: ${m.stats_problem_village()}`);
	if (reasons.length > 0) {
		return {
			ok: false,
			response: new Response(reasons.join('\n') + '\n', {
				status: 422,
				headers: { 'content-type': 'text/plain; charset=utf-8' }
			})
		};
	}
	return { ok: true, table: table as T, period };
}

/** ?tabel, ?bulan, ?dari, ?sampai; a wrong one is refused (422) with the reason, never guessed. */
export function readCsvRequest(
	params: URLSearchParams,
	today: string,
	unknownVillage: boolean
): Read {
	const checked = checkTableRequest(params, today, unknownVillage, statistics.csvTables, 'bulanan');
	if (!checked.ok) return checked;
	const { month, from, to } = checked.period;
	return { ok: true, csv: { table: checked.table, month, from, to } };
}

export function csvResponse({ filename, body }: { filename: string; body: string }): Response {
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store'
		}
	});
}
