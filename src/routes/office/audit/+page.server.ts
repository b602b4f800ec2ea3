import { addDays, isCalendarDate, jakartaInstant } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import * as audit from '$lib/server/audit';
import { requireOffice } from '$lib/server/auth/guards';
import * as users from '$lib/server/auth/users';
import * as people from '$lib/server/auth/people';
import * as villages from '$lib/server/villages';
import type { FieldErrors } from '$lib/validation';
import { describeChanges } from './changes';
import type { PageServerLoad } from './$types';

const PAGE = 50;
/** audit.search returns at most this many; a longer look back needs a narrower search. */
const MAX_EVENTS = 1000;

/** The same search with one parameter changed, for the link to older events. */
function searchWith(url: URL, name: string, value: number): string {
	const next = new URL(url);
	next.searchParams.set(name, String(value));
	return next.search;
}

/** Events with no account behind them that `npm run user:invite` recorded. */
function madeAtCommandLine(after: unknown): boolean {
	return (after as { via?: unknown } | null)?.via === users.COMMAND_LINE;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requireOffice(locals);
	const [allVillages, persons] = await Promise.all([villages.list(locals.locale), people.list()]);
	const query = (name: string) => (url.searchParams.get(name) ?? '').slice(0, 20);
	const fields: FieldErrors = {};
	// Unknown values are ignored and explained, never an error.
	const villageCode = allVillages.some((v) => v.code === query('desa')) ? query('desa') : '';
	const personId = persons.find((p) => String(p.id) === query('orang'))?.id;
	const date = (name: string) => {
		const value = query(name);
		if (value === '' || isCalendarDate(value)) return value;
		fields[name] = m.office_audit_date_invalid();
		return '';
	};
	const from = date('dari');
	let to = date('sampai');
	if (from && to && to < from) {
		fields.sampai = m.office_audit_range_invalid();
		to = '';
	}
	const shown = Math.min(MAX_EVENTS, Math.max(PAGE, Math.trunc(Number(query('jumlah'))) || PAGE));

	// One more than shown tells whether there are older events.
	const events = await audit.search({
		villageCode: villageCode || undefined,
		actorUserId: personId,
		from: from ? jakartaInstant(from, '00:00') : undefined,
		to: to ? jakartaInstant(addDays(to, 1), '00:00') : undefined,
		limit: Math.min(MAX_EVENTS, shown + 1)
	});
	const villageNames = new Map(allVillages.map((v) => [v.code, v.name]));
	return {
		villages: allVillages.map(({ code, name }) => ({ code, name })),
		people: persons.map(({ id, name, email }) => ({ id, name, email })),
		filters: { desa: villageCode, orang: personId ? String(personId) : '', dari: from, sampai: to },
		fields,
		events: events.slice(0, shown).map((event) => ({
			id: event.id,
			at: event.at,
			actorName:
				event.actorName ?? (madeAtCommandLine(event.after) ? m.office_command_line() : null),
			villageName: event.villageCode
				? (villageNames.get(event.villageCode) ?? event.villageCode)
				: null,
			action: event.action,
			entity: event.entity,
			entityId: event.entityId,
			changes: describeChanges(event.before, event.after)
		})),
		moreHref:
			events.length > shown ? searchWith(url, 'jumlah', Math.min(MAX_EVENTS, shown + PAGE)) : null,
		atLimit: shown >= MAX_EVENTS && events.length >= MAX_EVENTS
	};
};
