import { invalid, reply } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';
import * as packages from '$lib/server/packages';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/**
 * Published packages, all or of one village (?village=16.12.01.2001). A malformed code is a
 * 422; a well-formed code that names no village (or one without packages) gives an empty list,
 * as any filter that matches nothing would.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const village = url.searchParams.get('village');
	if (village !== null && !schemas.VILLAGE_CODE.test(village)) {
		return invalid({ village: m.package_api_village_invalid({}, { locale: locals.locale }) });
	}
	const rows = await packages.listPublished(locals.locale, village ?? undefined);
	return reply(schemas.packageList, {
		packages: rows.map((row) => ({
			id: row.id,
			slug: row.slug,
			villageCode: row.villageCode,
			title: row.title,
			durationMinutes: row.durationMinutes,
			minParty: row.minParty,
			maxParty: row.maxParty,
			priceCategories: row.categories.map(({ code, label, priceIdr, takesSeat, originRule }) => ({
				code,
				label,
				priceIdr,
				takesSeat,
				originRule
			}))
		}))
	});
};
