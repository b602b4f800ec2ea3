// How a price category kept for one kind of visitor is said beside its price.
import { m } from '$lib/paraglide/messages';

/** 'khusus wisatawan mancanegara', or undefined for a price anyone may book. */
export function originRuleNote(rule: string): string | undefined {
	if (rule === 'foreign') return m.package_price_foreign_only();
	if (rule === 'domestic') return m.package_price_domestic_only();
	return undefined;
}
