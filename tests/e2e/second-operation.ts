// A second operation nobody in the demo works on (only the admin sees it), so that the form
// fuzzer can post its ids into the demo operation's forms: another operation's ids must be refused.
// Run with tsx against the fuzzer's own database, before its server starts.
const { db } = await import('../../src/lib/server/db');
const hour = 3_600_000;
const operation = await db.operation.create({
	data: {
		name: 'Other Operation',
		timezone: 'UTC',
		startsAt: new Date(Date.now() - 24 * hour),
		endsAt: new Date(Date.now() + 72 * hour)
	}
});
const zone = await db.zone.create({ data: { operationId: operation.id, name: 'Other Zone' } });
const post = await db.post.create({
	data: { operationId: operation.id, zoneId: zone.id, name: 'Other Depot', kind: 'DEPOT', lat: 1, lng: 1 }
});
const route = await db.route.create({
	data: {
		operationId: operation.id,
		zoneId: zone.id,
		name: 'Other Route',
		checkpoints: {
			create: [{ operationId: operation.id, position: 1, name: 'Other 1', code: 'OT1', lat: 1, lng: 1 }]
		}
	}
});
await db.shift.create({
	data: {
		operationId: operation.id,
		routeId: route.id,
		startsAt: new Date(Date.now() + 2 * hour),
		endsAt: new Date(Date.now() + 6 * hour),
		headcount: 3
	}
});
await db.item
	.create({ data: { operationId: operation.id, name: 'Other Water', unit: 'PIECE' } })
	.catch(() => null);
console.log(
	JSON.stringify({ operationId: operation.id, zoneId: zone.id, postId: post.id, routeId: route.id })
);
await db.$disconnect();

export {};
