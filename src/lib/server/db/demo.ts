import type { Insertable } from 'kysely';
import { todayInJakarta } from '../../dates';
import { materialize } from '../availability/slots';
import { seedDemoAccounts } from './demo-accounts';
import type { Db } from './index';
import type { PriceCategoryTable, TourPackageTable } from './schema';
import type { ProductTable } from './schema-shop';

type SamplePackage = Insertable<TourPackageTable> & {
	categories: Omit<Insertable<PriceCategoryTable>, 'package_id'>[];
	rules: { weekdays: number[]; start_times: string[]; capacity: number }[];
};

const sampleNote = {
	id: 'Paket contoh untuk mencoba platform ini: harga, jadwal dan kuota belum resmi.',
	en: 'A sample package for trying out the platform: prices, dates and seats are not official.'
};

const adult = {
	code: 'dewasa',
	label_id: 'Dewasa',
	label_en: 'Adult',
	age_group: 'adult'
} as const;
const child = {
	code: 'anak',
	label_id: 'Anak (5–12 tahun)',
	label_en: 'Child (5–12 years)',
	age_group: 'child'
} as const;
const foreign = {
	code: 'mancanegara',
	label_id: 'Wisatawan mancanegara',
	label_en: 'Foreign visitor',
	age_group: 'adult',
	origin_rule: 'foreign'
} as const;
const infant = {
	code: 'balita',
	label_id: 'Balita (di bawah 5 tahun)',
	label_en: 'Infant (under 5)',
	age_group: 'infant',
	takes_seat: false,
	price_idr: 0
} as const;

const samples: SamplePackage[] = [
	{
		village_code: '16.12.01.2001',
		slug: 'petik-nanas-talang-bulang',
		title_id: 'Petik nanas di kebun',
		title_en: 'Pineapple picking in the garden',
		description_id: `Berjalan di kebun nanas Talang Bulang bersama petani, belajar memilih nanas yang matang, lalu memetiknya sendiri. ${sampleNote.id}`,
		description_en: `Walk through a Talang Bulang pineapple garden with a farmer, learn to tell a ripe pineapple, and pick your own. ${sampleNote.en}`,
		included_id: 'Pemandu petani, sarung tangan, satu nanas per peserta berbayar, air minum.',
		included_en: 'A farmer as guide, gloves, one pineapple per paying visitor, drinking water.',
		duration_minutes: 120,
		meeting_point_id: 'Warung Olahan Nanas di tepi jalan desa.',
		meeting_point_en: 'Warung Olahan Nanas, the roadside pineapple shop of the village.',
		min_party: 1,
		max_party: 20,
		// Sample season: pineapple fruits most of the year here; August and September are
		// treated as the lean dry-season months.
		season_months: [1, 2, 3, 4, 5, 6, 7, 10, 11, 12],
		cutoff_hours: 12,
		cancel_hours: 24,
		booking_mode: 'instant',
		status: 'published',
		categories: [
			{ ...adult, price_idr: 35_000, sort_order: 1 },
			{ ...child, price_idr: 20_000, sort_order: 2 },
			{ ...foreign, price_idr: 75_000, sort_order: 3 },
			{ ...infant, sort_order: 4 }
		],
		rules: [{ weekdays: [2, 3, 4, 5, 6, 7], start_times: ['08:00', '14:00'], capacity: 25 }]
	},
	{
		village_code: '16.12.01.2001',
		slug: 'kelas-olahan-nanas-talang-bulang',
		title_id: 'Kelas olahan nanas',
		title_en: 'Pineapple processing class',
		description_id: `Bersama ibu-ibu PKK Talang Bulang, mengolah nanas menjadi selai dan keripik, lalu mencicipi hasilnya. ${sampleNote.id}`,
		description_en: `With the women of the Talang Bulang PKK, turn pineapple into jam and chips, then taste the results. ${sampleNote.en}`,
		included_id: 'Bahan dan alat, celemek, sekotak hasil olahan untuk dibawa pulang.',
		included_en: 'Ingredients and tools, an apron, a box of what you made to take home.',
		duration_minutes: 180,
		meeting_point_id: 'Warung Olahan Nanas di tepi jalan desa.',
		meeting_point_en: 'Warung Olahan Nanas, the roadside pineapple shop of the village.',
		min_party: 1,
		max_party: 15,
		cutoff_hours: 24,
		cancel_hours: 48,
		booking_mode: 'request',
		response_hours: 24,
		status: 'published',
		categories: [
			{ ...adult, price_idr: 50_000, sort_order: 1 },
			{ ...child, price_idr: 30_000, sort_order: 2 },
			{ ...foreign, price_idr: 90_000, sort_order: 3 },
			{ ...infant, sort_order: 4 }
		],
		rules: [{ weekdays: [6, 7], start_times: ['09:00'], capacity: 15 }]
	},
	{
		village_code: '16.12.01.1017',
		slug: 'petik-lengkeng-pasar-bhayangkara',
		title_id: 'Petik lengkeng',
		title_en: 'Longan picking',
		description_id: `Memetik lengkeng sendiri di kebun lengkeng petik sendiri Kelurahan Pasar Bhayangkara. Harga mengikuti tarif yang dikenal pada 2019. ${sampleNote.id}`,
		description_en: `Pick your own longan in the pick-your-own orchard of Pasar Bhayangkara. The price follows the fee known from 2019. ${sampleNote.en}`,
		included_id: 'Masuk kebun dan memetik lengkeng; hasil petikan ditimbang dan dibayar terpisah.',
		included_en:
			'Entry to the orchard and picking; the longan you pick is weighed and paid for separately.',
		duration_minutes: 90,
		meeting_point_id: 'Gerbang kebun lengkeng.',
		meeting_point_en: 'The gate of the longan orchard.',
		min_party: 1,
		max_party: 30,
		cutoff_hours: 12,
		cancel_hours: 24,
		booking_mode: 'instant',
		status: 'published',
		categories: [
			{
				code: 'pengunjung',
				label_id: 'Per orang',
				label_en: 'Per person',
				age_group: 'adult',
				price_idr: 25_000,
				sort_order: 1
			},
			{ ...infant, sort_order: 2 }
		],
		rules: [{ weekdays: [6, 7], start_times: ['08:00'], capacity: 30 }]
	}
];

const sampleProductNote = {
	id: 'Produk contoh: harga dan stok belum resmi.',
	en: 'A sample product: price and stock are not official.'
};

// What the Warung Olahan Nanas of Talang Bulang is known to sell; prices are samples.
const sampleProducts: Insertable<ProductTable>[] = [
	[
		'Keripik nanas',
		'Pineapple chips',
		'pack',
		15_000,
		'Keripik renyah dari nanas Talang Bulang.',
		'Crisp chips of Talang Bulang pineapple.'
	],
	[
		'Kerupuk nanas',
		'Pineapple crackers',
		'pack',
		12_000,
		'Kerupuk dengan rasa nanas, tinggal digoreng.',
		'Pineapple-flavoured crackers, ready to fry.'
	],
	[
		'Jeli nanas',
		'Pineapple jelly',
		'pack',
		10_000,
		'Jeli manis dari sari nanas.',
		'Sweet jelly made of pineapple juice.'
	],
	[
		'Sirup nanas',
		'Pineapple syrup',
		'bottle',
		25_000,
		'Sirup nanas untuk minuman segar.',
		'Pineapple syrup for cool drinks.'
	],
	[
		'Bolu gulung nanas',
		'Pineapple roll cake',
		'box',
		35_000,
		'Bolu gulung berisi selai nanas, buatan ibu-ibu PKK.',
		'A roll cake filled with pineapple jam, made by the village PKK.'
	]
].map(([nameId, nameEn, unit, price, descriptionId, descriptionEn], index) => ({
	village_code: '16.12.01.2001',
	name_id: nameId as string,
	name_en: nameEn as string,
	description_id: `${descriptionId} ${sampleProductNote.id}`,
	description_en: `${descriptionEn} ${sampleProductNote.en}`,
	unit: unit as ProductTable['unit'],
	price_idr: price as number,
	stock: 40,
	sort_order: index + 1
}));

/**
 * Sample content for trying the platform: tour packages and demo accounts. Labelled as
 * samples in the README; a production database gets it only through `db:seed -- --demo`.
 * A package that already exists is left as it is (a host may have edited it), so running
 * this again changes nothing.
 */
export async function seedDemo(db: Db): Promise<void> {
	const today = todayInJakarta();
	for (const { categories, rules, ...sample } of samples) {
		await db.transaction().execute(async (trx) => {
			const inserted = await trx
				.insertInto('tour_package')
				.values(sample)
				.onConflict((oc) => oc.column('slug').doNothing())
				.returning('id')
				.executeTakeFirst();
			if (!inserted) return;
			await trx
				.insertInto('price_category')
				.values(categories.map((category) => ({ ...category, package_id: inserted.id })))
				.execute();
			await trx
				.insertInto('availability_rule')
				.values(
					rules.map((rule) => ({
						...rule,
						package_id: inserted.id,
						valid_from: today
					}))
				)
				.execute();
			await materialize(inserted.id, { db: trx });
		});
	}
	// Sample products only for a village whose shop is still empty.
	const stocked = await db
		.selectFrom('product')
		.select('id')
		.where('village_code', '=', '16.12.01.2001')
		.executeTakeFirst();
	if (!stocked) await db.insertInto('product').values(sampleProducts).execute();
	await seedDemoAccounts(db);
}
