import { describe, expect, it } from 'vitest';
import { validate } from './forms';
import { broadcastSchema, subscriptionSchema } from './notify';

const keys = {
	p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
	auth: 'tBHItJI5svbpez7KI4CCXg'
};

describe('push subscription', () => {
	it('takes what PushSubscription.toJSON() gives', () => {
		const result = validate(subscriptionSchema, {
			endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
			keys,
			expirationTime: null
		});
		expect(result.ok).toBe(true);
	});

	it('refuses missing or malformed keys', () => {
		expect(validate(subscriptionSchema, { endpoint: 'https://fcm.googleapis.com/x' }).ok).toBe(false);
		expect(
			validate(subscriptionSchema, {
				endpoint: 'https://fcm.googleapis.com/x',
				keys: { ...keys, auth: 'not base64url!' }
			}).ok
		).toBe(false);
		expect(validate(subscriptionSchema, { endpoint: 'not a url', keys }).ok).toBe(false);
	});
});

describe('broadcast form', () => {
	const form = {
		operationId: 'op1',
		title: ' Storm warning ',
		body: 'Go to the nearest shelter.',
		title_zh: '暴风雨预警',
		body_zh: '请前往最近的避难点。',
		title_en: '',
		body_en: '',
		urgency: 'HIGH',
		requireAck: 'on',
		zoneIds: ['z1', 'z1', 'z2'],
		shiftIds: [],
		roles: ['VOLUNTEER'],
		locales: [],
		onDutyNow: 'on'
	};

	it('gives the fallback, the texts per language and the audience', () => {
		expect(validate(broadcastSchema, form)).toEqual({
			ok: true,
			data: {
				operationId: 'op1',
				title: 'Storm warning',
				body: 'Go to the nearest shelter.',
				translations: { zh: { title: '暴风雨预警', body: '请前往最近的避难点。' } },
				urgency: 'HIGH',
				requireAck: true,
				audience: {
					zoneIds: ['z1', 'z2'],
					shiftIds: undefined,
					roles: ['VOLUNTEER'],
					locales: undefined,
					onDutyNow: true
				}
			}
		});
	});

	it('wants both a title and a message for a language, and a fallback', () => {
		const half = validate(broadcastSchema, { ...form, body_zh: '' });
		expect(half.ok).toBe(false);
		const empty = validate(broadcastSchema, { ...form, title: '', body: '' });
		expect(empty.ok || Object.keys(empty.errors).sort()).toEqual(['body', 'title']);
		expect(validate(broadcastSchema, { ...form, urgency: 'PANIC' }).ok).toBe(false);
	});
});
