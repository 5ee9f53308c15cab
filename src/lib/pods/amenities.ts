// What a rest pod offers; shown as labels, stored as keys.
export const AMENITIES = [
	'RECLINER',
	'DARK',
	'QUIET',
	'CHARGING',
	'WATER',
	'COFFEE',
	'HEATING',
	'AIR_CON'
] as const;
export type Amenity = (typeof AMENITIES)[number];

export const parseAmenities = (text: string): Amenity[] =>
	text.split(',').filter((key): key is Amenity => (AMENITIES as readonly string[]).includes(key));
