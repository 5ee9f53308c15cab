import { describe, expect, it } from 'vitest';
import { cleanJpeg, jpegSegments, jpegWithGps } from '$test/jpeg';
import { jpegOrientation, stripMetadata } from './metadata';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('stripping photo metadata', () => {
	it('removes the EXIF GPS block and the XMP packet of a JPEG and keeps the picture', async () => {
		const tagged = jpegWithGps();
		// The fixture really carries a GPS IFD (tag 0x8825) and a position.
		const app1 = jpegSegments(tagged).filter((s) => s.marker === 0xe1);
		expect(app1.map((s) => text(s.body).slice(0, 4))).toEqual(['Exif', 'http']);
		expect(text(tagged)).toContain('\x88\x25');

		const stripped = await stripMetadata(tagged);
		expect(jpegSegments(stripped).map((s) => s.marker)).toEqual([0xe0, 0xdb, 0xc0, 0xc4, 0xc4, 0xda]);
		expect(text(stripped)).not.toContain('Exif');
		expect(text(stripped)).not.toContain('GPSLatitude');
		expect(text(stripped)).not.toContain('\x88\x25');
		expect(Buffer.from(stripped).equals(Buffer.from(cleanJpeg()))).toBe(true);
	});

	it('keeps only the orientation of a photo taken with the phone upright', async () => {
		for (const orientation of [6, 3, 8]) {
			const tagged = jpegWithGps({ orientation });
			expect(jpegOrientation(tagged)).toBe(orientation);
			const stripped = await stripMetadata(tagged);
			expect(jpegOrientation(stripped)).toBe(orientation);
			expect(text(stripped)).not.toContain('\x88\x25');
			expect(text(stripped)).not.toContain('GPSLatitude');
			// JFIF first, then the one-tag EXIF block, then the picture as it was.
			const segments = jpegSegments(stripped);
			expect(segments.map((s) => s.marker)).toEqual([0xe0, 0xe1, 0xdb, 0xc0, 0xc4, 0xc4, 0xda]);
			expect(segments[1].body.length).toBe(6 + 8 + 2 + 12 + 4);
			const app0End = 4 + segments[0].body.length + 2;
			const app1End = app0End + 4 + segments[1].body.length;
			const withoutTag = Buffer.concat([
				Buffer.from(stripped).subarray(0, app0End),
				Buffer.from(stripped).subarray(app1End)
			]);
			expect(withoutTag.equals(Buffer.from(cleanJpeg()))).toBe(true);
		}
		// Upright pixels (orientation 1) need no tag.
		expect(
			Buffer.from(await stripMetadata(jpegWithGps({ orientation: 1 }))).equals(Buffer.from(cleanJpeg()))
		).toBe(true);
	});

	it('leaves a photo without metadata as it is', async () => {
		const clean = cleanJpeg();
		expect(Buffer.from(await stripMetadata(clean)).equals(Buffer.from(clean))).toBe(true);
	});
});
