// Who did what to which record, and when: every host and office write records one event in
// the same transaction as the write, so the log and the data never disagree.
import type { Kysely, Transaction } from 'kysely';
import { getDb } from './db';
import type { Database } from './db/schema';

export interface AuditEntry {
	actorUserId: number | null;
	villageCode?: string | null;
	/** A verb on a noun: 'invitation.create', 'user.disable', 'package.publish'. */
	action: string;
	entity: string;
	entityId: string | number;
	before?: unknown;
	after?: unknown;
}

export interface AuditEvent {
	id: number;
	at: Date;
	actorUserId: number | null;
	actorName: string | null;
	villageCode: string | null;
	action: string;
	entity: string;
	entityId: string;
	before: unknown;
	after: unknown;
}

export interface AuditQuery {
	villageCode?: string;
	actorUserId?: number;
	/** Inclusive. */
	from?: Date;
	/** Exclusive. */
	to?: Date;
	limit: number;
}

function json(value: unknown): string | null {
	return value === undefined || value === null ? null : JSON.stringify(value);
}

export async function record(
	executor: Kysely<Database> | Transaction<Database>,
	entry: AuditEntry
): Promise<void> {
	await executor
		.insertInto('audit_event')
		.values({
			actor_user_id: entry.actorUserId,
			village_code: entry.villageCode ?? null,
			action: entry.action,
			entity: entry.entity,
			entity_id: String(entry.entityId),
			before: json(entry.before),
			after: json(entry.after)
		})
		.execute();
}

/** The newest events first. */
export async function search(query: AuditQuery): Promise<AuditEvent[]> {
	let select = getDb()
		.selectFrom('audit_event')
		.leftJoin('app_user', 'app_user.id', 'audit_event.actor_user_id')
		.select([
			'audit_event.id',
			'audit_event.at',
			'audit_event.actor_user_id as actorUserId',
			'app_user.name as actorName',
			'audit_event.village_code as villageCode',
			'audit_event.action',
			'audit_event.entity',
			'audit_event.entity_id as entityId',
			'audit_event.before',
			'audit_event.after'
		]);
	if (query.villageCode) select = select.where('audit_event.village_code', '=', query.villageCode);
	if (query.actorUserId !== undefined) {
		select = select.where('audit_event.actor_user_id', '=', query.actorUserId);
	}
	if (query.from) select = select.where('audit_event.at', '>=', query.from);
	if (query.to) select = select.where('audit_event.at', '<', query.to);
	const limit = Math.max(1, Math.min(1000, Math.trunc(query.limit) || 1));
	return select
		.orderBy('audit_event.at', 'desc')
		.orderBy('audit_event.id', 'desc')
		.limit(limit)
		.execute();
}
