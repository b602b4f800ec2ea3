/** Whether a value can be a slug at all: anything else names nothing and never reaches SQL. */
export function isSlug(value: string): boolean {
	return value.length <= 120 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
}
