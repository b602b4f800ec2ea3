// The fault tests: slow (they stop and start servers), so they run apart from the unit and
// integration suites, one file at a time, with `npm run test:faults` after a build.
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['url', 'baseLocale']
		})
	],
	test: {
		name: 'faults',
		environment: 'node',
		include: ['tests/faults/**/*.test.ts'],
		expect: { requireAssertions: true },
		fileParallelism: false,
		testTimeout: 180_000,
		hookTimeout: 180_000
	}
});
