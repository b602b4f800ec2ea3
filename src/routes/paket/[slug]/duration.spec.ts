import { afterEach, describe, expect, it } from 'vitest';
import { baseLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { formatDuration } from './duration';

describe('formatDuration', () => {
	afterEach(() => overwriteGetLocale(() => baseLocale));

	it('words hours and minutes in the visitor’s language, each language apart', () => {
		overwriteGetLocale(() => 'id');
		expect(formatDuration(120)).toBe('2 jam');
		expect(formatDuration(90)).toBe('1 jam 30 menit');
		expect(formatDuration(45)).toBe('45 menit');
		overwriteGetLocale(() => 'en');
		expect(formatDuration(120)).toBe('2 hours');
		expect(formatDuration(60)).toBe('1 hour');
		overwriteGetLocale(() => 'id');
		expect(formatDuration(120)).toBe('2 jam');
	});
});
