// The stock overview (every item at every location) as the ledger grows to 1,000,000 movements.
// The overview reads the balances, which the ledger keeps in step, so it should cost the same at
// 10,000 movements as at a million. Summing the ledger itself, measured alongside, shows what it
// would cost without them. Also: one issue of stock (a write) at each size.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fixed, useScratchDatabase } from './support';

const scratch = await useScratchDatabase();
const { db } = await import('../src/lib/server/db');
const { stockOverview } = await import('../src/lib/server/logistics/overview');
const { moveStock } = await import('../src/lib/server/logistics/ledger');

const ITEMS = 24;
const LOCATIONS = 16;
const CHECKPOINTS = [10_000, 100_000, 1_000_000];
const KINDS = ['RECEIVED', 'TRANSFER', 'ISSUED', 'WASTED'] as const;

const operation = await db.operation.create({
	data: { name: 'Bench', timezone: 'UTC', startsAt: new Date(), endsAt: new Date(Date.now() + 864e5) }
});
const staff = await db.user.create({
	data: {
		email: 'bench@bench.invalid',
		name: 'Bench',
		passwordHash: 'x',
		role: 'LOGISTICS',
		status: 'ACTIVE'
	}
});
const posts = await db.$transaction(
	Array.from({ length: LOCATIONS }, (_, i) =>
		db.post.create({ data: { operationId: operation.id, name: `Post ${i}`, kind: i < 2 ? 'DEPOT' : 'GATE' } })
	)
);
const items = await db.$transaction(
	Array.from({ length: ITEMS }, (_, i) =>
		db.item.create({
			data: { operationId: operation.id, name: `Item ${i}`, unit: i % 5 === 0 ? 'KG' : 'BOTTLE' }
		})
	)
);

// Bulk rows go in through a second connection: a million Prisma creates would take an hour and
// measure Prisma, not the overview. Balances are kept exactly as the ledger sums them.
const sqlite = new Database(join(scratch.dir, 'bench.db'));
sqlite.pragma('journal_mode = WAL');
const insert = sqlite.prepare(
	`INSERT INTO "StockMovement" ("id", "operationId", "itemId", "kind", "quantity", "fromPostId", "toPostId", "lot", "createdAt")
	 VALUES (?, ?, ?, ?, ?, ?, ?, '', ?)`
);
const upsert = sqlite.prepare(
	`INSERT INTO "StockBalance" ("itemId", "postId", "lot", "quantity") VALUES (?, ?, '', ?)
	 ON CONFLICT ("itemId", "postId", "lot") DO UPDATE SET "quantity" = excluded."quantity"`
);
const balance = new Map<string, number>();
const add = (itemId: string, postId: string, delta: number) =>
	balance.set(`${itemId}|${postId}`, (balance.get(`${itemId}|${postId}`) ?? 0) + delta);

let seed = 42;
const random = (n: number) => {
	seed = (seed * 1103515245 + 12345) % 2 ** 31;
	return seed % n;
};
let written = 0;
const start = Date.now() - 5 * 864e5;
function fill(upTo: number) {
	const batch = sqlite.transaction((count: number) => {
		for (let i = 0; i < count; i++, written++) {
			// First every item arrives at every location once, then anything goes.
			const opening = written < ITEMS * LOCATIONS;
			const item = items[opening ? written % ITEMS : random(ITEMS)].id;
			const kind = opening ? 'RECEIVED' : KINDS[random(KINDS.length)];
			const from = kind === 'RECEIVED' ? null : posts[random(LOCATIONS)].id;
			const to = opening
				? posts[Math.floor(written / ITEMS)].id
				: kind === 'RECEIVED' || kind === 'TRANSFER'
					? posts[random(LOCATIONS)].id
					: null;
			// Receipts are large, outgoing movements small, so that balances stay positive.
			const quantity = kind === 'RECEIVED' ? 500 + random(500) : 1 + random(5);
			if (from && (balance.get(`${item}|${from}`) ?? 0) < quantity) {
				i--;
				written--;
				continue;
			}
			insert.run(
				`m${written}`,
				operation.id,
				item,
				kind,
				quantity,
				from,
				to,
				new Date(start + written * 400).toISOString()
			);
			if (from) add(item, from, -quantity);
			if (to) add(item, to, quantity);
		}
	});
	while (written < upTo) batch(Math.min(50_000, upTo - written));
	sqlite.transaction(() => {
		for (const [key, quantity] of balance) upsert.run(...key.split('|'), quantity);
	})();
}

const ledgerOverview = sqlite.prepare(
	`SELECT "itemId", "postId", SUM("delta") AS "quantity" FROM (
		SELECT "itemId", "toPostId" AS "postId", "quantity" AS "delta" FROM "StockMovement" WHERE "operationId" = ? AND "toPostId" IS NOT NULL
		UNION ALL
		SELECT "itemId", "fromPostId", -"quantity" FROM "StockMovement" WHERE "operationId" = ? AND "fromPostId" IS NOT NULL
	) GROUP BY "itemId", "postId"`
);

async function time(runs: number, work: () => unknown) {
	// Warm up the query plans and the JIT before timing, or the first size looks slowest.
	for (let i = 0; i < Math.min(runs, 10); i++) await work();
	const durations: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		await work();
		durations.push(performance.now() - t);
	}
	durations.sort((a, b) => a - b);
	return durations[Math.floor(runs / 2)];
}

const rows: { movements: number; overview: number; ledger: number; issue: number }[] = [];
for (const checkpoint of CHECKPOINTS) {
	const filling = performance.now();
	fill(checkpoint);
	console.log(
		`filled to ${checkpoint.toLocaleString('en')} movements in ${fixed((performance.now() - filling) / 1000)} s`
	);
	// Fold the bulk load into the database file, as SQLite's automatic checkpoint would in time.
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
	sqlite.exec('ANALYZE');
	const overview = await time(30, () => stockOverview(operation.id));
	const ledger = await time(3, () => ledgerOverview.all(operation.id, operation.id));
	const depot = posts[0].id;
	let n = 0;
	const issue = await time(30, () =>
		moveStock(staff, {
			kind: 'ISSUED',
			operationId: operation.id,
			itemId: items[n++ % ITEMS].id,
			fromPostId: depot,
			quantity: 1
		})
	);
	rows.push({ movements: checkpoint, overview, ledger, issue });
	// The issues above changed balances through the app; carry on from what the database holds.
	for (const row of sqlite
		.prepare('SELECT "itemId", "postId", SUM("quantity") AS "quantity" FROM "StockBalance" GROUP BY 1, 2')
		.all() as {
		itemId: string;
		postId: string;
		quantity: number;
	}[]) {
		balance.set(`${row.itemId}|${row.postId}`, row.quantity);
	}
}

const check = await stockOverview(operation.id);
console.log(`\n${ITEMS} items x ${LOCATIONS} locations; median of 30 runs (ledger sum: of 3)`);
console.log('movements     overview (balances)   overview (summing the ledger)   one issue');
for (const row of rows) {
	console.log(
		`${row.movements.toLocaleString('en').padStart(9)}     ${fixed(row.overview, 2).padStart(8)} ms          ${fixed(row.ledger, 1).padStart(9)} ms                  ${fixed(row.issue, 2).padStart(6)} ms`
	);
}
const [first, , last] = rows;
console.log(
	`growth 10k -> 1M: overview x${fixed(last.overview / first.overview, 2)}, ledger sum x${fixed(last.ledger / first.ledger, 1)}, issue x${fixed(last.issue / first.issue, 2)}`
);
console.log(
	`at 1M the balances are ${fixed(last.ledger / last.overview, 0)}x faster than summing the ledger`
);
console.log(`cells in the overview: ${check.rows.length * check.locations.length}`);

sqlite.close();
await db.$disconnect();
scratch.cleanup();
