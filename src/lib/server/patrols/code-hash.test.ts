import { describe, expect, it } from 'vitest';
import { codeHash } from '$lib/patrol-view';
import { codeHashOf } from './code-hash';

describe('code hashes', () => {
	it('are the same on the phone (WebCrypto) and on the server, for the code as typed', async () => {
		for (const code of ['NL3K', 'nl 3k', 'ZZ99']) {
			expect(await codeHash('salt-1', code)).toBe(codeHashOf('salt-1', code));
		}
		expect(codeHashOf('salt-1', 'NL3K')).toHaveLength(4);
		expect(codeHashOf('salt-1', 'NL3K')).not.toBe(codeHashOf('salt-2', 'NL3K'));
	});
});
