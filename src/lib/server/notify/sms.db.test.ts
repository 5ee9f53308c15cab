import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { SmsGateway } from '../../../../tests/support/sms-gateway';
import { dialable, queueSms, sendDueSms } from './sms';

let gateway: SmsGateway;

beforeAll(async () => {
	gateway = await new SmsGateway().listen();
});

afterEach(() => {
	delete process.env.SMS_GATEWAY_URL;
	delete process.env.SMS_GATEWAY_TOKEN;
});

afterAll(() => gateway.close());

describe('the SMS gateway channel', () => {
	it('is off by default: nothing is queued or sent', async () => {
		// The gateway is shared by the file's tests, which run in any order.
		const before = gateway.received.length;
		expect(await queueSms(db, [{ to: '+85512345678', body: 'SOS' }])).toBe(0);
		expect(await sendDueSms()).toEqual({ sent: 0, retried: 0, failed: 0 });
		expect(gateway.received).toHaveLength(before);
	});

	it('posts each text as JSON with the token, once, and retries a gateway error', async () => {
		process.env.SMS_GATEWAY_URL = gateway.url;
		process.env.SMS_GATEWAY_TOKEN = 'sekret-token';
		const topic = `alert:test-${Date.now()}`;
		expect(
			await queueSms(db, [
				{ to: '+855 12 345 678', body: 'SOS: Ann needs help at Gate 3 (11.5564, 104.9282)', topic },
				{ to: 'not a number', body: 'dropped', topic },
				{ to: '+85598765432', body: 'x'.repeat(1000), topic }
			])
		).toBe(2);
		gateway.script.push(500);
		const first = await sendDueSms();
		expect(first).toEqual({ sent: 1, retried: 1, failed: 0 });
		// The retry waits its backoff; run as if later.
		const later = await sendDueSms({ now: new Date(Date.now() + 60_000) });
		expect(later).toEqual({ sent: 1, retried: 0, failed: 0 });
		expect(await sendDueSms({ now: new Date(Date.now() + 120_000) })).toEqual({
			sent: 0,
			retried: 0,
			failed: 0
		});

		const accepted = gateway.accepted();
		expect(accepted.map((sms) => sms.to).sort()).toEqual(['+85512345678', '+85598765432']);
		expect(accepted.every((sms) => sms.authorization === 'Bearer sekret-token')).toBe(true);
		expect(accepted.find((sms) => sms.to === '+85512345678')?.message).toBe(
			'SOS: Ann needs help at Gate 3 (11.5564, 104.9282)'
		);
		expect(accepted.find((sms) => sms.to === '+85598765432')?.message.length).toBeLessThanOrEqual(480);
		const rows = await db.smsMessage.findMany({ where: { topic } });
		expect(rows.map((row) => row.status)).toEqual(['SENT', 'SENT']);
		expect(new Set(accepted.map((sms) => sms.reference))).toEqual(new Set(rows.map((row) => row.id)));
	});

	it('gives up on a refusal (4xx) and records why', async () => {
		process.env.SMS_GATEWAY_URL = gateway.url;
		const topic = `alert:refused-${Date.now()}`;
		await queueSms(db, [{ to: '+85511111111', body: 'SOS', topic }]);
		gateway.script.push(401);
		expect(await sendDueSms()).toEqual({ sent: 0, retried: 0, failed: 1 });
		const [row] = await db.smsMessage.findMany({ where: { topic } });
		expect(row).toMatchObject({ status: 'FAILED', lastError: expect.stringMatching(/^401/) });
		expect(dialable('(012) 345-678')).toBe('012345678');
	});
});
