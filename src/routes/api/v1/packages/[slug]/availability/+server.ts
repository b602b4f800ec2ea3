import { z } from 'zod';
import { invalid, notFound, reply } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';
import * as availability from '$lib/server/availability';
import * as packages from '$lib/server/packages';
import { daysBetween, searchableDates } from '$lib/dates';
import { calendarDate, parse } from '$lib/validation';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

const MAX_DAYS = schemas.MAX_AVAILABILITY_DAYS;

function rangeSchema(locale: Locale, now: Date) {
	const dates = searchableDates(now);
	const date = z.string({ error: () => m.validation_required({}, { locale }) }).pipe(
		calendarDate(dates, {
			missing: () => m.validation_required({}, { locale }),
			invalid: () => m.package_api_date_invalid({}, { locale }),
			early: () => m.validation_date_too_early({ date: dates.from }, { locale }),
			late: () => m.validation_date_too_late({ date: dates.to }, { locale })
		})
	);
	return z
		.object({ from: date, to: date })
		.refine((range) => range.from <= range.to, {
			path: ['to'],
			message: m.package_api_range_order({}, { locale })
		})
		.refine((range) => daysBetween(range.from, range.to) < MAX_DAYS, {
			path: ['to'],
			message: m.package_api_range_too_long({ days: MAX_DAYS }, { locale })
		});
}

/** Slots of a published package on the local dates from…to (inclusive, at most 92 days). */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const pkg = await packages.findPublishedBySlug(locals.locale, params.slug);
	if (!pkg) return notFound();
	const range = parse(rangeSchema(locals.locale, new Date()), {
		from: url.searchParams.get('from') ?? undefined,
		to: url.searchParams.get('to') ?? undefined
	});
	if (!range.ok) return invalid(range.fields);
	const slots = await availability.listSlots(pkg.id, range.data.from, range.data.to);
	return reply(schemas.slotList, {
		slots: slots.map(({ id, startsAt, endsAt, capacity, seatsLeft, status }) => ({
			id,
			startsAt,
			endsAt,
			capacity,
			seatsLeft,
			status
		}))
	});
};
