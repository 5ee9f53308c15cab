import { describe, expect, it } from 'vitest';
import { backoffMs, MAX_PAYLOAD_BYTES, pushPayload, retryAfterMs, topicHeader } from './deliver';

describe('push details', () => {
	it('reads Retry-After as seconds or as a date', () => {
		const now = Date.parse('2026-11-30T04:00:00Z');
		expect(retryAfterMs('120', now)).toBe(120_000);
		expect(retryAfterMs('Mon, 30 Nov 2026 04:00:30 GMT', now)).toBe(30_000);
		expect(retryAfterMs('Mon, 30 Nov 2026 03:00:00 GMT', now)).toBe(0);
		expect(retryAfterMs(undefined, now)).toBeNull();
		expect(retryAfterMs('soon', now)).toBeNull();
	});

	it('backs off exponentially, capped at ten minutes', () => {
		expect(backoffMs(1)).toBeLessThanOrEqual(1200);
		expect(backoffMs(4)).toBeGreaterThanOrEqual(6400);
		expect(backoffMs(30)).toBeLessThanOrEqual(12 * 60_000);
	});

	it('makes a topic of 32 URL-safe characters, the same for the same subject', () => {
		// SHA-256 of "shift:abc" (sha256sum), base64url, cut to the 32 characters a Topic may have.
		expect(topicHeader('shift:abc')).toBe('5qwcyXTR07ut9Dewt4ZjBSEYrTN2UBs0');
		expect(topicHeader('shift:abc')).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(topicHeader('shift:abd')).not.toBe(topicHeader('shift:abc'));
		// Long subjects too: the header never grows.
		expect(topicHeader(`shift:${'x'.repeat(500)}`)).toHaveLength(32);
	});

	it('shortens the body, then the title, to fit in a push message', () => {
		const notice = {
			id: 'n1',
			title: 'T'.repeat(5000),
			body: '长'.repeat(5000),
			url: null,
			topic: null,
			requireAck: false
		};
		const json = pushPayload(notice, 'zh');
		expect(Buffer.byteLength(json)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
		expect(Buffer.byteLength(json)).toBeGreaterThan(MAX_PAYLOAD_BYTES - 8);
		const payload = JSON.parse(json);
		expect(payload).toMatchObject({ id: 'n1', url: '/inbox/n1', requireAck: false, locale: 'zh', body: '…' });
		expect(payload.title).toMatch(/^T+…$/);
	});
});
