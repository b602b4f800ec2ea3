/** "2 Dewasa, 1 Anak" — or, once checked in, "2/2 Dewasa, 0/1 Anak". */
export function partyText(
	lines: { label: string; quantity: number; checkedIn: number | null }[]
): string {
	return lines
		.map((line) =>
			line.checkedIn === null
				? `${line.quantity} ${line.label}`
				: `${line.checkedIn}/${line.quantity} ${line.label}`
		)
		.join(', ');
}
