// The e-mails of "tell me when it is in season": the confirmation sent on subscribing (with the
// unsubscribe link, so nobody is subscribed without knowing) and the one message when the
// season opens.
import { z } from 'zod';
import { isMonth } from '../../../dates';
import { formatMonth } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import type { Mail } from '../transport';
import { type Block, compose, type Language } from '../layout';

export type SeasonTemplate = 'season_subscribed' | 'season_open';

export const seasonPayload = z.object({
	packageTitle: z.string().min(1),
	villageName: z.string().min(1),
	packageUrl: z.url(),
	/** Only in the confirmation: the subscription is gone once the season message is queued. */
	unsubscribeUrl: z.url().nullish(),
	/** 'YYYY-MM': when the usual season (with the host's changes) starts again. */
	nextStart: z.string().refine(isMonth).nullish()
});

export type SeasonPayload = z.input<typeof seasonPayload>;

export function renderSeason(
	template: SeasonTemplate,
	language: Language,
	payload: z.output<typeof seasonPayload>
): Omit<Mail, 'to'> {
	const locale = { locale: language };
	const names = { packageTitle: payload.packageTitle, villageName: payload.villageName };
	if (template === 'season_open') {
		const blocks: Block[] = [
			{ lines: [m.season_email_open_intro(names, locale)] },
			{ lead: m.season_email_open_action({}, locale), url: payload.packageUrl },
			{ lines: [m.season_email_open_deleted({}, locale)] }
		];
		return {
			subject: m.season_email_open_subject(names, locale),
			...compose(language, blocks)
		};
	}
	const intro = [m.season_email_subscribed_intro(names, locale)];
	if (payload.nextStart) {
		intro.push(
			m.season_email_subscribed_next({ month: formatMonth(payload.nextStart, language) }, locale)
		);
	}
	const blocks: Block[] = [
		{ lines: intro },
		{ lines: [m.season_email_subscribed_promise({}, locale)] },
		{ lead: m.season_email_subscribed_package({}, locale), url: payload.packageUrl }
	];
	if (payload.unsubscribeUrl) {
		blocks.push({ lead: m.season_email_unsubscribe({}, locale), url: payload.unsubscribeUrl });
	}
	return {
		subject: m.season_email_subscribed_subject(names, locale),
		...compose(language, blocks),
		// RFC 2369 and RFC 8058: mail programs show their own "unsubscribe" button, which posts
		// 'List-Unsubscribe=One-Click' to the link.
		headers: payload.unsubscribeUrl
			? {
					'List-Unsubscribe': `<${payload.unsubscribeUrl}>`,
					'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
				}
			: undefined
	};
}
