// How many requests this instance is answering right now, for background work that should
// let them go first (the outbox worker).
import type { Handle } from '@sveltejs/kit';

let answering = 0;

export const handleActivity: Handle = async ({ event, resolve }) => {
	answering += 1;
	try {
		return await resolve(event);
	} finally {
		answering -= 1;
	}
};

export function answeringRequests(): boolean {
	return answering > 0;
}
