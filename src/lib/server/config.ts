// Settings read from the environment at run time, with the defaults a fresh install uses.

/** Map tiles; any XYZ tile server (a self-hosted one for events without internet). */
export function mapTiles() {
	return {
		url: process.env.TILE_URL || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
		attribution: process.env.TILE_ATTRIBUTION || '© OpenStreetMap contributors'
	};
}

const PUSH_HOSTS = [
	'fcm.googleapis.com',
	'*.push.services.mozilla.com',
	'*.notify.windows.com',
	'web.push.apple.com',
	'*.push.apple.com'
];

/**
 * Hosts push subscriptions may point at (`*.` matches any subdomain). An endpoint is a URL a
 * browser hands us; without this list the sender could be aimed at the operator's own network.
 * Comma-separated in PUSH_ALLOWED_HOSTS (tests allow 127.0.0.1).
 */
export function pushAllowedHosts(): string[] {
	const configured = process.env.PUSH_ALLOWED_HOSTS;
	if (!configured) return PUSH_HOSTS;
	return configured
		.split(',')
		.map((host) => host.trim().toLowerCase())
		.filter(Boolean);
}
