// Photos shrink on the phone before they wait in the outbox: a 12-megapixel picture is 4–8 MB,
// too much for a saturated network; at most 1600 px on the long side and about 1 MB is plenty to
// recognise a person or a broken gate.
import { PHOTO_TARGET_BYTES } from '$lib/schemas/patrol';

const QUALITIES = [0.85, 0.75, 0.65, 0.5];

export async function shrinkPhoto(file: Blob, maxBytes = PHOTO_TARGET_BYTES, maxEdge = 1600): Promise<Blob> {
	const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	try {
		let edge = maxEdge;
		let smallest: Blob | undefined;
		for (let round = 0; round < 5; round++) {
			const scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height));
			const canvas = document.createElement('canvas');
			canvas.width = Math.max(1, Math.round(bitmap.width * scale));
			canvas.height = Math.max(1, Math.round(bitmap.height * scale));
			canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
			for (const quality of QUALITIES) {
				const blob = await new Promise<Blob | null>((resolve) =>
					canvas.toBlob(resolve, 'image/jpeg', quality)
				);
				if (!blob) continue;
				if (blob.size <= maxBytes) return blob;
				if (!smallest || blob.size < smallest.size) smallest = blob;
			}
			edge = Math.round(edge * 0.7);
		}
		if (!smallest) throw new Error('This photo cannot be read.');
		return smallest;
	} finally {
		bitmap.close();
	}
}

/** Shrinks the photo chosen in a file input in place, so that the form sends the small one. */
export async function shrinkChosenPhoto(input: HTMLInputElement): Promise<void> {
	const file = input.files?.[0];
	if (!file) return;
	try {
		const small = await shrinkPhoto(file);
		const transfer = new DataTransfer();
		transfer.items.add(new File([small], 'photo.jpg', { type: 'image/jpeg' }));
		input.files = transfer.files;
	} catch {
		// Not an image the browser can read: the server says so when the form is sent.
	}
}
