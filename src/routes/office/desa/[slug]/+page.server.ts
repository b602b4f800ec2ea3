import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireOffice } from '$lib/server/auth/guards';
import * as officeVillages from '$lib/server/villages/office';
import * as hostVillages from '$lib/server/villages/host';
import { parse } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

async function villageOr404(slug: string) {
	const village = await officeVillages.findBySlug(slug);
	if (!village) error(404, m.not_found_title());
	return village;
}

/** The typed values, bounded, to put back in the form after a refusal. */
async function readForm(request: Request, names: string[]): Promise<Record<string, string>> {
	const data = await request.formData();
	return Object.fromEntries(
		names.map((name) => {
			const value = data.get(name);
			return [name, typeof value === 'string' ? value.slice(0, 5000) : ''];
		})
	);
}

export const load: PageServerLoad = async ({ locals, params }) => {
	requireOffice(locals);
	return {
		village: await villageOr404(params.slug),
		years: { from: officeVillages.OVOP_FIRST_YEAR, to: officeVillages.readCurrentYear() }
	};
};

export const actions: Actions = {
	markOvop: async ({ locals, params, request }) => {
		const user = requireOffice(locals);
		const village = await villageOr404(params.slug);
		const values = await readForm(request, ['productId', 'productEn', 'since']);
		const parsed = parse(officeVillages.buildOvopSchema(), values);
		if (!parsed.ok) return fail(400, { form: 'ovop', values, fields: parsed.fields });
		await officeVillages.markOvop(user, village.code, parsed.data);
		return { form: 'ovop', done: m.office_ovop_marked() };
	},
	removeOvop: async ({ locals, params }) => {
		const user = requireOffice(locals);
		const village = await villageOr404(params.slug);
		await officeVillages.removeOvop(user, village.code);
		return { form: 'ovop', done: m.office_ovop_removed() };
	},
	savePage: async ({ locals, params, request }) => {
		const user = requireOffice(locals);
		const village = await villageOr404(params.slug);
		const values = await readForm(request, ['storyId', 'storyEn', 'whatsapp']);
		const parsed = parse(hostVillages.pageSchema, values);
		if (!parsed.ok) return fail(400, { form: 'page', values, fields: parsed.fields });
		await hostVillages.updatePage(user.id, village.code, parsed.data);
		return { form: 'page', done: m.office_page_saved() };
	}
};
