import { describe, expect, it } from 'vitest';
import { checkpointLink, checkpointToken, readCheckpointToken } from './operations/checkpoint-token';
import { readToken, signToken } from './signing';

const KEY = 'test-key-0123456789';

describe('signed tokens', () => {
	it('round-trip their payload', () => {
		expect(readToken('feed', signToken('feed', { u: 'user-1' }, KEY), KEY)).toEqual({ u: 'user-1' });
	});

	it('refuse a token for another purpose, another key, or altered in any way', () => {
		const token = signToken('feed', { u: 'user-1' }, KEY);
		expect(readToken('checkpoint', token, KEY)).toBeNull();
		expect(readToken('feed', token, 'another-key')).toBeNull();
		const [body, signature] = token.split('.');
		const forgedBody = Buffer.from(JSON.stringify({ u: 'admin' })).toString('base64url');
		expect(readToken('feed', `${forgedBody}.${signature}`, KEY)).toBeNull();
		expect(readToken('feed', `${body}.${signature.slice(0, -2)}AA`, KEY)).toBeNull();
		expect(readToken('feed', `${body}`, KEY)).toBeNull();
		expect(readToken('feed', `${token}.extra`, KEY)).toBeNull();
		expect(readToken('feed', 'not a token at all', KEY)).toBeNull();
	});
});

describe('checkpoint tokens', () => {
	it('name the checkpoint and its route, from a bare token or a scanned link', () => {
		const checkpoint = { id: 'cp-1', routeId: 'route-9' };
		expect(readCheckpointToken(checkpointToken(checkpoint))).toEqual({ c: 'cp-1', r: 'route-9' });
		expect(readCheckpointToken(` ${checkpointLink('https://redband.example', checkpoint)}\n`)).toEqual({
			c: 'cp-1',
			r: 'route-9'
		});
		expect(readCheckpointToken('https://redband.example/scan/forged.token')).toBeNull();
	});
});
