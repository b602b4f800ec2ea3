import { reply } from '$lib/server/api';
import * as schemas from '$lib/server/api-schemas';
import { openapi } from '$lib/server/openapi';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	reply(schemas.openapiDocument, openapi, {
		headers: { 'cache-control': 'public, max-age=3600' }
	});
