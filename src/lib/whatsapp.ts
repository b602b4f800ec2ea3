/** A wa.me link: the number in international form without '+', and an optional message. */
export function whatsappLink(phone: string, text?: string): string {
	const digits = phone.replace(/\D/g, '').replace(/^0/, '62');
	return `https://wa.me/${digits}${text ? `?text=${encodeURIComponent(text)}` : ''}`;
}
