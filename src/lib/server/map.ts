import { config } from './config';

/** What the browser needs to draw tiles: the configured server and its attribution. */
export function readTileSettings() {
	return { url: config.tileUrl, attribution: config.tileAttribution };
}
