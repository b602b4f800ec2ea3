// What each e-mail says. Short and plain: many readers are on a phone with a weak signal.
import { z } from 'zod';
import { formatDate, formatRupiah, formatTimeWib } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { whatsappLink } from '$lib/whatsapp';
import { writeCalendarFile, type CalendarStatus } from '../../bookings/calendar-file';
import type { Mail } from '../transport';
import { type Block, compose, type Language } from '../layout';
import { orderPayload, renderProductBlock, renderOrder } from './shop';
import { renderSeason, seasonPayload, type SeasonTemplate } from './season';

export { escapeHtml, type Language } from '../layout';

export type TemplateName =
	| 'booking_confirmed'
	| 'booking_requested'
	| 'booking_accepted'
	| 'booking_declined'
	| 'booking_cancelled'
	| 'booking_cancelled_by_host'
	| 'booking_reminder'
	| 'order_confirmed'
	| 'invitation'
	| 'password_reset'
	| SeasonTemplate;

export type RenderedMail = Omit<Mail, 'to'>;

// Payloads come back from jsonb, so instants arrive as ISO strings; Dates are accepted too.
const instant = z.coerce.date();

export const bookingPayload = z.object({
	code: z.string().min(1),
	packageTitle: z.string().min(1),
	villageName: z.string().min(1),
	startsAt: instant,
	endsAt: instant,
	people: z.number().int().positive(),
	lines: z
		.array(
			z.object({
				label: z.string(),
				quantity: z.number().int().positive(),
				unitPriceIdr: z.number().int().nonnegative()
			})
		)
		.default([]),
	totalIdr: z.number().int().nonnegative(),
	// Absent once the booking is over (cancelled, declined): there is nothing left to manage.
	manageUrl: z.url().nullish(),
	hostWhatsapp: z.string().nullish(),
	reason: z.string().nullish(),
	respondBy: instant.nullish(),
	location: z.object({ lat: z.number(), lng: z.number() }).nullish(),
	// Products of the village shop ordered with the visit, collected and paid there.
	products: z
		.object({
			code: z.string(),
			lines: z.array(
				z.object({
					label: z.string(),
					unit: z.string(),
					quantity: z.number().int().positive(),
					unitPriceIdr: z.number().int().nonnegative()
				})
			),
			totalIdr: z.number().int().nonnegative()
		})
		.nullish()
});

export const linkPayload = z.object({
	url: z.url(),
	expiresAt: instant,
	name: z.string().nullish(),
	villageName: z.string().nullish(),
	role: z.string().nullish()
});

export type BookingPayload = z.input<typeof bookingPayload>;
export type LinkPayload = z.input<typeof linkPayload>;

type BookingTemplate = Exclude<
	TemplateName,
	'invitation' | 'password_reset' | 'order_confirmed' | SeasonTemplate
>;

// The calendar file each message carries: the visit while it is on, and its cancellation
// (same UID, later SEQUENCE) once it is off, so that a calendar holding it takes it out. A
// request the host has not answered gets none: it is not a visit yet.
const calendarStatus: Partial<Record<TemplateName, CalendarStatus>> = {
	booking_confirmed: 'CONFIRMED',
	booking_accepted: 'CONFIRMED',
	booking_reminder: 'CONFIRMED',
	booking_declined: 'CANCELLED',
	booking_cancelled: 'CANCELLED',
	booking_cancelled_by_host: 'CANCELLED'
};

export function render(
	template: TemplateName,
	language: Language,
	payload: Record<string, unknown>
): RenderedMail {
	switch (template) {
		case 'invitation':
		case 'password_reset':
			return renderLink(template, language, linkPayload.parse(payload));
		case 'order_confirmed':
			return renderOrder(language, orderPayload.parse(payload));
		case 'season_subscribed':
		case 'season_open':
			return renderSeason(template, language, seasonPayload.parse(payload));
		case 'booking_confirmed':
		case 'booking_requested':
		case 'booking_accepted':
		case 'booking_declined':
		case 'booking_cancelled':
		case 'booking_cancelled_by_host':
		case 'booking_reminder':
			return renderBooking(template, language, bookingPayload.parse(payload));
		default:
			throw new Error(`Unknown e-mail template "${String(template satisfies never)}".`);
	}
}

function renderBooking(
	template: BookingTemplate,
	language: Language,
	booking: z.output<typeof bookingPayload>
): RenderedMail {
	const locale = { locale: language };
	const subjects: Record<BookingTemplate, string> = {
		booking_confirmed: m.email_subject_booking_confirmed({ code: booking.code }, locale),
		booking_requested: m.email_subject_booking_requested({ code: booking.code }, locale),
		booking_accepted: m.email_subject_booking_accepted({ code: booking.code }, locale),
		booking_declined: m.email_subject_booking_declined({ code: booking.code }, locale),
		booking_cancelled: m.email_subject_booking_cancelled({ code: booking.code }, locale),
		booking_cancelled_by_host: m.email_subject_booking_cancelled_by_host(
			{ code: booking.code },
			locale
		),
		booking_reminder: m.email_subject_booking_reminder(
			{ packageTitle: booking.packageTitle },
			locale
		)
	};
	const intros: Record<BookingTemplate, string> = {
		booking_confirmed: m.email_intro_booking_confirmed({}, locale),
		booking_requested: m.email_intro_booking_requested({}, locale),
		booking_accepted: m.email_intro_booking_accepted({}, locale),
		booking_declined: m.email_intro_booking_declined({}, locale),
		booking_cancelled: m.email_intro_booking_cancelled({}, locale),
		booking_cancelled_by_host: m.email_intro_booking_cancelled_by_host({}, locale),
		booking_reminder: m.email_intro_booking_reminder({}, locale)
	};

	const intro = [intros[template]];
	if (template === 'booking_requested' && booking.respondBy) {
		intro.push(
			m.email_respond_by(
				{
					date: formatDate(booking.respondBy, language),
					time: formatTimeWib(booking.respondBy, language)
				},
				locale
			)
		);
	}
	if (
		booking.reason &&
		(template === 'booking_declined' || template === 'booking_cancelled_by_host')
	) {
		intro.push(m.email_reason({ reason: booking.reason }, locale));
	}

	const details = [
		m.email_package(
			{ packageTitle: booking.packageTitle, villageName: booking.villageName },
			locale
		),
		m.email_when(
			{
				date: formatDate(booking.startsAt, language),
				start: formatTimeWib(booking.startsAt, language),
				end: formatTimeWib(booking.endsAt, language)
			},
			locale
		),
		m.email_people({ people: booking.people }, locale)
	];
	const stillOn = !['booking_declined', 'booking_cancelled', 'booking_cancelled_by_host'].includes(
		template
	);

	const blocks: Block[] = [
		{ lines: intro },
		{ lines: [m.email_code({ code: booking.code }, locale)], strong: true },
		{ lines: details }
	];
	if (stillOn && booking.lines.length > 0) {
		blocks.push({
			lines: [
				...booking.lines.map((line) =>
					m.email_line(
						{
							quantity: line.quantity,
							label: line.label,
							price: formatRupiah(line.unitPriceIdr, language)
						},
						locale
					)
				),
				m.email_total({ total: formatRupiah(booking.totalIdr, language) }, locale)
			]
		});
	}
	if (stillOn && booking.products)
		blocks.push(renderProductBlock(booking.products, language, true));
	if (stillOn && booking.manageUrl) {
		blocks.push({ lead: m.email_manage({}, locale), url: booking.manageUrl });
	} else if (!stillOn) {
		blocks.push({ lines: [m.email_rebook({}, locale)] });
	}
	if (booking.hostWhatsapp) {
		blocks.push({
			lead: m.email_host_whatsapp({ number: booking.hostWhatsapp }, locale),
			url: whatsappLink(booking.hostWhatsapp)
		});
	}

	let attachments: RenderedMail['attachments'];
	const status = calendarStatus[template];
	if (status) {
		blocks.push({
			lines: [
				status === 'CANCELLED'
					? m.email_calendar_cancel_attached({}, locale)
					: m.email_calendar_attached({}, locale)
			]
		});
		const description: string[] = [m.email_code({ code: booking.code }, locale)];
		if (booking.manageUrl) description.push(`${m.email_manage({}, locale)} ${booking.manageUrl}`);
		const calendar = writeCalendarFile({
			...booking,
			status,
			manageUrl: booking.manageUrl ?? undefined,
			location: booking.location ?? undefined,
			description: description.join('\n')
		});
		attachments = [
			{
				filename: `${booking.code}.ics`,
				content: calendar,
				contentType: 'text/calendar; charset=utf-8; method=PUBLISH'
			}
		];
	}
	return { subject: subjects[template], ...compose(language, blocks), attachments };
}

function renderLink(
	template: 'invitation' | 'password_reset',
	language: Language,
	link: z.output<typeof linkPayload>
): RenderedMail {
	const locale = { locale: language };
	const expires = m.email_link_expires(
		{ date: formatDate(link.expiresAt, language), time: formatTimeWib(link.expiresAt, language) },
		locale
	);
	const blocks: Block[] = [];
	if (link.name) blocks.push({ lines: [m.email_invitation_named({ name: link.name }, locale)] });
	if (template === 'invitation') {
		const invited =
			link.role === 'office'
				? m.email_invitation_office({}, locale)
				: link.villageName
					? m.email_invitation_host({ villageName: link.villageName }, locale)
					: m.email_invitation_generic({}, locale);
		blocks.push(
			{ lines: [invited] },
			{ lead: m.email_invitation_action({}, locale), url: link.url },
			{ lines: [expires] }
		);
		return { subject: m.email_subject_invitation({}, locale), ...compose(language, blocks) };
	}
	blocks.push(
		{ lines: [m.email_password_reset_intro({}, locale)] },
		{ lead: m.email_password_reset_action({}, locale), url: link.url },
		{ lines: [expires, m.email_password_reset_ignore({}, locale)] }
	);
	return { subject: m.email_subject_password_reset({}, locale), ...compose(language, blocks) };
}
