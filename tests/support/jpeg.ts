// A real JPEG built byte by byte: an 8x8 grey baseline image (one block, DC 0, end of block) with
// an EXIF APP1 segment whose GPS IFD says 31°11'29.4"N 121°18'1.08"E, and an XMP packet with the
// same position. Decoders read it as an image; exiftool reads the GPS block.

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const ascii = (text: string) => [...Buffer.from(text, 'latin1')];
const segment = (marker: number, body: number[]) => [0xff, marker, ...u16(body.length + 2), ...body];

/**
 * The TIFF structure of an EXIF block: IFD0 -> GPSInfo -> latitude and longitude, and in IFD0 the
 * camera's orientation when given (6: the phone was held upright, the pixels lie on their side).
 */
function exifWithGps(orientation?: number): number[] {
	const entry = (tag: number, type: number, count: number, value: number[]) => [
		...u16(tag),
		...u16(type),
		...u32(count),
		...value
	];
	const ASCII = 2;
	const SHORT = 3;
	const LONG = 4;
	const RATIONAL = 5;
	// IFD0's entries in tag order: the orientation (0x0112) before the GPS pointer (0x8825).
	const before = orientation ? [entry(0x0112, SHORT, 1, [...u16(orientation), 0, 0])] : [];
	const gpsOffset = 8 + 2 + (before.length + 1) * 12 + 4; // header, IFD0, next-IFD
	const dataOffset = gpsOffset + 2 + 4 * 12 + 4;
	const rationals = (...pairs: [number, number][]) => pairs.flatMap(([n, d]) => [...u32(n), ...u32(d)]);
	return [
		...ascii('MM'),
		...u16(42),
		...u32(8),
		...u16(before.length + 1),
		...before.flat(),
		...entry(0x8825, LONG, 1, u32(gpsOffset)),
		...u32(0),
		...u16(4),
		...entry(0x0001, ASCII, 2, [...ascii('N'), 0, 0, 0]),
		...entry(0x0002, RATIONAL, 3, u32(dataOffset)),
		...entry(0x0003, ASCII, 2, [...ascii('E'), 0, 0, 0]),
		...entry(0x0004, RATIONAL, 3, u32(dataOffset + 24)),
		...u32(0),
		...rationals([31, 1], [11, 1], [2940, 100]),
		...rationals([121, 1], [18, 1], [108, 100])
	];
}

/** The image itself: SOF0, tables and one scan, shared by the tagged and the clean file. */
export const JPEG_IMAGE = [
	...segment(0xdb, [0x00, ...new Array(64).fill(1)]),
	...segment(0xc0, [8, ...u16(8), ...u16(8), 1, 1, 0x11, 0]),
	...segment(0xc4, [0x00, 1, ...new Array(15).fill(0), 0x00]),
	...segment(0xc4, [0x10, 1, ...new Array(15).fill(0), 0x00]),
	...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
	0x3f,
	0xff,
	0xd9
];

const JFIF = segment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, ...u16(1), ...u16(1), 0, 0]);

export const GPS_TEXT = '121/1';

/** A JPEG with a GPS block in EXIF (and the camera's orientation, when given) and a position in XMP. */
export function jpegWithGps(options: { orientation?: number } = {}): Uint8Array {
	const exif = segment(0xe1, [...ascii('Exif'), 0, 0, ...exifWithGps(options.orientation)]);
	const xmp = segment(0xe1, [
		...ascii('http://ns.adobe.com/xap/1.0/'),
		0,
		...ascii('<x:xmpmeta><exif:GPSLatitude>31,11.49N</exif:GPSLatitude></x:xmpmeta>')
	]);
	return Uint8Array.from([0xff, 0xd8, ...JFIF, ...exif, ...xmp, ...JPEG_IMAGE]);
}

/** The same picture without metadata, as a correct stripper leaves it. */
export function cleanJpeg(): Uint8Array {
	return Uint8Array.from([0xff, 0xd8, ...JFIF, ...JPEG_IMAGE]);
}

/** The JPEG's segments (marker and body) up to the scan, to check what a file carries. */
export function jpegSegments(bytes: Uint8Array): { marker: number; body: Uint8Array }[] {
	const out: { marker: number; body: Uint8Array }[] = [];
	if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG');
	let at = 2;
	while (at < bytes.length) {
		if (bytes[at] !== 0xff) throw new Error(`no marker at ${at}`);
		const marker = bytes[at + 1];
		if (marker === 0xd9) break;
		const length = (bytes[at + 2] << 8) | bytes[at + 3];
		out.push({ marker, body: bytes.subarray(at + 4, at + 2 + length) });
		if (marker === 0xda) break;
		at += 2 + length;
	}
	return out;
}
