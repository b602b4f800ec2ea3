// The visitor map's geometry: where each village sits in the drawing, worked out on the server
// so the map shows without JavaScript and without a tile server.

export interface VisitorPoint {
	code: string;
	name: string;
	/** The kecamatan's name: the map writes it at the middle of its villages. */
	district?: string;
	lat: number;
	lng: number;
	visitors: number;
}

export interface MapFrame {
	/** The drawing's size in SVG units; its CSS aspect ratio is the same. */
	width: number;
	height: number;
	lngDomain: [number, number];
	latDomain: [number, number];
	xRange: [number, number];
	yRange: [number, number];
}

/** Below this span (degrees) a single village or a tight group still gets some country around it. */
const MIN_SPAN = 0.05;

/**
 * An equirectangular frame around the points. A degree of longitude is cos(latitude) of a degree
 * of latitude, so distances keep their proportions; PALI is small enough for this to be exact
 * to the eye. The frame is `width` wide and at most `maxHeight` high, with `margin` kept free
 * for the largest circles.
 */
export function mapFrame(
	points: Pick<VisitorPoint, 'lat' | 'lng'>[],
	width = 600,
	maxHeight = 420,
	margin = 28
): MapFrame {
	const lats = points.map((point) => point.lat);
	const lngs = points.map((point) => point.lng);
	const around = (values: number[], fallback: number): [number, number] => {
		if (values.length === 0) return [fallback - MIN_SPAN / 2, fallback + MIN_SPAN / 2];
		const low = Math.min(...values);
		const high = Math.max(...values);
		const grow = Math.max(0, MIN_SPAN - (high - low)) / 2;
		return [low - grow, high + grow];
	};
	// PALI's centre when there is nothing to draw.
	const latDomain = around(lats, -3.2);
	const lngDomain = around(lngs, 104.0);
	const squeeze = Math.cos((((latDomain[0] + latDomain[1]) / 2) * Math.PI) / 180);
	const lngSpan = (lngDomain[1] - lngDomain[0]) * squeeze;
	const latSpan = latDomain[1] - latDomain[0];
	const unitsPerDegree = Math.min(
		(width - 2 * margin) / lngSpan,
		(maxHeight - 2 * margin) / latSpan
	);
	const drawnWidth = lngSpan * unitsPerDegree;
	const height = latSpan * unitsPerDegree + 2 * margin;
	const left = (width - drawnWidth) / 2;
	return {
		width,
		height,
		lngDomain,
		latDomain,
		xRange: [left, left + drawnWidth],
		// North is up: the larger latitude is nearer the top.
		yRange: [height - margin, margin]
	};
}

/** Each kecamatan's name at the mean position of its villages. */
export function districtLabels(
	points: VisitorPoint[]
): { name: string; lat: number; lng: number }[] {
	const sums = new Map<string, { lat: number; lng: number; count: number }>();
	for (const point of points) {
		if (!point.district) continue;
		const sum = sums.get(point.district) ?? { lat: 0, lng: 0, count: 0 };
		sum.lat += point.lat;
		sum.lng += point.lng;
		sum.count += 1;
		sums.set(point.district, sum);
	}
	return [...sums].map(([name, sum]) => ({
		name,
		lat: sum.lat / sum.count,
		lng: sum.lng / sum.count
	}));
}
