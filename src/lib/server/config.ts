// Every setting the server reads, in one place; the README lists them.
import path from 'node:path';

const env = process.env;

function integer(name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(`Setting ${name} must be a whole number, got "${raw}".`);
	}
	return value;
}

export const config = {
	databaseUrl: env.DATABASE_URL || undefined,
	databasePoolMax: integer('DATABASE_POOL_MAX', 10),
	/**
	 * How long the public pages are kept for visitors who are not signed in; 0 turns it off.
	 * Unset: 5 seconds on the built server, off under `vite dev` (src/lib/server/http/page-cache.ts).
	 */
	pageCacheSeconds: env.PAGE_CACHE_SECONDS ? integer('PAGE_CACHE_SECONDS', 5) : undefined,
	dataDir: path.resolve(env.DATA_DIR || '.data'),
	/** Load the sample packages and demo accounts into the embedded database. */
	seedDemo: (env.SEED_DEMO ?? 'true') !== 'false',
	tileUrl: env.TILE_URL || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
	tileAttribution:
		env.TILE_ATTRIBUTION ||
		'&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
	/** Key for derived secrets (booking manage links); kept in the database when unset. */
	appSecret: env.APP_SECRET || undefined,
	smtpUrl: env.SMTP_URL || undefined,
	mailFrom: env.MAIL_FROM || 'Agrowisata PALI <noreply@agrowisata.test>',
	publicOrigin: env.ORIGIN || 'http://localhost:5173',
	/**
	 * Cookies carry `Secure` when the site is served over https, as ORIGIN says: adapter-node
	 * leaves NODE_ENV unset, so `node build` behind TLS would otherwise send them without it.
	 */
	secureCookies: /^https:/i.test(env.ORIGIN ?? ''),
	uploadDir: path.resolve(env.UPLOAD_DIR || 'uploads')
};
