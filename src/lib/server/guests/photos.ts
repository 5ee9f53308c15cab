// Photos sent with help requests and lost-and-found items: checked by their bytes, bounded in size,
// stripped of their metadata.
import { PHOTO_MAX_BYTES } from '$lib/schemas/patrol';
import { DomainError } from '../errors';
import { stripMetadata } from '../reports/metadata';
import { photoType } from '../reports/reports';

export interface StoredPhoto {
	contentType: string;
	bytes: Uint8Array<ArrayBuffer>;
}

/** The photo in a form's file field, or null when none was chosen. */
export async function photoFrom(value: unknown): Promise<StoredPhoto | null> {
	if (!(value instanceof File) || value.size === 0) return null;
	if (value.size > PHOTO_MAX_BYTES) throw new DomainError('photo_large', { field: 'photo', status: 422 });
	const bytes = new Uint8Array(await value.arrayBuffer());
	const contentType = photoType(bytes);
	if (!contentType) throw new DomainError('photo_type', { field: 'photo', status: 422 });
	// A guest's photo keeps no GPS position or other metadata either.
	return { contentType, bytes: await stripMetadata(bytes) };
}
