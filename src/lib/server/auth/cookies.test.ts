import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './cookies';

describe('safeRedirectPath', () => {
	it('follows paths on this site only', () => {
		expect(safeRedirectPath('/organizer/approvals?x=1')).toBe('/organizer/approvals?x=1');
		expect(safeRedirectPath('//evil.example/')).toBeNull();
		expect(safeRedirectPath('/\\evil.example')).toBeNull();
		expect(safeRedirectPath('https://evil.example/')).toBeNull();
		expect(safeRedirectPath('')).toBeNull();
		expect(safeRedirectPath(null)).toBeNull();
	});
});
