import { describe, expect, it } from 'vitest';
import { cleanJpeg, jpegSegments, jpegWithGps } from '$test/jpeg';
import { stripMetadata } from './metadata';

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

	it('leaves a photo without metadata as it is', async () => {
		const clean = cleanJpeg();
		expect(Buffer.from(await stripMetadata(clean)).equals(Buffer.from(clean))).toBe(true);
	});
});
