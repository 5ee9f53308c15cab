// Photos keep nothing but their pixels: EXIF (GPS position, camera, owner, time), XMP and the
// like are stripped on the server, whatever sent the photo (the report form without JavaScript,
// the API, the phone's outbox, a guest's help request). The page's own script strips them too,
// but a server that relied on it would keep a volunteer's home address from any other client.
// `exif-be-gone` (pure JavaScript, maintained) does the stripping for JPEG, PNG and WebP.
//
// One tag is put back: a JPEG's orientation. A phone stores an upright photo as pixels on their
// side plus "turn me"; without the tag the photo would show lying down. It says nothing about the
// person.
import { Readable } from 'node:stream';
import ExifTransformer from 'exif-be-gone';

export async function stripMetadata(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
	const orientation = jpegOrientation(bytes);
	const parts: Buffer[] = [];
	const stripper = Readable.from([Buffer.from(bytes)]).pipe(new ExifTransformer());
	for await (const part of stripper) parts.push(part as Buffer);
	const joined = orientation ? withOrientation(Buffer.concat(parts), orientation) : Buffer.concat(parts);
	return Uint8Array.from(joined);
}

const SOI = 0xd8;
const APP0 = 0xe0;
const APP1 = 0xe1;
const SOS = 0xda;
const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

/** The orientation (2–8) in a JPEG's EXIF block, or null when upright (1), absent or unreadable. */
export function jpegOrientation(bytes: Uint8Array): number | null {
	const jpeg = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (jpeg[0] !== 0xff || jpeg[1] !== SOI) return null;
	let at = 2;
	while (at + 4 <= jpeg.length && jpeg[at] === 0xff && jpeg[at + 1] !== SOS) {
		const length = jpeg.readUInt16BE(at + 2);
		const body = jpeg.subarray(at + 4, at + 2 + length);
		if (jpeg[at + 1] === APP1 && body.subarray(0, 6).equals(EXIF_HEADER))
			return orientationIn(body.subarray(6));
		at += 2 + length;
	}
	return null;
}

function orientationIn(tiff: Buffer): number | null {
	if (tiff.length < 8) return null;
	const little = tiff.toString('latin1', 0, 2) === 'II';
	const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
	const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
	const ifd0 = u32(4);
	if (ifd0 + 2 > tiff.length) return null;
	const entries = u16(ifd0);
	for (let i = 0; i < entries; i++) {
		const entry = ifd0 + 2 + i * 12;
		if (entry + 12 > tiff.length) return null;
		if (u16(entry) !== ORIENTATION_TAG || u16(entry + 2) !== SHORT) continue;
		const value = u16(entry + 8);
		return value >= 2 && value <= 8 ? value : null;
	}
	return null;
}

/** The JPEG with an EXIF block holding only the orientation, after SOI (and JFIF's APP0). */
function withOrientation(jpeg: Buffer, orientation: number): Buffer {
	const tiff = Buffer.alloc(8 + 2 + 12 + 4);
	tiff.write('MM', 0, 'latin1');
	tiff.writeUInt16BE(42, 2);
	tiff.writeUInt32BE(8, 4);
	tiff.writeUInt16BE(1, 8);
	tiff.writeUInt16BE(ORIENTATION_TAG, 10);
	tiff.writeUInt16BE(SHORT, 12);
	tiff.writeUInt32BE(1, 14);
	tiff.writeUInt16BE(orientation, 18);
	const body = Buffer.concat([EXIF_HEADER, tiff]);
	const segment = Buffer.concat([Buffer.from([0xff, APP1, 0, 0]), body]);
	segment.writeUInt16BE(body.length + 2, 2);
	const after = jpeg[2] === 0xff && jpeg[3] === APP0 ? 4 + jpeg.readUInt16BE(4) : 2;
	return Buffer.concat([jpeg.subarray(0, after), segment, jpeg.subarray(after)]);
}
