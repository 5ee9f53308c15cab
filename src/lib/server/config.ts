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

const positive = (value: string | undefined, fallback: number) => {
	const number = Number(value);
	return Number.isInteger(number) && number > 0 ? number : fallback;
};

/**
 * Help requests guests may send per 10 minutes: from one network address (generous, because a
 * venue's guests on its Wi-Fi share one address behind NAT) and from one card (a printed card is
 * one guest's; one put up at a gate is shared, and one passed around to flood a zone is stopped).
 */
export function guestHelpLimits() {
	return {
		perAddress: positive(process.env.GUEST_HELP_PER_ADDRESS, 30),
		perCard: positive(process.env.GUEST_HELP_PER_CARD, 20)
	};
}

/**
 * The optional SMS gateway for escalations: an HTTP endpoint that takes a JSON POST
 * `{ to, message, reference }` with `Authorization: Bearer <token>` (what most self-hosted gateways
 * accept, or a small adapter in front of one). Off unless SMS_GATEWAY_URL is set.
 */
export function smsGateway(): { url: string; token: string } | null {
	const url = process.env.SMS_GATEWAY_URL?.trim();
	if (!url) return null;
	return { url, token: process.env.SMS_GATEWAY_TOKEN?.trim() ?? '' };
}
