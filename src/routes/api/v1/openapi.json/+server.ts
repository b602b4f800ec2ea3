import { reply } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';
import { openapi } from '$lib/server/http/openapi';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	reply(schemas.openapiDocument, openapi, {
		headers: { 'cache-control': 'public, max-age=3600' }
	});
