// "Fill open slots": the proposal is worked out from the database by the pure proposeFill, shown
// to the organizer, and confirmed in one step. Confirming re-checks every pair under the same
// locks and rules as a manual assignment, so a proposal that went stale cannot break a rule.
import { audit } from '../audit';
import { db } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { proposeFill, type FillPerson, type FillShift } from './fill-proposal';
import { lockShift, ON_SHIFT, placeOnShift } from './roster';

const WORKING = ['ASSIGNED', 'PRESENT', 'COMPLETED'] as const;
const DAY = 24 * 60 * 60 * 1000;

export async function buildFillProposal(operationId: string, now = new Date()) {
	const operation = await db.operation.findUnique({ where: { id: operationId } });
	if (!operation) throw new NotFoundError('operation');
	const rows = await db.shift.findMany({
		where: { operationId, startsAt: { gt: now } },
		orderBy: { startsAt: 'asc' },
		select: {
			id: true,
			startsAt: true,
			endsAt: true,
			headcount: true,
			minAge: true,
			route: { select: { name: true, zoneId: true } },
			post: { select: { name: true, zoneId: true } },
			title: true,
			requirements: { select: { kind: true, code: true } },
			assignments: {
				where: { status: { in: [...ON_SHIFT, 'WAITLISTED'] } },
				select: { userId: true, status: true }
			}
		}
	});
	const shifts: FillShift[] = rows.map((row) => ({
		id: row.id,
		startsAt: row.startsAt,
		endsAt: row.endsAt,
		open: row.headcount - row.assignments.filter((a) => a.status !== 'WAITLISTED').length,
		zoneId: row.route?.zoneId ?? row.post?.zoneId ?? null,
		taken: row.assignments.map((a) => a.userId),
		requirements: {
			skills: row.requirements.filter((r) => r.kind === 'SKILL').map((r) => r.code),
			languages: row.requirements.filter((r) => r.kind === 'LANGUAGE').map((r) => r.code),
			minAge: row.minAge
		}
	}));
	const window = {
		gte: new Date(operation.startsAt.getTime() - 2 * DAY),
		lte: new Date(operation.endsAt.getTime() + 2 * DAY)
	};
	const members = await db.user.findMany({
		where: { status: 'ACTIVE', role: 'VOLUNTEER', memberships: { some: { operationId } } },
		select: {
			id: true,
			profile: { select: { birthDate: true } },
			skills: { select: { skill: true, verifiedAt: true } },
			languages: { select: { code: true } },
			zonePreferences: { select: { zoneId: true } },
			availability: {
				where: { endsAt: { gte: window.gte } },
				select: { startsAt: true, endsAt: true }
			},
			assignments: {
				where: { status: { in: [...WORKING] }, shift: { startsAt: window } },
				select: { shift: { select: { startsAt: true, endsAt: true, operationId: true } } }
			}
		}
	});
	const people: FillPerson[] = members.map((member) => ({
		id: member.id,
		birthDate: member.profile?.birthDate ?? null,
		skills: member.skills.map((s) => ({ skill: s.skill, verified: s.verifiedAt !== null })),
		languages: member.languages.map((l) => l.code),
		preferredZones: member.zonePreferences.map((z) => z.zoneId),
		availability: member.availability,
		schedule: member.assignments.map((a) => ({ startsAt: a.shift.startsAt, endsAt: a.shift.endsAt })),
		shiftCount: member.assignments.filter((a) => a.shift.operationId === operationId).length
	}));
	const result = proposeFill(shifts, people, {
		timezone: operation.timezone,
		minRestMinutes: operation.minRestMinutes,
		maxMinutesPerDay: operation.maxMinutesPerDay
	});
	const byId = new Map(rows.map((row) => [row.id, row]));
	const openSlots = shifts.reduce((sum, s) => sum + Math.max(0, s.open), 0);
	return { ...result, openSlots, shifts: byId, volunteers: people.length };
}

export interface Confirmation {
	assigned: number;
	skipped: { shiftId: string; userId: string; code: string }[];
}

/** Applies the pairs the organizer saw. Pairs that no longer fit are skipped and reported. */
export async function confirmFill(
	actorId: string,
	operationId: string,
	pairs: { shiftId: string; userId: string }[],
	now = new Date()
): Promise<Confirmation> {
	if (pairs.length === 0) throw new DomainError('fill_nothing_to_confirm');
	return db.$transaction(
		async (tx) => {
			const result: Confirmation = { assigned: 0, skipped: [] };
			for (const pair of pairs) {
				const shift = await lockShift(tx, pair.shiftId).catch(() => null);
				if (!shift || shift.operationId !== operationId) {
					result.skipped.push({ ...pair, code: 'shift_not_found' });
					continue;
				}
				try {
					await placeOnShift(tx, { shift, userId: pair.userId, actorId, waitlist: false }, now);
					result.assigned++;
				} catch (error) {
					if (!(error instanceof DomainError)) throw error;
					result.skipped.push({ ...pair, code: error.code });
				}
			}
			await audit(tx, {
				actorId,
				action: 'shift.fill_confirmed',
				subjectType: 'Operation',
				subjectId: operationId,
				detail: { assigned: result.assigned, skipped: result.skipped.length }
			});
			return result;
		},
		{ timeout: 120_000 }
	);
}
