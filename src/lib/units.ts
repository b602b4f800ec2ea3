// The units a village shop sells in, in the reader's language.
import { m } from '$lib/paraglide/messages';

const labels: Record<string, () => string> = {
	pack: m.shop_unit_pack,
	bottle: m.shop_unit_bottle,
	jar: m.shop_unit_jar,
	kg: m.shop_unit_kg,
	piece: m.shop_unit_piece,
	box: m.shop_unit_box
};

export function unitLabel(unit: string): string {
	return labels[unit]?.() ?? unit;
}
