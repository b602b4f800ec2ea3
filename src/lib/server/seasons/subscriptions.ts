// "Tell me when it is in season": a tourist leaves an e-mail address on the page of a package
// that is out of season, and gets one message when the current Jakarta month is in season again
// (by the usual months, or because the host opened it early). The address is kept for nothing
// else: it is deleted in the transaction that queues that message, or at once on unsubscribing.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { addMonths, monthInJakarta, todayInJakarta } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { localizeUrl, type Locale } from '$lib/paraglide/runtime';
import { parse, type FieldErrors } from '$lib/validation';
import * as availability from '../availability';
import { config } from '../config';
import { getDb, type Db } from '../db';
import type { SeasonPayload } from '../mail/templates/season';
import * as outbox from '../mail/outbox';
import * as rateLimit from '../http/rate-limit';
import * as seasons from './index';
import { sha256Hex } from '../secrets';

/** Subscriptions one client address may make per minute: plenty for a family, not for a bot. */
const SUBSCRIPTIONS_PER_MINUTE = 10;
/** Season messages found by the hourly job wait until this hour in Jakarta, not the small hours. */
const SEASON_MAIL_HOUR_WIB = 7;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function packageQuery(db: Db, packageId: number) {
	return db
		.selectFrom('tour_package as p')
		.innerJoin('village as v', 'v.code', 'p.village_code')
		.select([
			'p.id',
			'p.slug',
			'p.title_id',
			'p.title_en',
			'p.status',
			'p.season_months',
			'p.season_overrides',
			'v.name as village_name'
		])
		.where('p.id', '=', packageId);
}

type PackageRow = NonNullable<
	Awaited<ReturnType<ReturnType<typeof packageQuery>['executeTakeFirst']>>
>;

function inSeasonIn(pkg: PackageRow, month: string): boolean {
	return seasons.isInSeason(pkg.season_months, seasons.readOverrides(pkg.season_overrides), month);
}

function siteUrl(path: string, language: Locale): string {
	return localizeUrl(new URL(path, config.publicOrigin), { locale: language }).href;
}

function payloadOf(pkg: PackageRow, language: Locale): SeasonPayload {
	return {
		packageTitle: language === 'en' ? pkg.title_en : pkg.title_id,
		villageName: pkg.village_name,
		packageUrl: siteUrl(`/paket/${pkg.slug}`, language)
	};
}

// ---- The package page ----------------------------------------------------------------------

export interface SeasonNotice {
	/** Out of season in the current Jakarta month: the page offers to tell the tourist. */
	subscribable: boolean;
	/** The first month in season after the month shown; null when the village plans none. */
	nextStart: string | null;
	/** nextStart is within the months the calendar can show. */
	nextStartShown: boolean;
}

/** What the package page says when the month it shows is out of season. */
export async function findSeasonNotice(
	packageId: number,
	month: string,
	now: Date = new Date()
): Promise<SeasonNotice> {
	const pkg = await packageQuery(getDb(), packageId).executeTakeFirstOrThrow();
	return describeSeasonNotice(
		pkg.season_months,
		seasons.readOverrides(pkg.season_overrides),
		month,
		now
	);
}

/**
 * findSeasonNotice on a season the caller has read already: the package's usual months and the months
 * a host opened or closed against them.
 */
export function describeSeasonNotice(
	seasonMonths: readonly (number | string)[],
	overrides: seasons.SeasonOverrides,
	month: string,
	now: Date = new Date()
): SeasonNotice {
	const nextStart = seasons.findNextSeasonStart(seasonMonths, overrides, addMonths(month, 1));
	return {
		subscribable: !seasons.isInSeason(seasonMonths, overrides, monthInJakarta(now)),
		nextStart,
		nextStartShown: nextStart !== null && !availability.chooseMonth(nextStart, now).rejected
	};
}

// ---- Subscribing and unsubscribing ---------------------------------------------------------

export const subscriptionInput = z.object({
	email: z
		.string({ error: () => m.season_email_required() })
		.trim()
		.toLowerCase()
		.min(1, { error: () => m.season_email_required() })
		.max(254, { error: () => m.season_email_invalid() })
		.pipe(z.email({ error: () => m.season_email_invalid() }))
});

export type SubscribeResult =
	{ ok: true; email: string } | { ok: false; status: 409 | 422 | 429; fields: FieldErrors };

export interface SubscribeOptions {
	now?: Date;
	/** The client's address, for the budget of subscriptions per minute. */
	clientAddress?: string;
}

/**
 * Subscribes an address to the package's next season and queues the confirmation with its
 * unsubscribe link, in one transaction. The same address again is the same subscription: nothing
 * is written or sent, and the answer is the same, so the form does not tell who subscribed.
 */
export async function subscribe(
	packageId: number,
	input: { email: unknown },
	language: Locale,
	options: SubscribeOptions = {}
): Promise<SubscribeResult> {
	const now = options.now ?? new Date();
	const parsed = parse(subscriptionInput, input);
	if (!parsed.ok) return { ok: false, status: 422, fields: parsed.fields };
	const { email } = parsed.data;
	const pkg = await packageQuery(getDb(), packageId).executeTakeFirst();
	if (!pkg || pkg.status !== 'published') {
		return { ok: false, status: 409, fields: { form: m.season_subscribe_unavailable() } };
	}
	if (inSeasonIn(pkg, monthInJakarta(now))) {
		return { ok: false, status: 409, fields: { form: m.season_subscribe_in_season() } };
	}
	if (options.clientAddress !== undefined) {
		const check = await rateLimit.consumeWrite(options.clientAddress, {
			purpose: 'season-subscribe',
			limit: SUBSCRIPTIONS_PER_MINUTE,
			now
		});
		if (!check.allowed) {
			const seconds = check.retryAfterSeconds;
			return { ok: false, status: 429, fields: { form: m.season_subscribe_wait({ seconds }) } };
		}
	}

	const token = randomBytes(32).toString('base64url');
	const overrides = seasons.readOverrides(pkg.season_overrides);
	await getDb()
		.transaction()
		.execute(async (trx) => {
			const inserted = await trx
				.insertInto('season_subscription')
				.values({
					package_id: pkg.id,
					email,
					language,
					token_hash: sha256Hex(token),
					created_at: now
				})
				.onConflict((oc) => oc.columns(['package_id', 'email']).doNothing())
				.returning('id')
				.executeTakeFirst();
			if (!inserted) return;
			const payload: SeasonPayload = {
				...payloadOf(pkg, language),
				unsubscribeUrl: siteUrl(`/kabar-musim/${token}`, language),
				nextStart: seasons.findNextSeasonStart(pkg.season_months, overrides, monthInJakarta(now))
			};
			await outbox.enqueue(trx, {
				recipient: email,
				template: 'season_subscribed',
				language,
				payload,
				dedupeKey: `season-subscribed:${inserted.id}`,
				notBefore: now
			});
		});
	return { ok: true, email };
}

export interface SubscriptionView {
	packageTitle: string;
	packageSlug: string;
	villageName: string;
}

/** The subscription an unsubscribe link stands for; undefined when it is gone (or never was). */
export async function findByToken(
	token: string,
	language: Locale
): Promise<SubscriptionView | undefined> {
	if (!TOKEN_PATTERN.test(token)) return undefined;
	const row = await getDb()
		.selectFrom('season_subscription as s')
		.innerJoin('tour_package as p', 'p.id', 's.package_id')
		.innerJoin('village as v', 'v.code', 'p.village_code')
		.select([
			language === 'en' ? 'p.title_en as title' : 'p.title_id as title',
			'p.slug',
			'v.name as village_name'
		])
		.where('s.token_hash', '=', sha256Hex(token))
		.executeTakeFirst();
	return row && { packageTitle: row.title, packageSlug: row.slug, villageName: row.village_name };
}

/** Deletes the subscription of an unsubscribe link; false when there was none. */
export async function unsubscribe(token: string): Promise<boolean> {
	if (!TOKEN_PATTERN.test(token)) return false;
	const result = await getDb()
		.deleteFrom('season_subscription')
		.where('token_hash', '=', sha256Hex(token))
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

// ---- The season opens ----------------------------------------------------------------------

export interface NotifyOptions {
	now?: Date;
	/** Hold the messages until then. */
	notBefore?: Date;
	/** A database or an open transaction to join; the app's database by default. */
	db?: Db;
}

/**
 * When the package is published and in season this month, queues the one season message to
 * each of its subscribers and deletes their addresses, in one transaction (the caller's, when
 * `db` is one). Safe on several instances at once: a subscription is deleted once, and only the
 * transaction that deleted it queues its message. Returns how many were queued.
 */
export async function notifyIfInSeason(
	packageId: number,
	options: NotifyOptions = {}
): Promise<number> {
	const now = options.now ?? new Date();
	const db = options.db ?? getDb();
	const work = async (trx: Db) => {
		const pkg = await packageQuery(trx, packageId).executeTakeFirst();
		if (!pkg || pkg.status !== 'published' || !inSeasonIn(pkg, monthInJakarta(now))) return 0;
		const subscribers = await trx
			.deleteFrom('season_subscription')
			.where('package_id', '=', packageId)
			.returning(['id', 'email', 'language'])
			.execute();
		for (const subscriber of subscribers.sort((a, b) => a.id - b.id)) {
			await outbox.enqueue(trx, {
				recipient: subscriber.email,
				template: 'season_open',
				language: subscriber.language,
				payload: payloadOf(pkg, subscriber.language),
				dedupeKey: `season-open:${subscriber.id}`,
				notBefore: options.notBefore ?? now
			});
		}
		return subscribers.length;
	};
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** How long an address waits for a season at most: a season that has not come back by then is
 * not waited for any more, and the address is not kept for it. */
export const WAIT_MONTHS = 18;

/**
 * Deletes the addresses nobody will write to: those of archived packages and those that have
 * waited longer than WAIT_MONTHS. Returns how many went.
 */
export async function forgetStale(now: Date = new Date(), db: Db = getDb()): Promise<number> {
	const oldest = new Date(now);
	oldest.setUTCMonth(oldest.getUTCMonth() - WAIT_MONTHS);
	const result = await db
		.deleteFrom('season_subscription')
		.where((eb) =>
			eb.or([
				eb('created_at', '<', oldest),
				eb(
					'package_id',
					'in',
					eb.selectFrom('tour_package').select('id').where('status', '=', 'archived')
				)
			])
		)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** The hourly job: tells the subscribers of every package whose season has opened. */
export async function notifyOpenSeasons(
	now: Date = new Date(),
	options: { db?: Db } = {}
): Promise<number> {
	const db = options.db ?? getDb();
	await forgetStale(now, db);
	const waiting = await db
		.selectFrom('season_subscription')
		.select('package_id')
		.distinct()
		.orderBy('package_id')
		.execute();
	const morning = new Date(
		`${todayInJakarta(now)}T${String(SEASON_MAIL_HOUR_WIB).padStart(2, '0')}:00:00+07:00`
	);
	let queued = 0;
	for (const { package_id } of waiting) {
		queued += await notifyIfInSeason(package_id, {
			db,
			now,
			notBefore: now < morning ? morning : now
		});
	}
	return queued;
}
