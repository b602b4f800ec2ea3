import { invalid, reply } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';
import * as statistics from '$lib/server/statistics';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

const problemText = {
	format: () => m.stats_problem_format(),
	order: () => m.stats_problem_order(),
	span: () => m.stats_problem_span()
};

/** Open data: visitors per village and month (domestic, foreign, total, booked, walk-in). */
export const GET: RequestHandler = async ({ url }) => {
	const range = statistics.checkRange(url.searchParams.get('from'), url.searchParams.get('to'));
	if (!range.ok) {
		return invalid(
			Object.fromEntries(
				Object.entries(range.problems).map(([field, problem]) => [field, problemText[problem]()])
			)
		);
	}
	const rows = await statistics.readOpenData(range.from, range.to);
	return reply(
		schemas.monthlyStatistics,
		{ from: range.from, to: range.to, rows },
		{ headers: { 'cache-control': 'public, max-age=300' } }
	);
};
