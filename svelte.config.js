import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// The benchmarks' baseline, an empty page at /bench-empty, is a Svelte file under an extension
// that only a build made for them compiles (BENCH=1 npx vite build): a production build has no
// such route and ships none of it.
const bench = process.env.BENCH === '1';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: bench ? ['.svelte', '.bench'] : ['.svelte'],
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR and SVELTEKIT_OUT let several builds of one checkout run side by side.
		adapter: adapter({ out: process.env.BUILD_DIR || 'build' }),
		outDir: process.env.SVELTEKIT_OUT || '.svelte-kit',
		// The browser asks the server which route a link leads to instead of downloading the
		// table of every route (most of them host and office pages a tourist never opens).
		router: { resolution: 'server' },
		// Cross-site form posts are refused by handleCrossOriginWrites (src/lib/server/http/
		// request-guards.ts), which makes the same check with one exception: RFC 8058 one-click
		// unsubscribe, which mail programs post without an Origin.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			// Hashes rather than nonces: a page is then the same bytes for every visitor, so the
			// public pages can be kept for a moment (src/lib/server/http/page-cache.ts) and revalidated
			// by ETag on a slow connection.
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				// Map tiles come from a configurable server, so any https image host is allowed.
				'img-src': ['self', 'data:', 'blob:', 'https:'],
				'connect-src': ['self'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
