// Patrol figures, against the production build on SQLite:
// - check-in POST throughput and p99 under concurrent load, next to a bare SvelteKit endpoint
//   measured in the same run (goal: ratio at least 0.5);
// - the live coverage board with 2,000 running patrols (its computation and the page);
// - the JavaScript a volunteer's home page loads, gzip (goal: at most 60 KB), and what the
//   service worker precaches besides.
// Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { fixed, useScratchDatabase } from './support';

if (!existsSync('build/index.js')) {
	console.error('No production build: run `npm run build` first.');
	process.exit(1);
}

const scratch = await useScratchDatabase();
const { db } = await import('../src/lib/server/db');
const { sessionIdFromToken, generateSessionToken } = await import('../src/lib/server/auth/session');
const { hashPassword } = await import('../src/lib/server/auth/password');
const { coverageBoard, viewBoard } = await import('../src/lib/server/patrols/coverage');
const { secrets } = await import('../src/lib/server/secrets');
secrets();

const PATROLS = 2_000;
const ROUTES = 20;
const CHECKPOINTS = 6;
const MINUTE = 60_000;
const now = Date.now();

// An operation in full swing: 4 zones, 20 routes, 2,000 people on patrol for the last hour.
const operation = await db.operation.create({
	data: {
		name: 'Bench',
		timezone: 'Asia/Shanghai',
		startsAt: new Date(now - 86_400_000),
		endsAt: new Date(now + 86_400_000)
	}
});
const zones = await Promise.all(
	[0, 1, 2, 3].map((i) => db.zone.create({ data: { operationId: operation.id, name: `Zone ${i}` } }))
);
const routes = [];
for (let r = 0; r < ROUTES; r++) {
	routes.push(
		await db.route.create({
			data: {
				operationId: operation.id,
				zoneId: zones[r % zones.length].id,
				name: `Route ${r}`,
				expectedIntervalMinutes: 15,
				checkpoints: {
					create: Array.from({ length: CHECKPOINTS }, (_, i) => ({
						operationId: operation.id,
						position: i + 1,
						name: `R${r} checkpoint ${i + 1}`,
						code: `R${r}C${i + 1}`,
						lat: 31.19 + r * 0.01 + i * 0.001,
						lng: 121.3 + i * 0.001
					}))
				}
			},
			include: { checkpoints: { orderBy: { position: 'asc' } } }
		})
	);
}
const passwordHash = await hashPassword('bench-password');
const people = Array.from({ length: PATROLS }, (_, i) => ({
	id: `benchuser${i}`,
	email: `bench${i}@bench.invalid`,
	name: `Bench ${i}`,
	passwordHash,
	status: 'ACTIVE' as const
}));
await db.user.createMany({ data: people });
const shifts = routes.map((route, r) => ({
	id: `benchshift${r}`,
	operationId: operation.id,
	routeId: route.id,
	startsAt: new Date(now - 60 * MINUTE),
	endsAt: new Date(now + 180 * MINUTE),
	headcount: PATROLS / ROUTES
}));
await db.shift.createMany({ data: shifts });
await db.assignment.createMany({
	data: people.map((person, i) => ({
		id: `benchassign${i}`,
		shiftId: shifts[i % ROUTES].id,
		userId: person.id,
		status: 'PRESENT' as const
	}))
});
const tokens = people.map(() => generateSessionToken());
await db.session.createMany({
	data: people.map((person, i) => ({
		id: sessionIdFromToken(tokens[i]),
		userId: person.id,
		expiresAt: new Date(now + 30 * 86_400_000)
	}))
});
// Each patrol has walked part of its route; a tenth of them have gone quiet (overdue).
const checkIns = [];
const patrols = [];
for (let i = 0; i < PATROLS; i++) {
	const route = routes[i % ROUTES];
	const walked = 1 + (i % CHECKPOINTS);
	const quiet = i % 10 === 0;
	const last = now - (quiet ? 40 : 5) * MINUTE;
	patrols.push({
		id: `benchpatrol${i}`,
		clientId: `benchstart${i}`,
		assignmentId: `benchassign${i}`,
		shiftId: shifts[i % ROUTES].id,
		userId: people[i].id,
		routeId: route.id,
		operationId: operation.id,
		startedAt: new Date(now - 60 * MINUTE),
		startedPhoneTime: new Date(now - 60 * MINUTE),
		startedReceivedAt: new Date(now - 60 * MINUTE),
		checkInCount: walked,
		lastCheckInAt: new Date(last),
		lastCheckpointId: route.checkpoints[walked - 1].id,
		lastPosition: walked,
		visited: JSON.stringify(route.checkpoints.slice(0, walked).map((c) => c.id)),
		loop: JSON.stringify(route.checkpoints.slice(0, walked).map((c) => c.position)),
		dueAt: new Date(last + 15 * MINUTE)
	});
	for (let c = 0; c < walked; c++) {
		const at = new Date(last - (walked - 1 - c) * 8 * MINUTE);
		checkIns.push({
			id: `benchcheckin${i}-${c}`,
			patrolId: `benchpatrol${i}`,
			checkpointId: route.checkpoints[c].id,
			userId: people[i].id,
			method: 'CODE' as const,
			checkpointName: route.checkpoints[c].name,
			checkpointPosition: c + 1,
			routeId: route.id,
			happenedAt: at,
			phoneTime: at,
			receivedAt: at
		});
	}
}
await db.patrol.createMany({ data: patrols });
for (let i = 0; i < checkIns.length; i += 2000)
	await db.checkIn.createMany({ data: checkIns.slice(i, i + 2000) });

// The coverage board's computation, uncached (a new instant each time).
const boardTimes: number[] = [];
for (let i = 0; i < 10; i++) {
	const started = performance.now();
	const at = new Date(Date.now() + i * 1000);
	viewBoard(await coverageBoard(operation.id, at), {}, at);
	boardTimes.push(performance.now() - started);
}
boardTimes.sort((a, b) => a - b);

// An organizer and a volunteer with a shift on now (so the home page draws the route map).
const organizerToken = generateSessionToken();
const organizer = await db.user.create({
	data: {
		email: 'organizer@bench.invalid',
		name: 'Organizer',
		passwordHash,
		role: 'ORGANIZER',
		status: 'ACTIVE'
	}
});
await db.session.create({
	data: {
		id: sessionIdFromToken(organizerToken),
		userId: organizer.id,
		expiresAt: new Date(now + 86_400_000)
	}
});

const port = 5300 + Math.floor(Math.random() * 500);
const origin = `http://localhost:${port}`;
// BENCH_PROFILE=<folder> writes the server's CPU profile there, to see where a request's time goes.
const profile = process.env.BENCH_PROFILE
	? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
	: [];
const server = spawn(process.execPath, [...profile, 'build'], {
	env: {
		...process.env,
		PORT: String(port),
		ORIGIN: origin,
		NODE_ENV: 'production',
		COOKIE_SECURE: 'false',
		REDBAND_JOBS: 'off'
	},
	stdio: ['ignore', 'ignore', 'inherit']
});
for (let i = 0; ; i++) {
	const up = await fetch(`${origin}/api/health`).then(
		(r) => r.ok,
		() => false
	);
	if (up) break;
	if (i > 100) throw new Error('The server did not start');
	await new Promise((resolve) => setTimeout(resolve, 200));
}

const CONNECTIONS = 8;
const DURATION = 4;
const ROUNDS = 3;

const cookieFor = (i: number) => `session=${tokens[i % PATROLS]}`;
let sent = 0;
const targets: Record<string, autocannon.Options> = {
	bareNoSession: { url: `${origin}/api/health`, connections: CONNECTIONS },
	bare: {
		url: `${origin}/api/health`,
		connections: CONNECTIONS,
		requests: [
			{ method: 'GET', setupRequest: (request) => ({ ...request, headers: { cookie: cookieFor(sent++) } }) }
		]
	},
	checkIn: {
		url: `${origin}/api/patrol/check-ins`,
		connections: CONNECTIONS,
		requests: [
			{
				method: 'POST',
				setupRequest: (request) => {
					const i = sent++;
					const person = i % PATROLS;
					const body = JSON.stringify({
						id: randomUUID(),
						assignmentId: `benchassign${person}`,
						method: 'CODE',
						code: `R${person % ROUTES}C${1 + (i % CHECKPOINTS)}`,
						phoneTime: new Date().toISOString(),
						sentAt: new Date().toISOString()
					});
					return {
						...request,
						headers: { cookie: cookieFor(person), 'content-type': 'application/json' },
						body
					};
				}
			}
		]
	}
};

// This machine is shared: the endpoints take turns, round after round, so that a burst of other
// work hits them alike; each figure is the median of its rounds.
const before = await db.checkIn.count();
const runs: Record<string, autocannon.Result[]> = { bareNoSession: [], bare: [], checkIn: [] };
for (const name of Object.keys(runs)) await autocannon({ ...targets[name], duration: 1 });
for (let round = 0; round < ROUNDS; round++) {
	for (const name of Object.keys(runs))
		runs[name].push(await autocannon({ ...targets[name], duration: DURATION }));
}
const okCheckIns = runs.checkIn.reduce((sum, run) => sum + run['2xx'], 0);
const failedCheckIns = runs.checkIn.reduce((sum, run) => sum + run.non2xx + run.errors, 0);
const stored = (await db.checkIn.count()) - before;
const median = (name: string, pick: (run: autocannon.Result) => number) =>
	runs[name].map(pick).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
const rate = (name: string) => median(name, (run) => run.requests.average);
const p99 = (name: string) => median(name, (run) => run.latency.p99);

const boardPage: number[] = [];
for (let i = 0; i < 10; i++) {
	const started = performance.now();
	const response = await fetch(`${origin}/organizer/patrols/__data.json?limit=100`, {
		headers: { cookie: `session=${organizerToken}` }
	});
	await response.arrayBuffer();
	if (!response.ok) throw new Error(`Board page: HTTP ${response.status}`);
	boardPage.push(performance.now() - started);
	await new Promise((resolve) => setTimeout(resolve, 1100));
}
boardPage.sort((a, b) => a - b);

// JavaScript a volunteer's home page loads (service worker blocked: this is the page's own).
const volunteerToken = tokens[1];
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 780 } });
await context.addCookies([{ name: 'session', value: volunteerToken, url: origin }]);
const page = await context.newPage();
const scripts = new Map<string, number>();
const leaflet = new Set<string>();
page.on('response', async (response) => {
	if (response.request().resourceType() !== 'script') return;
	const body = await response.body().catch(() => null);
	if (!body) return;
	scripts.set(response.url(), gzipSync(body, { level: 9 }).length);
	if (body.includes('Leaflet')) leaflet.add(response.url());
});
// Not 'networkidle': the page keeps a live stream open, so the network is never idle. Scripts the
// page fetches just after load (the outbox, the service worker's registration) count too.
await page.goto(`${origin}/home`, { waitUntil: 'load' });
await page.waitForTimeout(3000);
await browser.close();
const homeJs = [...scripts.values()].reduce((sum, size) => sum + size, 0);
const leafletJs = [...leaflet].reduce((sum, url) => sum + (scripts.get(url) ?? 0), 0);
if (process.env.BENCH_VERBOSE) {
	for (const [url, size] of [...scripts].sort((a, b) => b[1] - a[1]))
		console.log(`  ${kbOf(size)}  ${url.replace(origin, '')}`);
}

function kbOf(bytes: number) {
	return `${(bytes / 1024).toFixed(1)} KB`;
}

// Everything the service worker precaches, gzip (downloaded once, in the background).
function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : [path];
	});
}
const precached = files('build/client').filter((path) => !path.endsWith('.gz') && !path.endsWith('.br'));
const precacheGzip = precached.reduce(
	(sum, path) => sum + gzipSync(readFileSync(path), { level: 9 }).length,
	0
);

server.kill('SIGTERM');
await db.$disconnect();
scratch.cleanup();

const kb = (bytes: number) => `${fixed(bytes / 1024, 1)} KB`;
console.log(
	`running patrols: ${PATROLS} on ${ROUTES} routes, check-ins stored before the run: ${checkIns.length}`
);
console.log(
	`load: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s per endpoint, production build on SQLite`
);
console.log(
	`bare endpoint GET /api/health, no session:     ${fixed(rate('bareNoSession'), 0)}/s  p99 ${p99('bareNoSession')} ms`
);
console.log(
	`bare endpoint GET /api/health, session cookie: ${fixed(rate('bare'), 0)}/s  p99 ${p99('bare')} ms`
);
console.log(
	`check-in POST /api/patrol/check-ins:           ${fixed(rate('checkIn'), 0)}/s  p99 ${p99('checkIn')} ms`
);
console.log(
	`  check-ins answered 2xx: ${okCheckIns}, failed: ${failedCheckIns}, rows stored: ${stored} (warm-up included)`
);
console.log(
	`ratio check-in / bare endpoint with the same session: ${fixed(rate('checkIn') / rate('bare'), 2)}  (goal >= 0.5)`
);
console.log(
	`ratio check-in / bare endpoint without a session:    ${fixed(rate('checkIn') / rate('bareNoSession'), 2)}`
);
console.log(
	`coverage board, ${PATROLS} running patrols: computed in median ${fixed(boardTimes[5], 1)} ms (max ${fixed(boardTimes[9], 1)} ms); page data median ${fixed(boardPage[5], 1)} ms`
);
console.log(`volunteer home page JavaScript, gzip: ${kb(homeJs)} in ${scripts.size} files  (goal <= 60 KB)`);
console.log(
	`  of which Leaflet, for the route map on the home page: ${kb(leafletJs)}; everything else: ${kb(homeJs - leafletJs)}`
);
console.log(
	`service worker precache (whole build, gzip, fetched once in the background): ${kb(precacheGzip)}`
);
