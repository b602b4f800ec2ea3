// Slugs: the readable last part of an address ('petik-nanas-di-kebun-talang-bulang').

/** Whether a value can be a slug at all: anything else names nothing and never reaches SQL. */
export function isSlug(value: string): boolean {
	return value.length <= 120 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
}

/** 'Petik Nanas di Kebun' → 'petik-nanas-di-kebun'; `fallback` when nothing readable is left. */
export function slugify(title: string, fallback: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || fallback;
}
