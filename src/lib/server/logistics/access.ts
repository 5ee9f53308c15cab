// Who may do what with supplies. Routes check the area; these check the person in the domain,
// so that a call from anywhere (an API, a job, a test) is held to the same rules.
import type { Role } from '../db';
import { ForbiddenError } from '../errors';

export interface Actor {
	id: string;
	role: Role;
}

/** Logistics staff and organizers run the depots: they move stock and handle requests. */
export const isStockStaff = (role: Role) => role === 'LOGISTICS' || role === 'ORGANIZER' || role === 'ADMIN';

export function requireStockStaff(actor: Actor): void {
	if (!isStockStaff(actor.role)) throw new ForbiddenError('stock_forbidden');
}
