// The phone's position, asked for only while a patrol runs: a watch keeps the latest fix so that a
// check-in does not wait for the GPS; without a fresh fix it waits a few seconds at most, and
// without permission or signal a check-in simply carries no position.
export interface Fix {
	lat: number;
	lng: number;
	accuracy: number;
}

const FRESH_MS = 2 * 60_000;

let watchId: number | undefined;
let latest: (Fix & { at: number }) | undefined;

const toFix = (position: GeolocationPosition): Fix => ({
	lat: position.coords.latitude,
	lng: position.coords.longitude,
	accuracy: Math.round(position.coords.accuracy)
});

export function watchPosition(): void {
	if (watchId !== undefined || !('geolocation' in navigator)) return;
	watchId = navigator.geolocation.watchPosition(
		(position) => (latest = { ...toFix(position), at: Date.now() }),
		() => undefined,
		{ enableHighAccuracy: true, maximumAge: 30_000 }
	);
}

export function stopWatching(): void {
	if (watchId !== undefined) navigator.geolocation.clearWatch(watchId);
	watchId = undefined;
	latest = undefined;
}

/** The current position, or nothing: never blocks a check-in for longer than `timeoutMs`. */
export async function currentFix(timeoutMs = 4000): Promise<Partial<Fix>> {
	if (latest && Date.now() - latest.at < FRESH_MS)
		return { lat: latest.lat, lng: latest.lng, accuracy: latest.accuracy };
	if (!('geolocation' in navigator)) return {};
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve({}), timeoutMs + 500);
		navigator.geolocation.getCurrentPosition(
			(position) => {
				clearTimeout(timer);
				latest = { ...toFix(position), at: Date.now() };
				resolve(toFix(position));
			},
			() => {
				clearTimeout(timer);
				resolve({});
			},
			{ enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 }
		);
	});
}
