// "Fill open slots": the proposal is worked out from the database by the pure proposeFill, shown
// to the organizer, and confirmed in one step. Confirming re-checks every pair under the same
// locks and rules as a manual assignment, so a proposal that went stale cannot break a rule.
import { audit } from '../audit';
import { db, type Tx } from '../db';
import { DomainError, NotFoundError } from '../errors';
import type { EventPayloads } from '../events';
import { proposeFill, type FillPerson, type FillShift } from './fill-proposal';
import { requirementsOf } from './roster';
import { qualificationProblem, scheduleProblem } from './rules';
import { HOLDING, ON_SHIFT, WORKING } from '$lib/shifts/status';

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
				where: { status: { in: [...HOLDING] } },
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

/** Pairs per transaction: one chunk holds SQLite's writer for some ten milliseconds on a quiet machine. */
const CHUNK = 100;

/**
 * Applies the pairs the organizer saw. Pairs that no longer fit are skipped and reported.
 *
 * The pairs are applied in chunks of CHUNK, each in its own transaction, under the same locks and
 * the same rules as a manual assignment (rules.ts: qualification, overlap, rest, hours per day,
 * capacity), checked against the database inside the chunk's transaction. Between chunks other
 * requests run: an 8,500-place fill in one transaction made every other write wait a minute.
 * What a partial apply leaves: if the apply stops part-way (the process dies, the database fails),
 * the chunks already committed stay applied, each placement with its "shift.assigned" event and
 * audit entry, and the rest are not made; the audit entry "shift.fill_confirmed" is written last,
 * so it is missing. Running "fill open slots" again proposes only the places still open.
 */
export async function confirmFill(
	actorId: string,
	operationId: string,
	pairs: { shiftId: string; userId: string }[],
	now = new Date()
): Promise<Confirmation> {
	if (pairs.length === 0) throw new DomainError('fill_nothing_to_confirm');
	const result: Confirmation = { assigned: 0, skipped: [] };
	for (let start = 0; start < pairs.length; start += CHUNK) {
		if (start > 0) await new Promise((resolve) => setImmediate(resolve));
		const chunk = await db.$transaction((tx) =>
			placeChunk(tx, actorId, operationId, pairs.slice(start, start + CHUNK), now)
		);
		result.assigned += chunk.assigned;
		result.skipped.push(...chunk.skipped);
	}
	await audit(db, {
		actorId,
		action: 'shift.fill_confirmed',
		subjectType: 'Operation',
		subjectId: operationId,
		detail: { assigned: result.assigned, skipped: result.skipped.length }
	});
	return result;
}

/**
 * One chunk: what placeOnShift does pair by pair (roster.ts), with each kind of read and write done
 * once for the whole chunk. Locks in the same order as everywhere else: shifts, then people.
 */
async function placeChunk(
	tx: Tx,
	actorId: string,
	operationId: string,
	pairs: { shiftId: string; userId: string }[],
	now: Date
): Promise<Confirmation> {
	const result: Confirmation = { assigned: 0, skipped: [] };
	const skip = (pair: { shiftId: string; userId: string }, code: string) =>
		result.skipped.push({ ...pair, code });

	const shiftIds = [...new Set(pairs.map((p) => p.shiftId))].sort();
	for (const id of shiftIds) {
		await tx.shift.updateMany({ where: { id }, data: { rosterVersion: { increment: 1 } } });
	}
	const shifts = new Map(
		(
			await tx.shift.findMany({
				where: { id: { in: shiftIds } },
				include: {
					operation: { select: { id: true, timezone: true, minRestMinutes: true, maxMinutesPerDay: true } },
					requirements: true
				}
			})
		).map((shift) => [shift.id, shift])
	);
	const userIds = [...new Set(pairs.map((p) => p.userId))].sort();
	const profiles = new Set(
		(
			await tx.volunteerProfile.findMany({ where: { userId: { in: userIds } }, select: { userId: true } })
		).map((p) => p.userId)
	);
	const people = new Map(
		(
			await tx.user.findMany({
				where: { id: { in: userIds } },
				select: {
					id: true,
					status: true,
					profile: { select: { birthDate: true } },
					skills: { select: { skill: true, verifiedAt: true } },
					languages: { select: { code: true } }
				}
			})
		).map((person) => [person.id, person])
	);
	const known = userIds.filter((id) => people.has(id));
	await tx.volunteerProfile.updateMany({
		where: { userId: { in: known.filter((id) => profiles.has(id)) } },
		data: { rosterVersion: { increment: 1 } }
	});
	const withoutProfile = known.filter((id) => !profiles.has(id));
	if (withoutProfile.length)
		await tx.volunteerProfile.createMany({ data: withoutProfile.map((userId) => ({ userId })) });

	const existing = new Map(
		(
			await tx.assignment.findMany({
				where: { shiftId: { in: shiftIds }, userId: { in: known } },
				select: { id: true, shiftId: true, userId: true, status: true }
			})
		).map((a) => [`${a.shiftId}:${a.userId}`, a])
	);
	const taken = new Map(shiftIds.map((id) => [id, 0]));
	for (const row of await tx.assignment.groupBy({
		by: ['shiftId'],
		where: { shiftId: { in: shiftIds }, status: { in: ON_SHIFT } },
		_count: true
	})) {
		taken.set(row.shiftId, row._count);
	}
	// Everyone's working shifts around this chunk's shifts, for overlap, rest and hours per day.
	// A chunk naming no shift that exists (a forged or stale form) has no window: every pair is skipped.
	const times = [...shifts.values()];
	const from = new Date(times.length ? Math.min(...times.map((s) => s.startsAt.getTime())) - 2 * DAY : 0);
	const until = new Date(times.length ? Math.max(...times.map((s) => s.endsAt.getTime())) + 2 * DAY : 0);
	const schedules = new Map<string, { shiftId: string; startsAt: Date; endsAt: Date }[]>();
	for (const row of await tx.assignment.findMany({
		where: {
			userId: { in: known },
			status: { in: [...WORKING] },
			shift: { startsAt: { lt: until }, endsAt: { gt: from } }
		},
		select: { userId: true, shiftId: true, shift: { select: { startsAt: true, endsAt: true } } }
	})) {
		schedules.set(row.userId, [...(schedules.get(row.userId) ?? []), { shiftId: row.shiftId, ...row.shift }]);
	}
	const members = new Set(
		(
			await tx.operationMember.findMany({
				where: { operationId, userId: { in: known } },
				select: { userId: true }
			})
		).map((m) => m.userId)
	);

	const created: { shiftId: string; userId: string }[] = [];
	const promoted: string[] = [];
	for (const pair of pairs) {
		const shift = shifts.get(pair.shiftId);
		if (!shift || shift.operationId !== operationId) {
			skip(pair, 'shift_not_found');
			continue;
		}
		if (shift.endsAt <= now) {
			skip(pair, 'shift_over');
			continue;
		}
		const person = people.get(pair.userId);
		if (!person) {
			skip(pair, 'account_not_found');
			continue;
		}
		const key = `${pair.shiftId}:${pair.userId}`;
		const before = existing.get(key);
		if (before && (ON_SHIFT as string[]).includes(before.status)) {
			skip(pair, 'already_on_shift');
			continue;
		}
		if (person.status !== 'ACTIVE') {
			skip(pair, 'account_not_active');
			continue;
		}
		const qualification = qualificationProblem(
			{
				skills: person.skills.map((s) => ({ skill: s.skill, verified: s.verifiedAt !== null })),
				languages: person.languages.map((l) => l.code),
				birthDate: person.profile?.birthDate ?? null
			},
			requirementsOf(shift),
			shift.startsAt
		);
		if (qualification) {
			skip(pair, qualification.code);
			continue;
		}
		const others = (schedules.get(pair.userId) ?? []).filter(
			(other) => other.shiftId !== shift.id && other.startsAt < until && other.endsAt > from
		);
		const schedule = scheduleProblem(shift, others, {
			timezone: shift.operation.timezone,
			minRestMinutes: shift.operation.minRestMinutes,
			maxMinutesPerDay: shift.operation.maxMinutesPerDay
		});
		if (schedule) {
			skip(pair, schedule.code);
			continue;
		}
		if (taken.get(shift.id)! >= shift.headcount) {
			skip(pair, 'shift_full');
			continue;
		}
		taken.set(shift.id, taken.get(shift.id)! + 1);
		schedules.set(pair.userId, [
			...others,
			{ shiftId: shift.id, startsAt: shift.startsAt, endsAt: shift.endsAt }
		]);
		existing.set(key, { id: before?.id ?? '', shiftId: shift.id, userId: pair.userId, status: 'ASSIGNED' });
		if (before) promoted.push(before.id);
		else created.push(pair);
		result.assigned++;
	}

	const placed = [...created, ...promoted.map((id) => [...existing.values()].find((a) => a.id === id)!)];
	if (created.length) {
		await tx.assignment.createMany({
			data: created.map((p) => ({ ...p, status: 'ASSIGNED' as const, assignedById: actorId }))
		});
	}
	if (promoted.length) {
		await tx.assignment.updateMany({
			where: { id: { in: promoted } },
			data: { status: 'ASSIGNED', assignedById: actorId }
		});
	}
	const joining = [...new Set(placed.map((p) => p.userId))].filter((id) => !members.has(id));
	if (joining.length) {
		await tx.operationMember.createMany({ data: joining.map((userId) => ({ operationId, userId })) });
	}
	if (placed.length) {
		await tx.outboxEvent.createMany({
			data: placed.map((p) => ({
				topic: 'shift.assigned',
				payload: JSON.stringify({
					shiftId: p.shiftId,
					userId: p.userId,
					actorId
				} satisfies EventPayloads['shift.assigned'])
			}))
		});
		await tx.auditEntry.createMany({
			data: placed.map((p) => ({
				operationId,
				actorId,
				action: 'shift.assigned',
				subjectType: 'Shift',
				subjectId: p.shiftId,
				detail: JSON.stringify({ userId: p.userId })
			}))
		});
	}
	return result;
}
