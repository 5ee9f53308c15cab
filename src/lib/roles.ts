import type { Role } from '$lib/server/db/generated/sqlite/enums';

export type { Role };

/**
 * Who may enter each area of the app. The route groups (volunteer), (logistics) and (organizer)
 * map to these; hooks.server.ts enforces them on every request, actions and APIs included.
 */
export const AREA_ROLES = {
	volunteer: ['VOLUNTEER', 'LOGISTICS', 'ORGANIZER', 'ADMIN'],
	logistics: ['LOGISTICS', 'ORGANIZER', 'ADMIN'],
	organizer: ['ORGANIZER', 'ADMIN'],
	admin: ['ADMIN']
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof AREA_ROLES;

export function canEnter(role: Role, area: Area): boolean {
	return (AREA_ROLES[area] as readonly Role[]).includes(role);
}

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
	if (role === 'ORGANIZER' || role === 'ADMIN') return '/organizer';
	if (role === 'LOGISTICS') return '/logistics';
	return '/home';
}

export function isOrganizer(role: Role): boolean {
	return role === 'ORGANIZER' || role === 'ADMIN';
}
