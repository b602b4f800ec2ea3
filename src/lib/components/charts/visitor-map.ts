import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

export interface VisitorPoint {
	code: string;
	name: string;
	lat: number;
	lng: number;
	visitors: number;
}

/** Circles sized by visitors (area proportional to the count); villages with none stay small. */
export function drawVisitorMap(
	container: HTMLElement,
	points: VisitorPoint[],
	tiles: { url: string; attribution: string }
): () => void {
	const map = L.map(container, { scrollWheelZoom: false });
	L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }).addTo(map);
	const max = Math.max(1, ...points.map((point) => point.visitors));
	const circles = points.map((point) =>
		L.circleMarker([point.lat, point.lng], {
			radius: 3 + 22 * Math.sqrt(point.visitors / max),
			color: '#1f4a1f',
			weight: 1,
			fillColor: point.visitors > 0 ? '#e8a317' : '#9aa394',
			fillOpacity: 0.75
		})
			.bindTooltip(`${point.name}: ${point.visitors}`)
			.addTo(map)
	);
	if (circles.length > 0) map.fitBounds(L.featureGroup(circles).getBounds(), { padding: [20, 20] });
	else map.setView([-3.2, 104.0], 9);
	return () => map.remove();
}
