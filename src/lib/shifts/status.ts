// Which assignments count for what. One list per question, shared by pages and server, so that
// "on shift" means the same on Home, on Patrol, in the audience of a broadcast and on the board.
// (Prisma's AssignmentStatus is the same union; this module imports nothing from the server.)

export type AssignmentStatus = 'ASSIGNED' | 'WAITLISTED' | 'DROPPED' | 'PRESENT' | 'NO_SHOW' | 'COMPLETED';

/** Placed on the shift and not done with it: the people on shift while it runs. */
export const ON_SHIFT: AssignmentStatus[] = ['ASSIGNED', 'PRESENT'];

/** Holding a place or waiting for one: who a change to the shift concerns. */
export const HOLDING: AssignmentStatus[] = [...ON_SHIFT, 'WAITLISTED'];

/** Worked it or will: what a meal, a thank-you and the hours in the calendar count. */
export const WORKING: AssignmentStatus[] = [...ON_SHIFT, 'COMPLETED'];

/** Every placement, kept or missed: what the patrol screen and the figures look back on. */
export const PLACED: AssignmentStatus[] = [...WORKING, 'NO_SHOW'];

/** A patrol may still be started on these (a no-show who turns up late included). */
export const STARTABLE: AssignmentStatus[] = [...ON_SHIFT, 'NO_SHOW'];

export const isOnShift = (status: AssignmentStatus) => ON_SHIFT.includes(status);
export const isStartable = (status: AssignmentStatus) => STARTABLE.includes(status);
