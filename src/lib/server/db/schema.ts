// The database as Kysely sees it; one interface per table, singular snake_case names.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AuthTables } from './schema-auth';
import type { ContentTables } from './schema-content';
import type { HostTables } from './schema-host';
import type { SeasonTables } from './schema-season';
import type { ShopTables } from './schema-shop';
import type { StatsTables } from './schema-stats';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in (DEFAULT now()) unless one is given. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

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
	updated_at: GeneratedTimestamp;
}

export type PackageStatus = 'draft' | 'in_review' | 'published' | 'archived';
export type BookingMode = 'instant' | 'request';
export type AgeGroup = 'adult' | 'child' | 'infant';
/** Whom a price category is for, by the origin a booking gives: ID is domestic. */
export type OriginRule = 'any' | 'domestic' | 'foreign';
export type SlotStatus = 'open' | 'closed' | 'cancelled';
export type BookingStatus =
	'requested' | 'confirmed' | 'declined' | 'expired' | 'cancelled_by_tourist' | 'cancelled_by_host';

export interface TourPackageTable {
	id: Generated<number>;
	village_code: string;
	slug: string;
	title_id: string;
	title_en: string;
	description_id: string;
	description_en: string;
	included_id: Generated<string>;
	included_en: Generated<string>;
	duration_minutes: number;
	meeting_point_id: Generated<string>;
	meeting_point_en: Generated<string>;
	meeting_lat: number | null;
	meeting_lng: number | null;
	min_party: Generated<number>;
	max_party: number;
	/** Months (1–12) in which the package runs. */
	season_months: Generated<number[]>;
	/** Bookings close this many hours before the start. */
	cutoff_hours: Generated<number>;
	/** A tourist may cancel until this many hours before the start. */
	cancel_hours: Generated<number>;
	booking_mode: Generated<BookingMode>;
	/** On-request bookings are answered within this many hours. */
	response_hours: Generated<number>;
	status: Generated<PackageStatus>;
	created_at: GeneratedTimestamp;
	updated_at: GeneratedTimestamp;
}

export interface PriceCategoryTable {
	id: Generated<number>;
	package_id: number;
	code: string;
	label_id: string;
	label_en: string;
	price_idr: number;
	takes_seat: Generated<boolean>;
	age_group: Generated<AgeGroup>;
	sort_order: Generated<number>;
	active: Generated<boolean>;
	origin_rule: Generated<OriginRule>;
}

export interface AvailabilityRuleTable {
	id: Generated<number>;
	package_id: number;
	/** ISO weekdays: 1 = Monday … 7 = Sunday. */
	weekdays: number[];
	/** Local WIB start times, 'HH:MM'. */
	start_times: string[];
	capacity: number;
	/** Local dates 'YYYY-MM-DD'. */
	valid_from: string;
	valid_to: string | null;
}

export interface AvailabilityExceptionTable {
	id: Generated<number>;
	package_id: number;
	date: string;
	closed: Generated<boolean>;
	capacity: number | null;
	start_times: string[] | null;
	reason: string | null;
}

export interface SlotTable {
	id: Generated<number>;
	package_id: number;
	/** The Jakarta date of the start, 'YYYY-MM-DD'. */
	local_date: string;
	starts_at: Timestamp;
	ends_at: Timestamp;
	capacity: number;
	seats_taken: Generated<number>;
	status: Generated<SlotStatus>;
	cancel_reason: string | null;
}

export interface BookingTable {
	id: Generated<number>;
	code: string;
	slot_id: number;
	package_id: number;
	village_code: string;
	status: BookingStatus;
	seats: number;
	people: number;
	total_idr: number;
	contact_name: string;
	contact_phone: string;
	contact_email: string | null;
	origin_country: string;
	origin_province: string | null;
	language: 'id' | 'en';
	manage_secret_hash: string;
	idempotency_key: string | null;
	request_hash: string | null;
	checked_in_count: number | null;
	checked_in_at: Timestamp | null;
	no_show: Generated<boolean>;
	cancel_reason: string | null;
	cancelled_at: Timestamp | null;
	respond_by: Timestamp | null;
	created_at: GeneratedTimestamp;
	updated_at: GeneratedTimestamp;
}

export interface BookingLineTable {
	booking_id: number;
	category_id: number;
	category_code: string;
	label_id: string;
	label_en: string;
	quantity: number;
	unit_price_idr: number;
	takes_seat: boolean;
	age_group: AgeGroup;
}

export interface OutboxMessageTable {
	id: Generated<number>;
	channel: Generated<'email'>;
	recipient: string;
	template: string;
	payload: ColumnType<Record<string, unknown>, string, string>;
	language: Generated<'id' | 'en'>;
	dedupe_key: string | null;
	status: Generated<'pending' | 'sent' | 'failed'>;
	attempts: Generated<number>;
	next_attempt_at: GeneratedTimestamp;
	last_error: string | null;
	created_at: GeneratedTimestamp;
	sent_at: Timestamp | null;
}

export interface AppSettingTable {
	name: string;
	value: string;
}

export interface Database
	extends AuthTables, HostTables, ContentTables, StatsTables, ShopTables, SeasonTables {
	app_setting: AppSettingTable;
	district: DistrictTable;
	village: VillageTable;
	tour_package: TourPackageTable;
	price_category: PriceCategoryTable;
	availability_rule: AvailabilityRuleTable;
	availability_exception: AvailabilityExceptionTable;
	slot: SlotTable;
	booking: BookingTable;
	booking_line: BookingLineTable;
	outbox_message: OutboxMessageTable;
}

export type Village = Selectable<VillageTable>;
export type District = Selectable<DistrictTable>;
