// Photos keep nothing but their pixels: EXIF (GPS position, camera, owner, time), XMP and the
// like are stripped on the server, whatever sent the photo (the report form without JavaScript,
// the API, the phone's outbox, a guest's help request). The page's own script strips them too,
// but a server that relied on it would keep a volunteer's home address from any other client.
// `exif-be-gone` (pure JavaScript, maintained) does the stripping for JPEG, PNG and WebP.
import { Readable } from 'node:stream';
import ExifTransformer from 'exif-be-gone';

export async function stripMetadata(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
	const parts: Buffer[] = [];
	const stripper = Readable.from([Buffer.from(bytes)]).pipe(new ExifTransformer());
	for await (const part of stripper) parts.push(part as Buffer);
	const joined = Buffer.concat(parts);
	return new Uint8Array(joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength));
}
