// Phrase cards hold nothing personal: built once, precached by the service worker, and drawn in
// the browser in the volunteer's language, so that they work with no signal at all.
export const prerender = true;
export const ssr = false;
