// Work the server does on its own: sending the outbox, keeping 180+ days of slots ahead, and
// expiring requests the host did not answer. Each is safe to run on several instances at once.
import * as availability from './availability';
import * as bookings from './bookings';
import * as outbox from './outbox';

const HOUR = 3_600_000;

function every(ms: number, job: () => Promise<unknown>, name: string): () => void {
	const run = () => job().catch((error) => console.error(`${name} failed:`, error));
	void run();
	const timer = setInterval(run, ms);
	timer.unref();
	return () => clearInterval(timer);
}

export function startBackgroundJobs(): () => void {
	const stops = [
		outbox.startOutboxWorker(),
		every(HOUR, () => availability.extendHorizon(), 'extending the slot horizon'),
		every(5 * 60_000, () => bookings.expireRequests(), 'expiring unanswered requests')
	];
	return () => stops.forEach((stop) => stop());
}
