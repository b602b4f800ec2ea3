// The village shop's e-mails: an order on its own, and the products block of a booking's mail.
import { z } from 'zod';
import { formatDate, formatRupiah } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { type Block, compose, type Language } from '../layout';
import type { Mail } from '../transport';

const line = z.object({
	label: z.string(),
	unit: z.string(),
	quantity: z.number().int().positive(),
	unitPriceIdr: z.number().int().nonnegative()
});

export const orderPayload = z.object({
	code: z.string().min(1),
	villageName: z.string().min(1),
	pickupDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
	lines: z.array(line),
	totalIdr: z.number().int().nonnegative(),
	manageUrl: z.url().nullish()
});

export type OrderPayload = z.input<typeof orderPayload>;

/** The order's lines and total; 'withVisit' says it is collected at the booked visit. */
export function renderProductBlock(
	order: { code: string; lines: z.output<typeof line>[]; totalIdr: number },
	language: Language,
	withVisit: boolean
): Block {
	const locale = { locale: language };
	return {
		lines: [
			withVisit
				? m.shop_email_with_visit({ code: order.code }, locale)
				: m.shop_email_order_code({ code: order.code }, locale),
			...order.lines.map((item) =>
				m.shop_email_line(
					{
						quantity: item.quantity,
						label: item.label,
						price: formatRupiah(item.unitPriceIdr, language)
					},
					locale
				)
			),
			m.shop_email_total({ total: formatRupiah(order.totalIdr, language) }, locale)
		]
	};
}

export function renderOrder(
	language: Language,
	order: z.output<typeof orderPayload>
): Omit<Mail, 'to'> {
	const locale = { locale: language };
	// A calendar date at noon UTC is the same day in Jakarta, whatever the server's zone.
	const day = formatDate(new Date(`${order.pickupDate}T12:00:00Z`), language);
	const blocks: Block[] = [
		{ lines: [m.shop_email_intro({ villageName: order.villageName }, locale)] },
		{ lines: [m.shop_email_order_code({ code: order.code }, locale)], strong: true },
		{ lines: [m.shop_email_pickup({ date: day, villageName: order.villageName }, locale)] },
		renderProductBlock(order, language, false)
	];
	if (order.manageUrl) {
		blocks.push({ lead: m.shop_email_manage({}, locale), url: order.manageUrl });
	}
	return {
		subject: m.shop_email_subject({ code: order.code }, locale),
		...compose(language, blocks)
	};
}
