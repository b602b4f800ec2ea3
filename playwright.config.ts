import { defineConfig, devices } from '@playwright/test';

// Ports of their own, away from `npm run dev` (5173) and `vite preview` (4173), so that the
// end-to-end run never meets a developer's servers.
const port = Number(process.env.E2E_PORT || 4280);
export const baseURL = `http://localhost:${port}`;
/** The in-test SMTP server (tests/e2e/mailbox.ts) that the built server sends its e-mail to. */
export const smtpPort = port + 1;

export default defineConfig({
	testDir: 'tests/e2e',
	// One folder per port, so that runs side by side do not clear each other's results.
	outputDir: `test-results/${port}`,
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
			TILE_URL: `${baseURL}/no-tiles/{z}/{x}/{y}.png`,
			SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
			// Photos up to 5 MB: adapter-node refuses bodies over 512 KB unless told otherwise.
			BODY_SIZE_LIMIT: '6M',
			// The tests make many bookings from one address, and sign in many times from it.
			RATE_LIMIT_WRITES_PER_MINUTE: '100000',
			SIGN_IN_ATTEMPTS_PER_ADDRESS: '100000'
		}
	}
});
