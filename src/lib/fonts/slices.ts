// fontsource's Chinese and Korean stylesheets, trimmed to what the app needs them for. Their
// unicode-range slices also carry Latin, Cyrillic and a few ASCII signs ('$', '#', '='), which
// the system's fonts draw better and which must never make a page download a CJK slice; and a
// device that has a CJK font of its own should use it instead of downloading ours (local()).
// Pure text in, text out: the Vite plugin in vite.config.ts applies it at build time.

/** Code points the CJK faces are for: Hangul jamo, CJK and Hangul blocks, compatibility forms. */
const CJK_BLOCKS: [number, number][] = [
	[0x1100, 0x11ff],
	[0x2e80, 0x9fff],
	[0xa960, 0xa97f],
	[0xac00, 0xd7ff],
	[0xf900, 0xfaff],
	[0xfe30, 0xfe4f],
	[0xff00, 0xffef],
	[0x20000, 0x3ffff]
];

const hex = (value: number) => value.toString(16).toUpperCase();

/** A unicode-range list cut down to the CJK blocks ('' when nothing is left). */
export function cjkRange(range: string): string {
	const kept: string[] = [];
	for (const part of range.split(',')) {
		const [from, to = from] = part.trim().replace(/^U\+/i, '').split('-');
		const start = parseInt(from, 16);
		const end = parseInt(to, 16);
		for (const [low, high] of CJK_BLOCKS) {
			const a = Math.max(start, low);
			const b = Math.min(end, high);
			if (a <= b) kept.push(a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`);
		}
	}
	return kept.join(',');
}

/**
 * Keeps the @font-face rules that still cover CJK text, with their ranges trimmed, the local
 * fonts tried before any download, and only the woff2 file (every browser the app supports
 * reads it; the .woff copies would only be dead weight in the build).
 */
export function cjkFaces(css: string, localNames: readonly string[]): string {
	const locals = localNames.map((name) => `local('${name}')`).join(', ');
	return [...css.matchAll(/@font-face\s*\{[^}]*\}/g)]
		.map(([rule]) => {
			const range = rule.match(/unicode-range:\s*([^;}]+)/)?.[1];
			const woff2 = rule.match(/url\([^)]+\.woff2\)\s*format\(['"]woff2['"]\)/)?.[0];
			const kept = range ? cjkRange(range) : '';
			if (!kept || !woff2) return '';
			return rule
				.replace(/src:[^;]+;/, `src: ${locals}, ${woff2};`)
				.replace(/unicode-range:\s*[^;}]+/, `unicode-range: ${kept}`);
		})
		.filter(Boolean)
		.join('\n');
}

/** Names the same fonts go by on phones and computers (full and PostScript names). */
export const LOCAL_CJK = {
	sc: [
		'Noto Sans CJK SC',
		'Noto Sans CJK SC Regular',
		'NotoSansCJKsc-Regular',
		'Noto Sans SC',
		'NotoSansSC-Regular',
		'Source Han Sans SC',
		'SourceHanSansSC-Regular',
		'PingFang SC',
		'PingFangSC-Regular',
		'Microsoft YaHei'
	],
	kr: [
		'Noto Sans CJK KR',
		'Noto Sans CJK KR Regular',
		'NotoSansCJKkr-Regular',
		'Noto Sans KR',
		'NotoSansKR-Regular',
		'Apple SD Gothic Neo',
		'AppleSDGothicNeo-Regular',
		'Malgun Gothic'
	]
} as const;
