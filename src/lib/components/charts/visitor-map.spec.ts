import { describe, expect, it } from 'vitest';
import { districtLabels, mapFrame } from './visitor-map';

describe('mapFrame', () => {
	it('keeps a kilometre the same length east-west and north-south', () => {
		// 0.6° of longitude and 0.3° of latitude near PALI (3°S).
		const frame = mapFrame([
			{ lat: -3.05, lng: 103.6 },
			{ lat: -3.35, lng: 104.2 }
		]);
		const perLng = (frame.xRange[1] - frame.xRange[0]) / 0.6;
		const perLat = (frame.yRange[0] - frame.yRange[1]) / 0.3;
		expect(perLng / perLat).toBeCloseTo(Math.cos((3.2 * Math.PI) / 180), 6);
		expect(frame.xRange).toEqual([28, 572]);
		expect(frame.height).toBeCloseTo(0.3 * perLat + 56, 9);
		// North is up.
		expect(frame.latDomain).toEqual([-3.35, -3.05]);
		expect(frame.yRange[0]).toBeGreaterThan(frame.yRange[1]);
	});

	it('gives a single village country around it instead of dividing by zero', () => {
		const frame = mapFrame([{ lat: -3.3, lng: 103.9 }]);
		expect(frame.lngDomain[1] - frame.lngDomain[0]).toBeCloseTo(0.05, 9);
		expect(frame.latDomain[1] - frame.latDomain[0]).toBeCloseTo(0.05, 9);
		expect(Number.isFinite(frame.height)).toBe(true);
		expect(frame.height).toBeLessThanOrEqual(420);
	});

	it('stays within the height limit for a tall shape and centres it', () => {
		const frame = mapFrame([
			{ lat: -2, lng: 104 },
			{ lat: -4, lng: 104.1 }
		]);
		expect(frame.height).toBeCloseTo(420, 9);
		expect((frame.xRange[0] + frame.xRange[1]) / 2).toBeCloseTo(300, 9);
	});
});

describe('districtLabels', () => {
	it('puts each kecamatan at the mean of its villages and skips points without one', () => {
		const labels = districtLabels([
			{ code: 'a', name: 'A', district: 'Abab', lat: -3, lng: 104, visitors: 1 },
			{ code: 'b', name: 'B', district: 'Abab', lat: -3.2, lng: 104.2, visitors: 0 },
			{ code: 'c', name: 'C', lat: -3.1, lng: 103.9, visitors: 5 }
		]);
		expect(labels).toHaveLength(1);
		expect(labels[0].name).toBe('Abab');
		expect(labels[0].lat).toBeCloseTo(-3.1, 9);
		expect(labels[0].lng).toBeCloseTo(104.1, 9);
	});
});
