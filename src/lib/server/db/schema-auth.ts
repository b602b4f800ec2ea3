// Tables of accounts, sessions and the audit log (the host and office issues).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** Filled in by the database (DEFAULT now()) unless given. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null | undefined, string | null>;

export type UserRole = 'office' | 'host';
export type VillageRole = 'owner' | 'staff';

export interface AppUserTable {
	id: Generated<number>;
	/** Always lowercased. */
	email: string;
	name: string;
	password_hash: string;
	role: UserRole;
	disabled_at: Timestamp | null;
	created_at: GeneratedTimestamp;
}

export interface VillageMembershipTable {
	user_id: number;
	village_code: string;
	role: VillageRole;
	created_at: GeneratedTimestamp;
}

export interface UserSessionTable {
	id: string;
	user_id: number;
	/** SHA-256 of the token's secret part. */
	secret_hash: Uint8Array;
	created_at: Timestamp;
	last_verified_at: Timestamp;
	/** The absolute limit; the idle limit runs from last_verified_at. */
	expires_at: Timestamp;
}

export interface InvitationTable {
	id: Generated<number>;
	token_hash: string;
	email: string;
	role: UserRole;
	village_code: string | null;
	village_role: VillageRole | null;
	/** Null when invited from the command line (npm run user:invite). */
	invited_by: number | null;
	expires_at: Timestamp;
	used_at: Timestamp | null;
	created_at: GeneratedTimestamp;
}

export interface PasswordResetTable {
	id: Generated<number>;
	token_hash: string;
	user_id: number;
	expires_at: Timestamp;
	used_at: Timestamp | null;
	created_at: GeneratedTimestamp;
}

/** Failures of one account from one client address. */
export interface SignInThrottleTable {
	email: string;
	address: string;
	failures: Generated<number>;
	locked_until: Timestamp | null;
	updated_at: GeneratedTimestamp;
}

export interface SignInAddressTable {
	address: string;
	window_start: Timestamp;
	attempts: number;
}

export interface AuditEventTable {
	id: Generated<number>;
	at: GeneratedTimestamp;
	actor_user_id: number | null;
	village_code: string | null;
	action: string;
	entity: string;
	entity_id: string;
	before: Json;
	after: Json;
}

export interface AuthTables {
	app_user: AppUserTable;
	village_membership: VillageMembershipTable;
	user_session: UserSessionTable;
	invitation: InvitationTable;
	password_reset: PasswordResetTable;
	sign_in_throttle: SignInThrottleTable;
	sign_in_address: SignInAddressTable;
	audit_event: AuditEventTable;
}
