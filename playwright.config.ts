import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 4173);
export const baseURL = `http://localhost:${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: process.env.CI ? 1 : 0,
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		baseURL,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	projects: [{ name: 'phone', use: { ...devices['Pixel 7'], browserName: 'chromium' } }],
	webServer: {
		command: 'npx tsx scripts/e2e-server.ts',
		url: `${baseURL}/api/v1/villages`,
		timeout: 120_000,
		reuseExistingServer: false,
		env: {
			ORIGIN: baseURL,
			PORT: String(port),
			// No tile server is reachable in tests: the map must still show every village.
			TILE_URL: `${baseURL}/no-tiles/{z}/{x}/{y}.png`
		}
	}
});
