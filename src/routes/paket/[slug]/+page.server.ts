import { error } from '@sveltejs/kit';
import * as availability from '$lib/server/availability';
import * as packages from '$lib/server/packages';
import * as seasonSubscriptions from '$lib/server/seasons/subscriptions';
import { readTileSettings } from '$lib/server/map';
import { m } from '$lib/paraglide/messages';
import { notifySeason } from './season-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	// The package, its price categories, its photos and its season come in one round trip.
	const page = await packages.pageBySlug(locals.locale, params.slug);
	if (!page) error(404, m.not_found_title());
	const { pkg } = page;
	// A malformed or far-out ?bulan= falls back to this month, with a note on the page.
	const choice = availability.chooseMonth(url.searchParams.get('bulan'));
	// The month's slots and closed dates: the second and last round trip.
	const calendar = await availability.readCalendarMonth(pkg.id, choice.month);
	// The notice speaks of the season already read with the package.
	const season = seasonSubscriptions.describeSeasonNotice(
		pkg.seasonMonths,
		page.seasonOverrides,
		choice.month
	);
	// Days gone by are never shown: they stay out of the page's data.
	const upcoming = { ...calendar, days: calendar.days.filter((day) => !day.past) };
	return {
		pkg,
		calendar: upcoming,
		choice,
		photos: page.photos,
		season,
		tiles: readTileSettings()
	};
};

export const actions: Actions = { notifySeason };
