import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

export interface MapVillage {
	slug: string;
	name: string;
	lat: number;
	lng: number;
	ovop: boolean;
	product: string | null;
	/** The localized path of the village page. */
	href: string;
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Draws the villages as vector circles: they need no marker images, so the map shows every
 * village even when no tile server is reachable (offline, tests).
 */
export function drawVillageMap(
	container: HTMLElement,
	villages: MapVillage[],
	tiles: { url: string; attribution: string },
	focus?: { lat: number; lng: number }
): () => void {
	const map = L.map(container, { scrollWheelZoom: false });
	L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }).addTo(map);

	const markers = villages.map((village) => {
		const marker = L.circleMarker([village.lat, village.lng], {
			radius: village.ovop ? 11 : 6,
			color: village.ovop ? '#7a4f00' : '#1f4a1f',
			weight: village.ovop ? 3 : 1,
			fillColor: village.ovop ? '#e8a317' : '#3f7f3f',
			fillOpacity: village.ovop ? 0.95 : 0.7,
			className: village.ovop ? 'village-marker ovop' : 'village-marker'
		})
			.bindTooltip(village.name)
			.bindPopup(
				`<strong><a href="${escapeHtml(village.href)}">${escapeHtml(village.name)}</a></strong>` +
					(village.product ? `<br>${escapeHtml(village.product)}` : '')
			)
			.addTo(map);
		return marker;
	});

	if (focus) {
		map.setView([focus.lat, focus.lng], 13);
	} else if (markers.length > 0) {
		map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [20, 20] });
	} else {
		map.setView([-3.2, 104.0], 9);
	}
	markers.forEach((marker, i) => {
		// The vector path exists only once the map has a view.
		marker.getElement()?.setAttribute('data-slug', villages[i].slug);
		// OVOP villages stay on top, so that they remain clickable.
		if (villages[i].ovop) marker.bringToFront();
	});
	return () => map.remove();
}
