import { fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { failWith } from '$lib/server/http';
import { buildFillProposal, confirmFill } from '$lib/server/shifts/fill';
import { requireOperation } from '../forms.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	requireArea('organizer');
	const operation = await requireOperation(url);
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
			place: shift.title ?? shift.route?.name ?? shift.post?.name ?? '',
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

export const actions = {
	confirm: async ({ request, url }) => {
		const actor = requireArea('organizer');
		const operation = await requireOperation(url);
		const raw = String((await request.formData()).get('pairs') ?? '');
		const pairs = raw
			.split(',')
			.map((pair) => pair.split(':'))
			.filter((parts) => parts.length === 2 && parts[0] && parts[1])
			.map(([shiftId, userId]) => ({ shiftId, userId }));
		try {
			const result = await confirmFill(actor.id, operation.id, pairs);
			return { assigned: result.assigned, skipped: result.skipped.length };
		} catch (caught) {
			const failure = failWith(caught);
			return fail(failure.status, failure.data);
		}
	}
} satisfies Actions;
