// Work the server does on its own: sending the outbox, keeping 180+ days of slots ahead,
// expiring requests the host did not answer, putting uncollected shop orders back on the
// shelf, and telling tourists a season has opened. Each is safe to run on several instances
// at once.
import { answeringRequests } from './http/activity';
import * as availability from './availability';
import * as bookings from './bookings';
import * as outbox from './mail/outbox';
import * as seasonSubscriptions from './seasons/subscriptions';
import * as shop from './shop';

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
		outbox.startOutboxWorker({ busy: answeringRequests }),
		every(HOUR, () => availability.extendHorizon(), 'extending the slot horizon'),
		every(5 * 60_000, () => bookings.expireRequests(), 'expiring unanswered requests'),
		every(HOUR, () => shop.releaseUncollected(), 'releasing uncollected shop orders'),
		every(
			HOUR,
			() => seasonSubscriptions.notifyOpenSeasons(),
			'telling subscribers of open seasons'
		)
	];
	return () => stops.forEach((stop) => stop());
}
