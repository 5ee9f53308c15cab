// Settings read from the environment at run time, with the defaults a fresh install uses.

/** Map tiles; any XYZ tile server (a self-hosted one for events without internet). */
export function mapTiles() {
	return {
		url: process.env.TILE_URL || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
		attribution: process.env.TILE_ATTRIBUTION || '© OpenStreetMap contributors'
	};
}
