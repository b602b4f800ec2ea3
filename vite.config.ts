import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Under `vite dev`, e-mails link to the address this server really listens on (5173, or the
 * next free port when another server has it) unless ORIGIN says otherwise. The server code runs
 * in this process and reads ORIGIN when it first loads, after the server listens.
 */
function devOrigin(): Plugin {
	return {
		name: 'agrowisata-dev-origin',
		apply: 'serve',
		configureServer(server) {
			server.httpServer?.once('listening', () => {
				const address = server.httpServer?.address();
				if (!process.env.ORIGIN && address && typeof address === 'object') {
					process.env.ORIGIN = `http://localhost:${address.port}`;
				}
			});
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['url', 'baseLocale']
		}),
		devOrigin()
	],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
