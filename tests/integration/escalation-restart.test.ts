// A server killed in the middle of an escalation, and started again, carries on where it stood:
// the ladder is rows with due times, not timers in memory. The job runs in its own process on this
// test file's database; it is killed (SIGKILL) after the second step, nothing moves while it is
// dead, and the new process takes the remaining steps, each exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { raiseSos } from '$lib/server/alerts/sos';
import { db } from '$lib/server/db';
import { sosScene } from '../support/sos-factories';

const children = new Set<ChildProcess>();

afterEach(() => {
	for (const child of children) child.kill('SIGKILL');
	children.clear();
});

async function startJob(): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/escalation-worker.ts'], {
		env: { ...process.env },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.add(child);
	child.on('exit', () => children.delete(child));
	await new Promise<void>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`escalation job exited early (${code})`)));
		child.stdout?.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('escalation worker ready')) resolve();
		});
	});
	return child;
}

const steps = async (alertId: string) =>
	(
		await db.alertEvent.findMany({
			where: { alertId, kind: 'notified' },
			orderBy: [{ at: 'asc' }, { id: 'asc' }]
		})
	).map((event) => (JSON.parse(event.data) as { step: number }).step);

describe('escalation across a restart', () => {
	it('resumes where it stood after the process is killed, each step once', async () => {
		const scene = await sosScene();
		// Short waits so the test runs in seconds (the setting itself allows 10 s and more).
		await db.alertSettings.update({
			where: { operationId: scene.operation.id },
			data: { stepWaitSeconds: 2 }
		});
		const now = new Date();
		const { alert } = await raiseSos(
			{ id: scene.caller.id, role: 'VOLUNTEER' },
			{ id: randomUUID(), phoneTime: now.toISOString(), ...scene.origin },
			now
		);
		expect(await steps(alert.id)).toEqual([1]);

		const first = await startJob();
		await expect.poll(() => steps(alert.id), { timeout: 15_000, interval: 100 }).toEqual([1, 2]);
		first.kill('SIGKILL');
		await new Promise((resolve) => first.once('exit', resolve));
		const stood = await db.alert.findUniqueOrThrow({ where: { id: alert.id } });
		expect(stood.step).toBe(2);
		expect(stood.nextStepAt).not.toBeNull();

		// Dead for longer than a wait: nothing happens without a process...
		await new Promise((resolve) => setTimeout(resolve, 2500));
		expect(await steps(alert.id)).toEqual([1, 2]);
		// ...and the new one takes the overdue step at once, then the last after its wait.
		const second = await startJob();
		await expect.poll(() => steps(alert.id), { timeout: 15_000, interval: 100 }).toEqual([1, 2, 3, 4]);
		second.kill('SIGTERM');
		const final = await db.alert.findUniqueOrThrow({ where: { id: alert.id } });
		expect(final).toMatchObject({ step: 4, nextStepAt: null, status: 'OPEN' });
		expect(await db.alertEvent.count({ where: { alertId: alert.id, kind: 'escalated' } })).toBe(3);
	}, 60_000);
});
