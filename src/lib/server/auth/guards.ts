// One guard per role. Each load and action calls its guard itself: a layout is not a guard,
// and village membership is read from the database on every request.
import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { m } from '$lib/paraglide/messages';
import { localizeHref, type Locale } from '$lib/paraglide/runtime';
import type { VillageRole } from '../db/schema-auth';
import type { SessionUser } from './session';
import { accessToVillage } from './users';

type Locals = Pick<App.Locals, 'user' | 'locale'>;

/** Where a signed-in user starts: the host or the office area. */
export function homeOf(user: Pick<SessionUser, 'role'>, locale: Locale): string {
	return localizeHref(user.role === 'office' ? '/office' : '/host', { locale });
}

/**
 * `next` when it is a path on this site; anything else (another origin, `//host`, `/\host`,
 * a scheme) could send the user elsewhere after signing in.
 */
export function safeNextPath(next: string | null | undefined): string | undefined {
	if (!next || next.length > 2000 || !next.startsWith('/') || /^\/[/\\]/.test(next))
		return undefined;
	// Browsers drop tabs and newlines and read a backslash as a slash.
	if (/[\s\\]/.test(next) || [...next].some((char) => char.charCodeAt(0) < 0x20)) return undefined;
	const base = 'http://same.invalid';
	const url = new URL(next, base);
	return url.origin === base ? url.pathname + url.search + url.hash : undefined;
}

export function loginHref(locale: Locale, next?: string): string {
	const query = next ? `?next=${encodeURIComponent(next)}` : '';
	return localizeHref(`/login${query}`, { locale });
}

export function requireUser(locals: Locals): SessionUser {
	if (!locals.user) {
		const { url } = getRequestEvent();
		redirect(303, loginHref(locals.locale, url.pathname + url.search));
	}
	return locals.user;
}

export function requireOffice(locals: Locals): SessionUser {
	const user = requireUser(locals);
	if (user.role !== 'office') error(403, m.auth_forbidden());
	return user;
}

export interface VillageActor {
	user: SessionUser;
	/** 'office' when office staff act on the village. */
	role: 'office' | VillageRole;
}

/** The office may act on any village; a host only on the villages they belong to. */
export async function requireHost(locals: Locals, villageCode: string): Promise<VillageActor> {
	const user = requireUser(locals);
	const access = await accessToVillage(user, villageCode);
	if (!access.exists) error(404, m.not_found_title());
	if (!access.role) error(403, m.auth_forbidden());
	return { user, role: access.role };
}

/** The village's owner, or the office. */
export async function requireVillageOwner(
	locals: Locals,
	villageCode: string
): Promise<VillageActor> {
	const actor = await requireHost(locals, villageCode);
	if (actor.role === 'staff') error(403, m.auth_forbidden());
	return actor;
}
