// Phone numbers and emergency contacts are private: a person sees their own, organizers those of
// the people in their scope (their operations' people and the sign-ups not yet in any operation,
// see operations/access.ts peopleOf), and the leader of a shift those of the people on that shift.
import { isOrganizer } from '$lib/roles';
import { db } from '../db';
import { ForbiddenError, NotFoundError } from '../errors';
import { peopleOf } from '../operations/access';
import { ON_SHIFT } from '../shifts/roster';

export interface Viewer {
	id: string;
	role: Parameters<typeof isOrganizer>[0];
}

export async function canSeeContact(viewer: Viewer, subjectId: string): Promise<boolean> {
	if (viewer.id === subjectId) return true;
	if (isOrganizer(viewer.role))
		return (await db.user.count({ where: { AND: [{ id: subjectId }, peopleOf(viewer)] } })) > 0;
	// Only shifts still current: a leader's access ends a day after the shift does.
	const led = await db.shift.count({
		where: {
			leaderId: viewer.id,
			endsAt: { gt: new Date(Date.now() - 24 * 3_600_000) },
			assignments: { some: { userId: subjectId, status: { in: ON_SHIFT } } }
		}
	});
	return led > 0;
}

export async function contactDetails(viewer: Viewer, subjectId: string) {
	if (!(await canSeeContact(viewer, subjectId))) throw new ForbiddenError();
	const user = await db.user.findUnique({
		where: { id: subjectId },
		select: {
			name: true,
			phone: true,
			profile: { select: { emergencyContactName: true, emergencyContactPhone: true } }
		}
	});
	if (!user) throw new NotFoundError('account');
	return {
		name: user.name,
		phone: user.phone,
		emergencyContactName: user.profile?.emergencyContactName ?? null,
		emergencyContactPhone: user.profile?.emergencyContactPhone ?? null
	};
}
