// The outbox: a message is written in the transaction of the change it announces and sent
// after that transaction commits (DESIGN invariant 2). Any number of app instances may run
// deliverDue at once: a row is claimed with FOR UPDATE SKIP LOCKED and a lease, so each
// message goes out once unless the process dies between sending and recording it.
import { sql, type Kysely, type Transaction } from 'kysely';
import { ZodError } from 'zod';
import { todayInJakarta } from '$lib/dates';
import { buildManageLink } from '../bookings/manage-link';
import { getDb, type Db } from '../db';
import type { Database } from '../db/schema';
import { createTransport, type MailTransport } from './transport';
import { render, type BookingPayload, type Language, type TemplateName } from './templates';

export interface OutboxMessage {
	recipient: string;
	template: TemplateName;
	language: Language;
	payload: Record<string, unknown>;
	/** A second message with the same key is dropped, however often it is enqueued. */
	dedupeKey?: string;
	/**
	 * Due from then: the caller's clock (so that one fixed time holds for the code and the
	 * database), or later (no reminders in the middle of the night). Unset: the database's now().
	 */
	notBefore?: Date;
}

/** Must outlast the slowest send of a batch (the SMTP timeouts bound each one). */
const LEASE_MS = 5 * 60_000;
/** Stop sending a batch this long before its lease ends, and hand back the rest. */
const LEASE_MARGIN_MS = 60_000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** About four hours of retries with the backoff below before giving up. */
const MAX_ATTEMPTS = 10;
const BATCH_SIZE = 20;

/** Inserts with the caller's executor, so the message commits or rolls back with its change. */
export async function enqueue(
	executor: Kysely<Database> | Transaction<Database>,
	message: OutboxMessage
): Promise<void> {
	await executor
		.insertInto('outbox_message')
		.values({
			recipient: message.recipient,
			template: message.template,
			language: message.language,
			payload: JSON.stringify(message.payload),
			dedupe_key: message.dedupeKey ?? null,
			next_attempt_at: message.notBefore
		})
		.onConflict((oc) => oc.column('dedupe_key').doNothing())
		.execute();
}

/** 1, 2, 4 … minutes after each failed attempt, never more than an hour. */
export function computeRetryDelayMs(attempts: number): number {
	return Math.min(FIRST_RETRY_MS * 2 ** Math.max(attempts - 1, 0), LONGEST_RETRY_MS);
}

let defaultTransport: MailTransport | undefined;

/**
 * The database's clock unless the caller fixes the time. Rows are stamped by now() in the
 * database with microseconds; the app's millisecond clock could find a row written a moment
 * ago not yet due.
 */
function clock(now: Date | undefined, plusMs = 0) {
	const base = now ? sql<Date>`${now}::timestamptz` : sql<Date>`now()`;
	return plusMs === 0 ? base : sql<Date>`${base} + ${plusMs}::integer * interval '1 millisecond'`;
}

export interface DeliverOptions {
	now?: Date;
	limit?: number;
	transport?: MailTransport;
	/** Defaults to the app's database. */
	db?: Db;
	/**
	 * Asked before each message: while it says so, the rest of the batch is handed back, due
	 * at once, for a later round.
	 */
	pauseWhen?: () => boolean;
}

export async function deliverDue(
	options: DeliverOptions = {}
): Promise<{ sent: number; failed: number }> {
	const db = options.db ?? getDb();
	const now = options.now;
	const transport = options.transport ?? (defaultTransport ??= createTransport());
	const claimedAt = Date.now();

	// One statement is one short transaction: the rows are locked only while the lease is set.
	const claimed = await db
		.updateTable('outbox_message')
		.set({ next_attempt_at: clock(now, LEASE_MS) })
		.where('id', 'in', (eb) =>
			eb
				.selectFrom('outbox_message')
				.select('id')
				.where('status', '=', 'pending')
				.where('next_attempt_at', '<=', clock(now))
				.orderBy('next_attempt_at')
				.orderBy('id')
				.limit(options.limit ?? BATCH_SIZE)
				.forUpdate()
				.skipLocked()
		)
		.returning(['id', 'recipient', 'template', 'language', 'payload', 'attempts'])
		.execute();
	claimed.sort((a, b) => a.id - b.id);

	let sent = 0;
	let failed = 0;
	for (const [index, message] of claimed.entries()) {
		if (Date.now() - claimedAt > LEASE_MS - LEASE_MARGIN_MS || options.pauseWhen?.()) {
			await release(
				db,
				claimed.slice(index).map((rest) => rest.id),
				now
			);
			break;
		}
		// Sent outside any transaction: a slow mail server must not hold database locks.
		const error = await send(transport, message);
		if (error === undefined) {
			await db
				.updateTable('outbox_message')
				.set({
					status: 'sent',
					sent_at: clock(now),
					attempts: message.attempts + 1,
					last_error: null
				})
				.where('id', '=', message.id)
				.where('status', '=', 'pending')
				.execute();
			sent++;
			continue;
		}
		const attempts = message.attempts + 1;
		const givingUp = attempts >= MAX_ATTEMPTS;
		console.error(
			`outbox message ${message.id} (${message.template}) attempt ${attempts} failed: ${error}`
		);
		await db
			.updateTable('outbox_message')
			.set({
				attempts,
				last_error: error.slice(0, 2000),
				status: givingUp ? 'failed' : 'pending',
				next_attempt_at: clock(now, givingUp ? 0 : computeRetryDelayMs(attempts))
			})
			.where('id', '=', message.id)
			.where('status', '=', 'pending')
			.execute();
		failed++;
	}
	return { sent, failed };
}

async function send(
	transport: MailTransport,
	message: { recipient: string; template: string; language: Language; payload: unknown }
): Promise<string | undefined> {
	try {
		const mail = render(
			message.template as TemplateName,
			message.language,
			message.payload as Record<string, unknown>
		);
		await transport.send({ to: message.recipient, ...mail });
		return undefined;
	} catch (error) {
		if (error instanceof ZodError) {
			const issues = error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
			return `invalid payload: ${issues.join('; ')}`;
		}
		return error instanceof Error ? error.message || error.name : String(error);
	}
}

/** Hands unsent claimed rows back at once rather than when their lease runs out. */
async function release(db: Db, ids: number[], now: Date | undefined): Promise<void> {
	if (ids.length === 0) return;
	await db
		.updateTable('outbox_message')
		.set({ next_attempt_at: clock(now) })
		.where('id', 'in', ids)
		.where('status', '=', 'pending')
		.execute();
}

export interface ReminderOptions {
	db?: Db;
}

/** Reminders go out the day before, but not before this hour in Jakarta. */
const REMINDER_HOUR_WIB = 7;

/**
 * One reminder per confirmed booking whose visit is tomorrow in Jakarta. Safe to run as
 * often as wanted: the dedupe key lets each booking have one reminder, ever.
 */
export async function enqueueReminders(
	now: Date = new Date(),
	options: ReminderOptions = {}
): Promise<number> {
	const db = options.db ?? getDb();
	const today = todayInJakarta(now);
	const tomorrow = nextDate(today);
	const bookings = await db
		.selectFrom('booking')
		.innerJoin('slot', 'slot.id', 'booking.slot_id')
		.innerJoin('tour_package', 'tour_package.id', 'booking.package_id')
		.innerJoin('village', 'village.code', 'booking.village_code')
		.select([
			'booking.id',
			'booking.code',
			'booking.language',
			'booking.contact_email',
			'booking.people',
			'booking.total_idr',
			'slot.starts_at',
			'slot.ends_at',
			'tour_package.title_id',
			'tour_package.title_en',
			'tour_package.meeting_lat',
			'tour_package.meeting_lng',
			'village.name as village_name',
			'village.whatsapp'
		])
		.where('booking.status', '=', 'confirmed')
		.where('booking.contact_email', 'is not', null)
		.where('slot.local_date', '=', tomorrow)
		.where('slot.status', '!=', 'cancelled')
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('outbox_message')
						.select('outbox_message.id')
						.where(
							'outbox_message.dedupe_key',
							'=',
							sql<string>`'reminder:' || ${sql.ref('booking.id')}`
						)
				)
			)
		)
		.orderBy('booking.id')
		.execute();
	if (bookings.length === 0) return 0;

	const lines = await db
		.selectFrom('booking_line')
		.select(['booking_id', 'label_id', 'label_en', 'quantity', 'unit_price_idr'])
		.where(
			'booking_id',
			'in',
			bookings.map((booking) => booking.id)
		)
		.orderBy('booking_id')
		.orderBy('category_id')
		.execute();

	const morning = new Date(`${today}T${String(REMINDER_HOUR_WIB).padStart(2, '0')}:00:00+07:00`);
	for (const booking of bookings) {
		const english = booking.language === 'en';
		const payload: BookingPayload = {
			code: booking.code,
			packageTitle: english ? booking.title_en : booking.title_id,
			villageName: booking.village_name,
			startsAt: new Date(booking.starts_at).toISOString(),
			endsAt: new Date(booking.ends_at).toISOString(),
			people: booking.people,
			lines: lines
				.filter((line) => line.booking_id === booking.id)
				.map((line) => ({
					label: english ? line.label_en : line.label_id,
					quantity: line.quantity,
					unitPriceIdr: line.unit_price_idr
				})),
			totalIdr: Number(booking.total_idr),
			manageUrl: (await buildManageLink(booking.code, booking.language)).url,
			hostWhatsapp: booking.whatsapp,
			location:
				booking.meeting_lat !== null && booking.meeting_lng !== null
					? { lat: booking.meeting_lat, lng: booking.meeting_lng }
					: null
		};
		await enqueue(db, {
			recipient: booking.contact_email as string,
			template: 'booking_reminder',
			language: booking.language,
			payload,
			dedupeKey: `reminder:${booking.id}`,
			notBefore: now < morning ? morning : now
		});
	}
	return bookings.length;
}

/** The day after a 'YYYY-MM-DD' date. */
function nextDate(isoDate: string): string {
	const [year, month, day] = isoDate.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

export interface WorkerOptions {
	/** How often to look for due messages. */
	pollMs?: number;
	/** How often to look for tomorrow's visits. */
	reminderEveryMs?: number;
	transport?: MailTransport;
	/**
	 * Whether the instance is answering requests right now. Composing a message costs more CPU
	 * than answering a booking, so in a burst (a festival's bookings opening) the answers go
	 * first and the messages follow, but never more than `maxWaitMs` late.
	 */
	busy?: () => boolean;
	maxWaitMs?: number;
}

/** How soon a worker that gave way to requests looks again. */
const BUSY_RETRY_MS = 200;

/** Sends due messages and enqueues reminders until the returned function is called. */
export function startOutboxWorker(options: WorkerOptions = {}): () => void {
	const pollMs = options.pollMs ?? 5_000;
	const reminderEveryMs = options.reminderEveryMs ?? 60 * 60_000;
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let remindedAt = -Infinity;
	const maxWaitMs = options.maxWaitMs ?? 30_000;
	/** Since when sending has been giving way to requests. */
	let waitingSince: number | undefined;
	let paused = false;
	const giveWay = () => {
		paused = options.busy?.() ?? false;
		if (!paused) return false;
		waitingSince ??= Date.now();
		paused = Date.now() - waitingSince < maxWaitMs;
		return paused;
	};

	async function tick() {
		let batchWasFull = false;
		paused = false;
		if (Date.now() - remindedAt >= reminderEveryMs) {
			remindedAt = Date.now();
			try {
				await enqueueReminders();
			} catch (error) {
				console.error('outbox: enqueueing reminders failed:', describe(error));
			}
		}
		try {
			if (!giveWay()) {
				const { sent, failed } = await deliverDue({
					transport: options.transport,
					pauseWhen: giveWay
				});
				batchWasFull = sent + failed >= BATCH_SIZE;
			}
		} catch (error) {
			console.error('outbox: delivery failed:', describe(error));
		}
		if (stopped) return;
		if (!paused && !batchWasFull) waitingSince = undefined;
		// A full batch means more is waiting (a host cancelled a busy day): go on at once.
		timer = setTimeout(tick, paused ? BUSY_RETRY_MS : batchWasFull ? 0 : pollMs);
		// The worker alone must not keep a script or test process alive.
		timer.unref();
	}

	timer = setTimeout(tick, 0);
	timer.unref();
	return () => {
		stopped = true;
		clearTimeout(timer);
		defaultTransport?.close?.();
		defaultTransport = undefined;
	};
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
