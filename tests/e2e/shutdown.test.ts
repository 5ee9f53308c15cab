// SIGTERM during a burst of check-ins: the server stops accepting, answers what it accepted,
// stops its jobs, closes the database and exits 0 within 10 s; every check-in it answered is
// stored. On SQLite and on PostgreSQL (when one is reachable), each on a server of its own.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { postgresAvailable, signInCookie, startBuiltServer, type Provider } from './built-server';

test.describe.configure({ mode: 'serial' });

const CODES = ['NL1', 'NL2', 'NL3', 'NL4', 'NL5', 'NL6'];

for (const [index, provider] of (['sqlite', 'postgresql'] as Provider[]).entries()) {
	test(`SIGTERM during a burst of check-ins on ${provider}`, async () => {
		test.setTimeout(180_000);
		if (provider === 'postgresql') test.skip(!(await postgresAvailable()), 'no PostgreSQL on this machine');
		const port = Number(new URL(process.env.E2E_BASE_URL ?? 'http://localhost:4300').port) + 500 + index;
		const server = await startBuiltServer(provider, port);
		try {
			const cookie = await signInCookie(server, 'volunteer@redband.demo');
			const [{ id: assignmentId }] = await server.query<{ id: string }>(
				`SELECT a."id" FROM "Assignment" a JOIN "Shift" s ON s."id" = a."shiftId"
				 JOIN "User" u ON u."id" = a."userId" JOIN "Route" r ON r."id" = s."routeId"
				 WHERE u."email" = $1 AND r."name" = 'North Loop' ORDER BY s."startsAt" LIMIT 1`,
				['volunteer@redband.demo']
			);
			const post = (path: string, body: unknown) =>
				fetch(`${server.url}${path}`, {
					method: 'POST',
					headers: { cookie, 'content-type': 'application/json', origin: server.url },
					body: JSON.stringify(body)
				});
			const started = await post('/api/patrol/start', { id: randomUUID(), assignmentId });
			expect(started.status).toBe(201);

			const answered: string[] = [];
			const failed: number[] = [];
			let sent = 0;
			let stopSending = false;
			const lane = async () => {
				while (!stopSending && sent < 2000) {
					const id = randomUUID();
					sent++;
					try {
						const response = await post('/api/patrol/check-ins', {
							id,
							assignmentId,
							method: 'CODE',
							code: CODES[sent % CODES.length]
						});
						if (response.status === 201 || response.status === 200) answered.push(id);
						else failed.push(response.status);
					} catch {
						// Refused: the server stopped accepting. Nothing more to send.
						return;
					}
				}
			};
			const lanes = Array.from({ length: 12 }, lane);
			await new Promise((resolve) => setTimeout(resolve, 1500));
			const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
				server.process.once('exit', (code) => resolve({ code, at: Date.now() }))
			);
			const signalled = Date.now();
			server.process.kill('SIGTERM');
			const { code, at } = await exited;
			stopSending = true;
			await Promise.all(lanes);

			expect(code, server.output()).toBe(0);
			expect(at - signalled).toBeLessThan(10_000);
			expect(answered.length).toBeGreaterThan(10);
			expect(failed.filter((status) => status >= 500)).toEqual([]);
			const stored = await server.query<{ id: string }>(
				`SELECT "id" FROM "CheckIn" WHERE "patrolId" IN (SELECT "id" FROM "Patrol" WHERE "assignmentId" = $1)`,
				[assignmentId]
			);
			const storedIds = new Set(stored.map((row) => row.id));
			expect(answered.filter((id) => !storedIds.has(id))).toEqual([]);
			// Leases given back: nothing is left claimed by the stopped worker.
			const claimed = await server.query(`SELECT "id" FROM "PushDelivery" WHERE "status" = 'SENDING'`);
			expect(claimed).toEqual([]);
		} finally {
			await server.stop();
		}
	});
}
