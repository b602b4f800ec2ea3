// npm run audit: `npm audit --omit=dev` over what the built server runs, failing on a high or
// critical advisory. A registry that does not serve the advisory service (some mirrors refuse
// it) gives no verdict: that is printed as NOT CHECKED, and the run does not fail, since no
// answer is not a finding.
import { execFile } from 'node:child_process';

interface AuditReport {
	metadata?: { vulnerabilities?: Record<string, number> };
	vulnerabilities?: Record<string, { severity: string; via: unknown[] }>;
	message?: string;
	statusCode?: number;
}

const output = await new Promise<string>((resolve) => {
	// npm exits 1 both for findings and for a failed request: the report says which.
	execFile('npm', ['audit', '--omit=dev', '--json'], { maxBuffer: 64 * 1024 * 1024 }, (_, stdout) =>
		resolve(stdout)
	);
});

let report: AuditReport;
try {
	report = JSON.parse(output) as AuditReport;
} catch {
	report = { message: `npm audit printed no report: ${output.slice(0, 200)}` };
}

const counts = report.metadata?.vulnerabilities;
if (!counts) {
	console.log(`npm audit --omit=dev: NOT CHECKED (${report.message ?? 'no advisory data'})`);
} else {
	const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, finding]) =>
		['high', 'critical'].includes(finding.severity)
	);
	const summary = Object.entries(counts)
		.map(([severity, count]) => `${severity} ${count}`)
		.join(', ');
	console.log(`npm audit --omit=dev: ${summary}`);
	for (const [name, finding] of serious) console.log(`  ${finding.severity}: ${name}`);
	if (serious.length > 0) process.exitCode = 1;
}
