// One guard per role. Each load and action calls its guard itself: a layout is not a guard,
// and village membership is read from the database on every request.
import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { m } from '$lib/paraglide/messages';
import { localizeHref, type Locale } from '$lib/paraglide/runtime';
import type { VillageRole } from '../db/schema-auth';
import type { SessionUser } from './session';
import { readVillageAccess } from './users';

type Locals = Pick<App.Locals, 'user' | 'locale'>;

/** Where a signed-in user starts: the host or the office area. */
export function findHome(user: Pick<SessionUser, 'role'>, locale: Locale): string {
	return localizeHref(user.role === 'office' ? '/office' : '/host', { locale });
}

/**
 * `next` when it leads to a path of this site. It is resolved as a browser would resolve it
 * against this site's address, and refused when the result is another origin or a path that
 * a browser reads as another host (`//evil.example`, reached also through `/..//`, `/%2e%2e//`,
 * `/.//` or `/a/..//`). The resolved path is what the caller redirects to.
 */
export function safeNextPath(next: string | null | undefined): string | undefined {
	if (!next || next.length > 2000 || !next.startsWith('/')) return undefined;
	// Browsers drop tabs and newlines and read a backslash as a slash.
	if (/[\s\\]/.test(next) || [...next].some((char) => char.charCodeAt(0) < 0x20)) return undefined;
	const base = 'http://same.invalid';
	let url: URL;
	try {
		url = new URL(next, base);
	} catch {
		return undefined;
	}
	if (url.origin !== base || /^\/[/\\]/.test(url.pathname)) return undefined;
	return url.pathname + url.search + url.hash;
}

export function buildLoginHref(locale: Locale, next?: string): string {
	const query = next ? `?next=${encodeURIComponent(next)}` : '';
	return localizeHref(`/login${query}`, { locale });
}

export function requireUser(locals: Locals): SessionUser {
	if (!locals.user) {
		const { url } = getRequestEvent();
		redirect(303, buildLoginHref(locals.locale, url.pathname + url.search));
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
	const access = await readVillageAccess(user, villageCode);
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
