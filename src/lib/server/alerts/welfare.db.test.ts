// Welfare checks: a quiet patrol is asked "Are you OK?"; answered, nothing more happens; not
// answered within the grace period, it escalates like an SOS starting with the shift leader.
import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeUser } from '../../../../tests/support/factories';
import { makePatrolScenario, startScenarioPatrol } from '../../../../tests/support/patrol-factories';
import { advanceEscalations } from './escalation';
import { answerImOk, checkWelfare, welfareKey } from './welfare';

const MINUTE = 60_000;

async function quietPatrol() {
	const leader = await makeUser({ name: 'Lin Leader' });
	const scenario = await makePatrolScenario({ startedMinutesAgo: 60, leaderId: leader.id });
	const zoneLead = await makeUser({ name: 'Zed Zone' });
	await db.zone.update({ where: { id: scenario.route.zoneId }, data: { leadId: zoneLead.id } });
	const patrol = await startScenarioPatrol(scenario, 40);
	return { ...scenario, leader, zoneLead, patrol };
}

const steps = async (alertId: string) =>
	(
		await db.alertEvent.findMany({
			where: { alertId, kind: 'notified' },
			orderBy: [{ at: 'asc' }, { id: 'asc' }]
		})
	).map((e) => JSON.parse(e.data) as { step: number; stage: string; userIds: string[] });

describe('welfare checks', () => {
	it('asks a patrol quiet for 30 minutes, and "I\'m OK" ends it there', async () => {
		const scene = await quietPatrol();
		const now = new Date();
		const run = await checkWelfare(now);
		expect(run.asked).toBeGreaterThanOrEqual(1);
		const alert = await db.alert.findUniqueOrThrow({ where: { openKey: welfareKey(scene.patrol.id) } });
		expect(alert).toMatchObject({ kind: 'WELFARE', priority: 'HIGH', step: 0 });
		expect(alert.nextStepAt?.getTime()).toBe(now.getTime() + 5 * MINUTE);
		// The person is asked, with a high-urgency push and a one-tap page.
		const question = await db.notice.findFirstOrThrow({
			where: { userId: scene.volunteer.id, kind: 'welfare.ask' }
		});
		expect(question).toMatchObject({ title: 'Are you OK?', urgency: 'HIGH', url: `/welfare/${alert.id}` });
		// Asked once, however often the job runs.
		await checkWelfare(new Date(now.getTime() + MINUTE));
		expect(await db.alert.count({ where: { foldKey: welfareKey(scene.patrol.id) } })).toBe(1);

		const answered = await answerImOk(
			{ id: scene.volunteer.id, role: 'VOLUNTEER' },
			alert.id,
			new Date(now.getTime() + 2 * MINUTE)
		);
		expect(answered.alert).toMatchObject({ status: 'RESOLVED', nextStepAt: null });
		// Other tests' alerts in this file's database may climb; this answered one must not.
		await advanceEscalations(new Date(now.getTime() + 10 * MINUTE));
		expect(await steps(alert.id)).toEqual([]);
		// Someone else cannot answer for them.
		await expect(answerImOk({ id: scene.leader.id, role: 'VOLUNTEER' }, alert.id)).rejects.toMatchObject({
			status: 404
		});
		// Just answered: not asked again right away.
		await checkWelfare(new Date(now.getTime() + 3 * MINUTE));
		expect(await db.alert.count({ where: { foldKey: welfareKey(scene.patrol.id) } })).toBe(1);
	});

	it('unanswered within the grace period, escalates from the shift leader up', async () => {
		const scene = await quietPatrol();
		const now = new Date();
		await checkWelfare(now);
		const alert = await db.alert.findUniqueOrThrow({ where: { openKey: welfareKey(scene.patrol.id) } });
		await advanceEscalations(new Date(now.getTime() + 4 * MINUTE));
		expect(await steps(alert.id)).toEqual([]);
		await advanceEscalations(new Date(now.getTime() + 5 * MINUTE + 1000));
		expect(await steps(alert.id)).toEqual([
			{ step: 1, stage: 'leader', userIds: [scene.leader.id], phone: null }
		]);
		await advanceEscalations(new Date(now.getTime() + 6 * MINUTE + 2000));
		expect((await steps(alert.id)).map((s) => s.stage)).toEqual(['leader', 'zone_lead']);
		expect((await steps(alert.id))[1].userIds).toEqual([scene.zoneLead.id]);
	});

	it('does not ask a patrol that checked in lately', async () => {
		const scenario = await makePatrolScenario({ startedMinutesAgo: 20 });
		const patrol = await startScenarioPatrol(scenario, 10);
		await checkWelfare(new Date());
		expect(await db.alert.count({ where: { foldKey: welfareKey(patrol.id) } })).toBe(0);
	});
});
