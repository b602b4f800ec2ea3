import { reply } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';
import * as villages from '$lib/server/villages';
import { localizeHref } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/** The villages as a GeoJSON FeatureCollection ([lng, lat] order, RFC 7946). */
export const GET: RequestHandler = async ({ locals }) => {
	const rows = await villages.list(locals.locale);
	return reply(
		schemas.villageCollection,
		{
			type: 'FeatureCollection',
			features: rows.map((village): schemas.VillageFeature => ({
				type: 'Feature',
				id: village.code,
				geometry: { type: 'Point', coordinates: [village.lng, village.lat] },
				properties: {
					code: village.code,
					slug: village.slug,
					name: village.name,
					district: village.districtName,
					districtCode: village.districtCode,
					type: village.type,
					ovop: village.ovop,
					product: village.product,
					url: localizeHref(`/desa/${village.slug}`)
				}
			}))
		},
		{ headers: { 'content-type': 'application/geo+json', 'cache-control': 'public, max-age=300' } }
	);
};
