import type { Db } from './index';
import { districts, villages } from './reference-data';

// Talang Bulang is the one OVOP village whose selection is public (OVOP launched 27 May 2025).
// Nothing else may be marked OVOP by the seed: the office does that in the app.
const talangBulang = {
	code: '16.12.01.2001',
	ovop_product_id: 'Nanas',
	ovop_product_en: 'Pineapple',
	ovop_since: 2025,
	story_id:
		'Desa Talang Bulang di Kecamatan Talang Ubi adalah sentra nanas Kabupaten PALI. Desa ini dipilih dalam program One Village One Product (OVOP) yang diluncurkan pada 27 Mei 2025 untuk menjadi desa agrowisata nanas. Sejak Mei 2025 warga menjalankan Warung Olahan Nanas di tepi jalan yang menjual keripik nanas, kerupuk nanas, jeli nanas, sirup nanas, bolu gulung nanas, telok gabus nanas, serta camilan tepung mocaf buatan PKK desa.',
	story_en:
		'Talang Bulang, in Talang Ubi district, is the pineapple-growing centre of PALI regency. It was chosen for the One Village One Product (OVOP) programme, launched on 27 May 2025, to become a pineapple agrotourism village. Since May 2025 villagers have run a roadside Warung Olahan Nanas selling pineapple chips, pineapple crackers, pineapple jelly, pineapple syrup, pineapple roll cake, telok gabus nanas, and mocaf-flour snacks made by the village PKK.'
};

/** The real reference data: PALI's kecamatan and villages. Safe to run again. */
export async function seedReference(db: Db): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('district')
			.values(districts.map(({ code, name, lat, lng }) => ({ code, name, lat, lng })))
			.onConflict((oc) =>
				oc.column('code').doUpdateSet((eb) => ({
					name: eb.ref('excluded.name'),
					lat: eb.ref('excluded.lat'),
					lng: eb.ref('excluded.lng')
				}))
			)
			.execute();
		// A host may have moved the marker and the office may have changed OVOP flags:
		// a re-seed refreshes only the official facts.
		await trx
			.insertInto('village')
			.values(
				villages.map((village) => ({
					code: village.code,
					slug: village.slug,
					name: village.name,
					type: village.type,
					district_code: village.districtCode,
					centre_lat: village.lat,
					centre_lng: village.lng,
					lat: village.lat,
					lng: village.lng
				}))
			)
			.onConflict((oc) =>
				oc.column('code').doUpdateSet((eb) => ({
					name: eb.ref('excluded.name'),
					type: eb.ref('excluded.type'),
					district_code: eb.ref('excluded.district_code'),
					centre_lat: eb.ref('excluded.centre_lat'),
					centre_lng: eb.ref('excluded.centre_lng')
				}))
			)
			.execute();
		await trx
			.updateTable('village')
			.set({ ...talangBulang, ovop: true, code: undefined })
			.where('code', '=', talangBulang.code)
			.where('ovop', '=', false)
			.where('ovop_since', 'is', null)
			.execute();
	});
}
