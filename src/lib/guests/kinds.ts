// What a guest can ask for, and the rules pages and server share about help requests.
export const GUEST_HELP_KINDS = [
	'LOST_WAY',
	'LOST_ITEM',
	'FOUND_ITEM',
	'MEDICAL',
	'UNSAFE',
	'OTHER'
] as const;
export type GuestHelpKind = (typeof GUEST_HELP_KINDS)[number];

/** The longest note a guest may write. */
export const GUEST_NOTE_MAX = 500;

/** A request nobody closed closes by itself after this long (the guest can ask again). */
export const GUEST_HELP_OPEN_HOURS = 2;

/** Emergency numbers where the demo operation runs (China): police and ambulance. */
export const EMERGENCY_NUMBERS = { police: '110', ambulance: '120' } as const;

/** What guests are told about a volunteer: the first word of their name, never more. */
export function firstName(name: string): string {
	return name.trim().split(/\s+/)[0] ?? '';
}
