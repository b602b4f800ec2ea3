// The codes people read out over a phone line: bookings 'TB-7KX4Q2', product orders 'TBP-7KX4Q2'.
import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: a code must survive being read out over a phone line.
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Whether a value can be a booking code: 'TB-7KX4Q2', in any letter case. */
export function isBookingCode(value: string): boolean {
	return /^[A-Z]{2}-[2-9A-HJKMNP-Z]{6}$/i.test(value);
}

/** 'Talang Bulang' → 'TB', 'Benuang' → 'BE'. */
export function codePrefix(villageName: string): string {
	const words = villageName
		.toUpperCase()
		.replace(/[^A-Z ]/g, '')
		.split(/\s+/)
		.filter(Boolean);
	const prefix = words.length >= 2 ? words[0][0] + words[1][0] : (words[0] ?? 'AP').slice(0, 2);
	return prefix.padEnd(2, 'X');
}

export function newBookingCode(prefix: string): string {
	let suffix = '';
	for (let i = 0; i < 6; i++) suffix += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return `${prefix}-${suffix}`;
}

/** Whether a value can be a product order code: 'TBP-7KX4Q2', in any letter case. */
export function isOrderCode(value: string): boolean {
	return /^[A-Z]{2}P-[2-9A-HJKMNP-Z]{6}$/i.test(value);
}

/** A product order's code: the village's two letters and a P, so it never meets a booking's. */
export function newOrderCode(prefix: string): string {
	return newBookingCode(`${prefix}P`);
}
