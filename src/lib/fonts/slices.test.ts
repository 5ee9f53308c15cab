import { describe, expect, it } from 'vitest';
import { cjkFaces, cjkRange } from './slices';

const face = (range: string) => `/* x */
@font-face {
  font-family: 'Noto Sans SC';
  font-weight: 400;
  src: url(./files/a.woff2) format('woff2'), url(./files/a.woff) format('woff');
  unicode-range: ${range};
}`;

describe('CJK font slices', () => {
	it('keeps only the CJK and Hangul code points of a range', () => {
		expect(cjkRange('U+24,U+3d,U+161,U+e17,U+4e08,U+4e43-4e4f,U+ff11-ff12,U+fffd')).toBe(
			'U+4E08,U+4E43-4E4F,U+FF11-FF12'
		);
		expect(cjkRange('U+0-ff,U+1100-1200,U+ac00')).toBe('U+1100-11FF,U+AC00');
		expect(cjkRange('U+0000-00FF,U+2000-206F')).toBe('');
	});

	it('drops Latin-only faces and rewrites the rest to try local fonts and then the woff2 alone', () => {
		const css = [face('U+0000-00FF,U+0131'), face('U+24,U+4e08')].join('\n');
		const out = cjkFaces(css, ['PingFang SC', 'Microsoft YaHei']);
		expect(out.match(/@font-face/g)).toHaveLength(1);
		expect(out).toContain(
			"src: local('PingFang SC'), local('Microsoft YaHei'), url(./files/a.woff2) format('woff2');"
		);
		expect(out).toContain('unicode-range: U+4E08');
		expect(out).not.toContain('.woff)');
	});
});
