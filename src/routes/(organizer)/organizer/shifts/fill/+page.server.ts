import * as v from 'valibot';
import { requireArea } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { operationAction } from '$lib/server/forms';
import { buildFillProposal, confirmFill } from '$lib/server/shifts/fill';
import { operationInAddress, shiftsOperation } from '../forms.server';
import type { Actions, PageServerLoad } from './$types';
import { shiftName } from '$lib/shifts/name';

export const load = (async ({ url }) => {
	const operation = await shiftsOperation(requireArea('organizer'), url);
	const proposal = await buildFillProposal(operation.id);
	const names = new Map(
		(
			await db.user.findMany({
				where: { id: { in: [...new Set(proposal.proposals.map((p) => p.userId))] } },
				select: { id: true, name: true }
			})
		).map((u) => [u.id, u.name])
	);
	// Grouped by shift, in time order, as the organizer reads a roster.
	const byShift = new Map<string, string[]>();
	for (const pair of proposal.proposals)
		byShift.set(pair.shiftId, [...(byShift.get(pair.shiftId) ?? []), pair.userId]);
	const rows = [...proposal.shifts.values()]
		.filter((shift) => byShift.has(shift.id) || proposal.unfilled.some((u) => u.shiftId === shift.id))
		.map((shift) => ({
			id: shift.id,
			startsAt: shift.startsAt,
			endsAt: shift.endsAt,
			place: shiftName(shift),
			people: (byShift.get(shift.id) ?? []).map((id) => names.get(id) ?? id),
			unfilled: proposal.unfilled.find((u) => u.shiftId === shift.id)?.open ?? 0
		}));
	return {
		operation: { id: operation.id, name: operation.name, timezone: operation.timezone },
		rows,
		pairs: proposal.proposals.map((p) => `${p.shiftId}:${p.userId}`).join(','),
		proposed: proposal.proposals.length,
		openSlots: proposal.openSlots,
		volunteers: proposal.volunteers
	};
}) satisfies PageServerLoad;

const confirmSchema = v.object({
	/** The proposal as shown: "shiftId:userId" pairs; confirmFill checks each shift is of this operation. */
	pairs: v.pipe(
		v.optional(v.string(), ''),
		v.transform((raw) =>
			raw
				.split(',')
				.map((pair) => pair.split(':'))
				.filter((parts) => parts.length === 2 && parts[0] && parts[1])
				.map(([shiftId, userId]) => ({ shiftId, userId }))
		)
	)
});

export const actions = {
	confirm: operationAction({
		form: 'fill',
		area: 'organizer',
		schema: confirmSchema,
		operation: operationInAddress,
		run: async ({ user, data, operation }) => {
			const result = await confirmFill(user.id, operation.id, data.pairs);
			return { assigned: result.assigned, skipped: result.skipped.length };
		}
	})
} satisfies Actions;
