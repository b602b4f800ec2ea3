// The database as Kysely sees it; one interface per table, singular snake_case names.
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface DistrictTable {
	code: string;
	name: string;
	lat: number;
	lng: number;
}

export interface VillageTable {
	code: string;
	slug: string;
	name: string;
	type: 'desa' | 'kelurahan';
	district_code: string;
	centre_lat: number;
	centre_lng: number;
	lat: number;
	lng: number;
	location_confirmed: Generated<boolean>;
	ovop: Generated<boolean>;
	ovop_product_id: string | null;
	ovop_product_en: string | null;
	ovop_since: number | null;
	story_id: string | null;
	story_en: string | null;
	whatsapp: string | null;
	updated_at: Generated<Timestamp>;
}

export interface Database {
	district: DistrictTable;
	village: VillageTable;
}

export type Village = Selectable<VillageTable>;
export type District = Selectable<DistrictTable>;
