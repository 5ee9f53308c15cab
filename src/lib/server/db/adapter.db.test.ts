import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '.';

describe(`the database adapter on ${process.env.TEST_DB_PROVIDER}`, () => {
	const query = pg.Client.prototype.query;
	afterEach(() => {
		pg.Client.prototype.query = query;
	});

	it('sends the queries of a transaction one at a time, relations included', async () => {
		// pg queues a query sent while another runs on the same connection (and warns; pg 9 refuses).
		let overlapping = 0;
		pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
			const queued = (this as unknown as { _queryQueue?: unknown[] })._queryQueue;
			if (queued?.length) overlapping++;
			return (query as (...args: unknown[]) => unknown).apply(this, args);
		} as typeof query;
		const operation = await db.operation.create({
			data: {
				name: 'Adapter',
				timezone: 'UTC',
				startsAt: new Date(),
				endsAt: new Date(Date.now() + 86_400_000)
			}
		});
		const shift = await db.shift.create({
			data: {
				operationId: operation.id,
				startsAt: new Date(),
				endsAt: new Date(Date.now() + 3_600_000),
				headcount: 1
			}
		});
		const read = await db.$transaction((tx) =>
			tx.shift.findUnique({
				where: { id: shift.id },
				select: {
					route: { select: { name: true } },
					post: { select: { name: true } },
					operation: { select: { timezone: true } }
				}
			})
		);
		expect(read).toEqual({ route: null, post: null, operation: { timezone: 'UTC' } });
		expect(overlapping).toBe(0);
	});

	it('answers the same statement again with other arguments (prepared statements are reused)', async () => {
		const names = ['One', 'Two', 'Three'];
		for (const name of names) {
			await db.operation.create({
				data: { name, timezone: 'UTC', startsAt: new Date(), endsAt: new Date(Date.now() + 1000) }
			});
		}
		for (const name of names) {
			expect((await db.operation.findFirst({ where: { name }, select: { name: true } }))?.name).toBe(name);
		}
	});
});

// SQLite's own locking: registered on SQLite only (on PostgreSQL there is nothing to test, and a
// skipped test would count as one that did not run).
if (process.env.TEST_DB_PROVIDER !== 'postgresql')
	describe('SQLite transactions and other connections', () => {
		it('take the write lock at the start: a write from another connection waits, the transaction is not lost', async () => {
			const Database = (await import('better-sqlite3')).default;
			const { dbTarget } = await import('.');
			if (dbTarget.provider !== 'sqlite') return;
			// Another process on the same file (the admin CLI, a second app process), not waiting at all.
			const other = new Database(dbTarget.file, { timeout: 0 });
			try {
				const operation = await db.operation.create({
					data: {
						name: 'Other',
						timezone: 'UTC',
						startsAt: new Date(),
						endsAt: new Date(Date.now() + 86_400_000)
					}
				});
				let otherWrite: string | null = null;
				// A check, then a write (the patrol watch's "not raised yet? raise it"): another connection
				// committing in between made the write fail with "Operation has timed out" (SQLITE_BUSY_SNAPSHOT).
				await db.$transaction(async (tx) => {
					await tx.alert.count({ where: { operationId: operation.id } });
					try {
						other.prepare('UPDATE "Operation" SET "name" = ? WHERE "id" = ?').run('Changed', operation.id);
						otherWrite = 'done';
					} catch (error) {
						otherWrite = (error as { code?: string }).code ?? 'failed';
					}
					await tx.operation.update({ where: { id: operation.id }, data: { name: 'Mine' } });
				});
				expect(otherWrite).toBe('SQLITE_BUSY');
				expect(await db.operation.findUniqueOrThrow({ where: { id: operation.id } })).toMatchObject({
					name: 'Mine'
				});
			} finally {
				other.close();
			}
		});
	});

describe('queries that read nothing', () => {
	it('are recognised only when their one condition is a list of nulls', async () => {
		const { readsNothing } = await import('./adapter');
		const q = 'SELECT `main`.`Post`.`id` FROM `main`.`Post` WHERE `main`.`Post`.`id` IN';
		expect(readsNothing(`${q} (NULL) LIMIT ? OFFSET ?`, [-1, 0])).toBe(true);
		expect(readsNothing(`${q} (?) LIMIT ? OFFSET ?`, [null, -1, 0])).toBe(true);
		expect(readsNothing(`${q} (?,?) LIMIT ? OFFSET ?`, [null, 'p1', -1, 0])).toBe(false);
		expect(readsNothing(`${q} (?) LIMIT ? OFFSET ?`, ['p1', -1, 0])).toBe(false);
		expect(
			readsNothing(
				'SELECT `main`.`Post`.`id` FROM `main`.`Post` WHERE (`main`.`Post`.`id` IN (NULL) OR `main`.`Post`.`name` = ?)',
				['x']
			)
		).toBe(false);
	});
});
