import { expect, it } from 'vitest';
import { whatsappLink } from './whatsapp';

it('turns Indonesian numbers into international wa.me links with a prefilled text', () => {
	expect(whatsappLink('0812-3456-7890')).toBe('https://wa.me/6281234567890');
	expect(whatsappLink('+62 812 3456 7890', 'Halo & salam')).toBe(
		'https://wa.me/6281234567890?text=Halo%20%26%20salam'
	);
});
