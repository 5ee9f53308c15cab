// The shift-change peak of issue 10, end to end against a production build:
//   npm run bench -- peak [--quick] [--postgres] [--processes 2] [--build dir]... [--json file]
// Builds the scenario through the app's own HTTP paths (roster import, bulk shifts, fill open
// slots), signs the placed volunteers in, replays the volunteers' mix with organizers watching the
// live board, then a release rush. Prints every figure next to /api/health measured in the same
// run, because this machine is shared and absolute figures drift; ratios drift much less.
// Give --build more than once (e.g. --build /work/wt/bench-base/build --build build) to run the
// same scenario against each build in turn (each in its own process and database) and print them
// side by side.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { unflatten } from 'devalue';

// ---------------------------------------------------------------------------------------------
// Options
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const values = (name: string) =>
	argv.flatMap((arg, i) => (arg === `--${name}` && argv[i + 1] ? [argv[i + 1]] : []));
const value = (name: string) => values(name).at(-1);

const quick = flag('quick');
const postgres = flag('postgres');
const processes = Number(value('processes') ?? 1);
const builds = values('build').length ? values('build') : ['build'];
const VOLUNTEERS = Number(value('volunteers') ?? (quick ? 2_000 : 10_000));
const PLACES = Math.round(VOLUNTEERS * 0.85);
const HEADCOUNT = 170;
const ROUTES = Math.max(1, Math.ceil(PLACES / HEADCOUNT));
const CHECKPOINTS = 6;
const SIGNED_IN_EXTRA = Math.round(VOLUNTEERS * 0.02);
const PEAK_S = Number(value('peak-seconds') ?? (quick ? 20 : 60));
const HEALTH_S = quick ? 5 : 10;
const VOLUNTEER_CONNECTIONS = 64;
const ORGANIZERS = 20;
const BOARD_RELOAD_MS = 5000;
const FILL_DRAIN_S = quick ? 30 : 120;
const BACKLOG_DRAIN_S = quick ? 30 : 90;
const RUSH = { signUps: 2000, places: 50, seconds: 10 };
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// ---------------------------------------------------------------------------------------------
// With several builds, run each in a child process (its own database and Prisma client).
if (!flag('single')) {
	const results: { build: string; figures: Figures }[] = [];
	for (const build of builds) {
		const out = join(tmpdir(), `redband-peak-${process.pid}-${results.length}.json`);
		const rest = argv.filter((arg, i) => arg !== '--build' && argv[i - 1] !== '--build' && arg !== '--json');
		console.log(`\n##### ${resolve(build)} #####`);
		const child = spawnSync(
			process.execPath,
			[
				'--import',
				'tsx',
				new URL(import.meta.url).pathname,
				...rest,
				'--single',
				'--build',
				build,
				'--json',
				out
			],
			{ stdio: 'inherit', timeout: 30 * MINUTE }
		);
		if (child.status !== 0 || !existsSync(out)) {
			console.error(`The run against ${build} failed (exit ${child.status}).`);
			process.exit(1);
		}
		results.push({ build, figures: JSON.parse(readFileSync(out, 'utf8')) });
		rmSync(out, { force: true });
	}
	if (results.length > 1) compare(results);
	const json = value('json');
	if (json) writeFileSync(json, JSON.stringify(results, null, '\t'));
	process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// One run against one build.
const buildDir = resolve(builds[0]);
if (!existsSync(join(buildDir, 'index.js'))) {
	console.error(`No production build in ${buildDir}: run \`npm run build\` first.`);
	process.exit(1);
}
const appRoot = dirname(buildDir);

const scratch = mkdtempSync(join(tmpdir(), 'redband-peak-'));
const pgDatabase = `redband_peak_${process.pid}`;
const pgAdminUrl = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
if (postgres) {
	const pg = (await import('pg')).default;
	const admin = new pg.Client({ connectionString: pgAdminUrl });
	await admin.connect();
	await admin.query(`DROP DATABASE IF EXISTS ${pgDatabase}`);
	await admin.query(`CREATE DATABASE ${pgDatabase}`);
	await admin.end();
	const url = new URL(pgAdminUrl);
	url.pathname = `/${pgDatabase}`;
	process.env.DATABASE_URL = url.toString();
} else {
	process.env.DATABASE_URL = `file:${join(scratch, 'bench.db')}`;
}
process.env.DATA_DIR = scratch;

const { applyMigrations } = await import('../scripts/db/migrations');
const { databaseTarget } = await import('../src/lib/server/db/target');
await applyMigrations(databaseTarget());
const { db } = await import('../src/lib/server/db');
const { secrets } = await import('../src/lib/server/secrets');
secrets();

const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(20).toString('hex');
const log = (text: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

// ---------------------------------------------------------------------------------------------
// HTTP: keep-alive agents, one per simulated connection, so the server sees N sockets.
interface Answer {
	status: number;
	body: string;
	ms: number;
	error?: string;
}
function send(
	agent: http.Agent,
	origin: string,
	method: string,
	path: string,
	options: { headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {}
): Promise<Answer> {
	const started = performance.now();
	return new Promise((done) => {
		const url = new URL(path, origin);
		const headers: Record<string, string | number> = { ...options.headers };
		if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
		const request = http.request(
			{ agent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					done({
						status: response.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
						ms: performance.now() - started
					})
				);
				response.on('error', (error) =>
					done({ status: 0, body: '', ms: performance.now() - started, error: error.message })
				);
			}
		);
		request.setTimeout(options.timeoutMs ?? 120_000, () => request.destroy(new Error('timeout')));
		request.on('error', (error) =>
			done({ status: 0, body: '', ms: performance.now() - started, error: error.message })
		);
		if (options.body !== undefined) request.write(options.body);
		request.end();
	});
}
const cookie = (token: string) => ({ cookie: `session=${token}` });
/** The patrol id a start answered with, '' for a refusal or a lost answer. */
function patrolIdOf(answer: Answer): string {
	if (answer.status < 200 || answer.status >= 300) return '';
	try {
		return (JSON.parse(answer.body) as { patrolId?: string }).patrolId ?? '';
	} catch {
		return '';
	}
}

/** A form action's answer ({ type, status, data } with devalue data). */
function actionResult(answer: Answer): { type: string; status: number; data: Record<string, unknown> } {
	const parsed = JSON.parse(answer.body) as { type: string; status: number; data?: string };
	return {
		type: parsed.type,
		status: parsed.status,
		data: parsed.data ? (unflatten(JSON.parse(parsed.data)) as Record<string, unknown>) : {}
	};
}
function postAction(
	agent: http.Agent,
	origin: string,
	path: string,
	token: string,
	form: URLSearchParams,
	timeoutMs?: number
) {
	return send(agent, origin, 'POST', path, {
		timeoutMs,
		headers: {
			...cookie(token),
			origin,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true',
			accept: 'application/json'
		},
		body: form.toString()
	});
}

// ---------------------------------------------------------------------------------------------
// Statistics
const quantile = (sorted: number[], q: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
class Series {
	readonly times: number[] = [];
	errors = 0;
	firstError = '';
	add(answer: Answer, ok = answer.status >= 200 && answer.status < 400) {
		this.times.push(answer.ms);
		if (!ok) {
			this.errors++;
			this.firstError ||= `${answer.status} ${answer.error ?? answer.body.slice(0, 160)}`;
		}
	}
	summary() {
		const sorted = [...this.times].sort((a, b) => a - b);
		return {
			count: sorted.length,
			p50: quantile(sorted, 0.5),
			p95: quantile(sorted, 0.95),
			p99: quantile(sorted, 0.99),
			max: sorted.at(-1) ?? NaN,
			errors: this.errors,
			firstError: this.firstError
		};
	}
}
type Summary = ReturnType<Series['summary']>;

// ---------------------------------------------------------------------------------------------
// Server processes, their CPU and memory from /proc.
// Above the ports fetch refuses to open (6000, 6665-6669, 10080: "bad port").
const basePort = 20_000 + Math.floor(Math.random() * 1000);
const origins = Array.from({ length: processes }, (_, i) => `http://127.0.0.1:${basePort + i}`);
const servers: ChildProcess[] = [];
const profileArgs = process.env.BENCH_PROFILE
	? [
			'--cpu-prof',
			`--cpu-prof-dir=${process.env.BENCH_PROFILE}`,
			'--import',
			new URL('./exit-on-signal.js', import.meta.url).pathname
		]
	: [];
for (const [i, origin] of origins.entries()) {
	const server = spawn(process.execPath, [...profileArgs, buildDir], {
		cwd: appRoot,
		env: {
			...process.env,
			PORT: String(basePort + i),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			NODE_ENV: 'production',
			COOKIE_SECURE: 'false',
			BODY_SIZE_LIMIT: '5M'
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let warned = 0;
	server.stderr!.on('data', (chunk: Buffer) => {
		// Show the server's complaints, but not thousands of them.
		if (warned++ < 20) process.stderr.write(`[server ${i}] ${chunk.toString().slice(0, 800)}`);
	});
	servers.push(server);
}
// Registered before the wait below: a server that never answers must not outlive the bench.
process.on('exit', () => servers.forEach((s) => s.kill('SIGKILL')));
for (const origin of origins) {
	for (let i = 0; ; i++) {
		const up = await fetch(`${origin}/api/health`).then(
			(r) => r.ok,
			() => false
		);
		if (up) break;
		if (i > 150) throw new Error(`The server at ${origin} did not start`);
		await sleep(200);
	}
}

const TICK = 100; // clock ticks per second of /proc/<pid>/stat
function cpuMs(): number {
	return servers.reduce((sum, server) => {
		const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return sum + ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK;
	}, 0);
}
function rssMiB(field: 'VmRSS' | 'VmHWM'): number[] {
	return servers.map((server) => {
		const match = readFileSync(`/proc/${server.pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`));
		return match ? Number(match[1]) / 1024 : 0;
	});
}
function sleep(ms: number) {
	return new Promise((done) => setTimeout(done, ms));
}
async function pendingEvents() {
	return db.outboxEvent.count({ where: { handledAt: null } });
}
/** Polls the unhandled domain events until none are left or `seconds` pass. */
async function drain(seconds: number) {
	const started = performance.now();
	const before = await pendingEvents();
	let left = before;
	while (left > 0 && performance.now() - started < seconds * 1000) {
		await sleep(500);
		left = await pendingEvents();
	}
	const s = (performance.now() - started) / 1000;
	return { before, left, seconds: s, perSecond: (before - left) / s };
}

// ---------------------------------------------------------------------------------------------
// The operation, its zones and routes, and the organizers (direct rows: an organizer sets these
// up by hand in a few minutes; the volume comes through the app's paths below).
const now = Date.now();
const TZ = 'Asia/Shanghai';
const operation = await db.operation.create({
	data: { name: 'Expo', timezone: TZ, startsAt: new Date(now - DAY), endsAt: new Date(now + 4 * DAY) }
});
const ZONES = 8;
const zones = await db.zone.createManyAndReturn({
	data: Array.from({ length: ZONES }, (_, i) => ({ operationId: operation.id, name: `Zone ${i}` })),
	select: { id: true, name: true }
});
const routes: { id: string; codes: string[] }[] = [];
for (let r = 0; r < ROUTES; r++) {
	const route = await db.route.create({
		data: {
			operationId: operation.id,
			zoneId: zones[r % ZONES].id,
			name: `Route ${r}`,
			expectedIntervalMinutes: 30,
			checkpoints: {
				create: Array.from({ length: CHECKPOINTS }, (_, i) => ({
					operationId: operation.id,
					position: i + 1,
					name: `R${r} checkpoint ${i + 1}`,
					code: `R${r}C${i + 1}`,
					lat: 31.19 + r * 0.002 + i * 0.0005,
					lng: 121.3 + i * 0.0005
				}))
			}
		},
		select: { id: true }
	});
	routes.push({ id: route.id, codes: Array.from({ length: CHECKPOINTS }, (_, i) => `R${r}C${i + 1}`) });
}
const organizers = await db.user.createManyAndReturn({
	data: Array.from({ length: ORGANIZERS + 1 }, (_, i) => ({
		email: `organizer${i}@bench.invalid`,
		name: `Organizer ${i}`,
		passwordHash: 'x',
		role: 'ORGANIZER' as const,
		status: 'ACTIVE' as const
	})),
	select: { id: true }
});
// Organizers act only on operations they are members of.
await db.operationMember.createMany({
	data: organizers.map((o) => ({ operationId: operation.id, userId: o.id }))
});
const organizerTokens = organizers.map(() => newToken());
await db.session.createMany({
	data: organizers.map((o, i) => ({
		id: sessionId(organizerTokens[i]),
		userId: o.id,
		expiresAt: new Date(now + 30 * DAY)
	}))
});
const adminToken = organizerTokens[ORGANIZERS];
const setupAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const origin0 = origins[0];

// ---------------------------------------------------------------------------------------------
// /api/health alone: the baseline every other figure is compared with.
async function closedLoop(
	connections: number,
	seconds: number,
	next: (agent: http.Agent, origin: string, worker: number) => Promise<void>
) {
	const until = performance.now() + seconds * 1000;
	await Promise.all(
		Array.from({ length: connections }, async (_, worker) => {
			const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
			const origin = origins[worker % origins.length];
			while (performance.now() < until) await next(agent, origin, worker);
			agent.destroy();
		})
	);
}
log(`health baseline: ${VOLUNTEER_CONNECTIONS} connections, ${HEALTH_S} s`);
const health = new Series();
await closedLoop(
	VOLUNTEER_CONNECTIONS,
	1,
	async (agent, origin) => void (await send(agent, origin, 'GET', '/api/health'))
);
let cpu0 = cpuMs();
let started = performance.now();
await closedLoop(VOLUNTEER_CONNECTIONS, HEALTH_S, async (agent, origin) =>
	health.add(await send(agent, origin, 'GET', '/api/health'))
);
const healthFigures = {
	...health.summary(),
	perSecond: health.times.length / ((performance.now() - started) / 1000),
	cpuMsPerRequest: (cpuMs() - cpu0) / health.times.length
};

// ---------------------------------------------------------------------------------------------
// Roster import through the organizer's import endpoint.
log(`roster import: ${VOLUNTEERS} volunteers`);
const csv = [
	'name,phone,email,languages,skills,zone',
	...Array.from(
		{ length: VOLUNTEERS },
		(_, i) =>
			`Volunteer ${i},+86138${String(i).padStart(8, '0')},v${i}@bench.invalid,zh;en,,Zone ${i % ZONES}`
	)
].join('\n');
const boundary = `----bench${randomUUID()}`;
const multipart = [
	`--${boundary}\r\nContent-Disposition: form-data; name="operationId"\r\n\r\n${operation.id}\r\n`,
	`--${boundary}\r\nContent-Disposition: form-data; name="csv"\r\n\r\n${csv}\r\n`,
	`--${boundary}--\r\n`
].join('');
const imported = await send(setupAgent, origin0, 'POST', '/api/organizer/roster-import', {
	headers: {
		...cookie(adminToken),
		origin: origin0,
		'content-type': `multipart/form-data; boundary=${boundary}`
	},
	body: multipart,
	timeoutMs: 20 * MINUTE
});
const importLines = imported.body.trim().split('\n');
if (imported.status !== 200 || !importLines.at(-1)?.includes('"done"')) {
	throw new Error(`Roster import failed: ${imported.status} ${imported.body.slice(-400)}`);
}
const rosterImportMs = imported.ms;

// ---------------------------------------------------------------------------------------------
// Bulk shifts through the organizer's bulk form: one shift per route tomorrow, HEADCOUNT each.
const dayIn = (offsetDays: number) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date(now + offsetDays * DAY));
const tomorrow = dayIn(1);
async function bulkShift(routeId: string, date: string, headcount: number, times = ['08:00', '12:00']) {
	const answer = await postAction(
		setupAgent,
		origin0,
		`/organizer/shifts/bulk?/create&operation=${operation.id}`,
		adminToken,
		new URLSearchParams({
			place: `route:${routeId}`,
			title: '',
			startTime: times[0],
			endTime: times[1],
			headcount: String(headcount),
			minAge: '',
			instructions: '',
			fromDate: date,
			toDate: date
		})
	);
	const result = actionResult(answer);
	if (result.type !== 'success') throw new Error(`Bulk shifts failed: ${answer.body.slice(0, 400)}`);
}
log(`bulk shifts: ${ROUTES} route shifts of ${HEADCOUNT} for ${tomorrow}`);
started = performance.now();
for (const route of routes) await bulkShift(route.id, tomorrow, HEADCOUNT);
const bulkMs = performance.now() - started;
const openSlots = ROUTES * HEADCOUNT;

// ---------------------------------------------------------------------------------------------
// Fill open slots: the organizer's page works out the proposal, confirming applies it. While it
// applies, a probe keeps asking for a signed-in page; its longest wait is what others suffer.
log('fill: proposal');
const proposalAnswer = await send(
	setupAgent,
	origin0,
	'GET',
	`/organizer/shifts/fill/__data.json?operation=${operation.id}`,
	{ headers: cookie(adminToken) }
);
if (proposalAnswer.status !== 200) throw new Error(`Fill proposal failed: ${proposalAnswer.status}`);
const fillData = (() => {
	const parsed = JSON.parse(proposalAnswer.body) as { nodes: ({ type: string; data: unknown[] } | null)[] };
	const node = parsed.nodes.at(-1)!;
	return unflatten(node.data) as { pairs: string; proposed: number; openSlots: number };
})();
log(`fill: applying ${fillData.proposed} of ${fillData.openSlots} open slots`);
const probe = new Series();
let probing = true;
const probeLoop = (async () => {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	while (probing) {
		probe.add(await send(agent, origin0, 'GET', '/api/health', { headers: cookie(organizerTokens[0]) }));
		await sleep(50);
	}
})();
const assignedBefore = await db.assignment.count({ where: { status: 'ASSIGNED' } });
started = performance.now();
const confirmAnswer = await postAction(
	setupAgent,
	origin0,
	`/organizer/shifts/fill?/confirm&operation=${operation.id}`,
	adminToken,
	new URLSearchParams({ pairs: fillData.pairs }),
	20 * MINUTE
);
const confirmRequestMs = performance.now() - started;
try {
	const confirmed = actionResult(confirmAnswer);
	if (confirmed.type !== 'success') console.error(`Fill confirm failed: ${confirmAnswer.body.slice(0, 400)}`);
} catch {
	console.error(`Fill confirm: no answer (${confirmAnswer.status} ${confirmAnswer.error ?? ''})`);
}
// An apply that continues after the answer counts until its placements are all written.
let placed = 0;
for (let stable = 0, last = -1; stable < 3 && performance.now() - started < 15 * MINUTE;) {
	placed = (await db.assignment.count({ where: { status: 'ASSIGNED' } })) - assignedBefore;
	if (placed >= fillData.proposed) break;
	stable = placed === last ? stable + 1 : 0;
	last = placed;
	await sleep(500);
}
const fillApplyMs = Math.max(confirmRequestMs, performance.now() - started);
probing = false;
await probeLoop;
const fillFigures = {
	openSlots: fillData.openSlots,
	proposed: fillData.proposed,
	placed,
	proposalMs: proposalAnswer.ms,
	applyMs: fillApplyMs,
	applyRequestMs: confirmRequestMs,
	probe: probe.summary()
};
log(`fill: events of the fill`);
// Whatever is left is still pending when the peak starts, as it would be after a late fill.
const fillDrain = await drain(FILL_DRAIN_S);

// ---------------------------------------------------------------------------------------------
// The shifts began 20 minutes ago (moved in time: the fill only proposes future shifts), and the
// placed volunteers plus a few others are signed in.
const shiftStart = new Date(Date.now() - 20 * MINUTE);
await db.shift.updateMany({
	where: { operationId: operation.id },
	data: { startsAt: shiftStart, endsAt: new Date(shiftStart.getTime() + 4 * 60 * MINUTE) }
});
const assignments = await db.assignment.findMany({
	where: { status: 'ASSIGNED', shift: { operationId: operation.id } },
	select: { id: true, userId: true, shift: { select: { routeId: true } } }
});
const routeCodes = new Map(routes.map((r) => [r.id, r.codes]));
const placedPeople = assignments.map((a) => ({
	userId: a.userId,
	assignmentId: a.id,
	codes: routeCodes.get(a.shift.routeId!)!,
	token: newToken(),
	started: null as Promise<void> | null,
	next: 0,
	patrolId: ''
}));
const others = await db.user.findMany({
	where: { role: 'VOLUNTEER', assignments: { none: { status: 'ASSIGNED' } } },
	select: { id: true },
	take: SIGNED_IN_EXTRA
});
const signedIn = [
	...placedPeople.map((p) => ({ userId: p.userId, token: p.token })),
	...others.map((o) => ({ userId: o.id, token: newToken() }))
];
for (let i = 0; i < signedIn.length; i += 2000) {
	await db.session.createMany({
		data: signedIn.slice(i, i + 2000).map((s) => ({
			id: sessionId(s.token),
			userId: s.userId,
			expiresAt: new Date(Date.now() + 30 * DAY)
		}))
	});
}
log(`signed in: ${signedIn.length} volunteers, ${placedPeople.length} of them on shift now`);

// ---------------------------------------------------------------------------------------------
// The peak: 64 volunteer connections replaying the mix, 20 organizers on the live board.
type Kind = 'home' | 'shifts' | 'inbox' | 'patrol start' | 'check-in' | 'pods' | 'meals';
const series: Record<Kind, Series> = {
	home: new Series(),
	shifts: new Series(),
	inbox: new Series(),
	'patrol start': new Series(),
	'check-in': new Series(),
	pods: new Series(),
	meals: new Series()
};
const perSecond = new Map<number, number>();
let peakStarted = 0;
const count = () => {
	const second = Math.floor((performance.now() - peakStarted) / 1000);
	perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
};
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
const json = (token: string, body: object) => ({
	headers: { ...cookie(token), 'content-type': 'application/json', origin: origin0 },
	body: JSON.stringify(body)
});

async function checkIn(agent: http.Agent, origin: string, person: (typeof placedPeople)[number]) {
	const at = new Date().toISOString();
	const answer = await send(
		agent,
		origin,
		'POST',
		'/api/patrol/check-ins',
		json(person.token, {
			id: randomUUID(),
			assignmentId: person.assignmentId,
			method: 'CODE',
			code: person.codes[person.next % CHECKPOINTS],
			phoneTime: at,
			sentAt: at
		})
	);
	person.next++;
	return answer;
}

async function volunteerRequest(agent: http.Agent, origin: string) {
	const roll = Math.random() * 100;
	if (roll < 35 && placedPeople.length) {
		const person = pick(placedPeople);
		if (!person.started) {
			let done!: () => void;
			person.started = new Promise<void>((resolve) => (done = resolve));
			const at = new Date().toISOString();
			const answer = await send(
				agent,
				origin,
				'POST',
				'/api/patrol/start',
				json(person.token, { id: randomUUID(), assignmentId: person.assignmentId, phoneTime: at, sentAt: at })
			);
			series['patrol start'].add(answer);
			count();
			person.patrolId = patrolIdOf(answer);
			done();
		}
		// Another connection may be starting this person's patrol: a phone waits for its start too.
		await person.started;
		series['check-in'].add(await checkIn(agent, origin, person));
		count();
		return;
	}
	const token = pick(signedIn).token;
	const [kind, path]: [Kind, string] =
		roll < 65
			? ['home', '/home']
			: roll < 80
				? ['shifts', '/shifts']
				: roll < 90
					? ['inbox', '/inbox']
					: Math.random() < 0.5
						? ['pods', '/pods']
						: ['meals', '/meals'];
	series[kind].add(await send(agent, origin, 'GET', path, { headers: cookie(token) }));
	count();
}

// Organizers: each holds the board's stream and reloads the board page every 5 s.
const boardPage = new Series();
const streamConnect = new Series();
const markerSent = new Map<string, number>();
const eventLatency: number[] = [];
const updateLatency: number[] = [];
let streamEvents = 0;
const streams: http.ClientRequest[] = [];
function openStream(origin: string, token: string, index: number) {
	const t = performance.now();
	const url = new URL('/organizer/patrols/live', origin);
	const request = http.get(
		{
			hostname: url.hostname,
			port: url.port,
			path: url.pathname,
			headers: { ...cookie(token), accept: 'text/event-stream' },
			agent: false
		},
		(response) => {
			let connected = false;
			let buffer = '';
			response.setEncoding('utf8');
			response.on('data', (text: string) => {
				if (!connected) {
					connected = true;
					streamConnect.add({ status: response.statusCode ?? 0, body: '', ms: performance.now() - t });
				}
				buffer += text;
				let end;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const message = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const data = message.match(/^data: (.*)$/m)?.[1];
					if (!data) continue;
					streamEvents++;
					let patrolId: string | undefined;
					try {
						patrolId = (JSON.parse(data) as { patrolId?: string } | null)?.patrolId;
					} catch {
						patrolId = undefined;
					}
					const sent = patrolId && markerSent.get(patrolId);
					// The first organizer's stream times the markers: notice, then the board reloaded.
					if (index === 0 && patrolId && sent) {
						markerSent.delete(patrolId);
						eventLatency.push(performance.now() - sent);
						const agent = new http.Agent({ keepAlive: false });
						void send(agent, origin, 'GET', '/organizer/patrols/__data.json', {
							headers: cookie(token)
						}).then(() => updateLatency.push(performance.now() - sent));
					}
				}
			});
		}
	);
	request.on('error', () => {});
	streams.push(request);
}

log(`peak: ${PEAK_S} s, ${VOLUNTEER_CONNECTIONS} volunteer connections, ${ORGANIZERS} organizers`);
const eventsAtPeakStart = await pendingEvents();
const rssSamples: number[] = [];
const rssBefore = rssMiB('VmRSS').reduce((a, b) => Math.max(a, b), 0);
const rssTimer = setInterval(() => rssSamples.push(Math.max(...rssMiB('VmRSS'))), 250);
peakStarted = performance.now();
cpu0 = cpuMs();
for (let i = 0; i < ORGANIZERS; i++) openStream(origins[i % origins.length], organizerTokens[i], i);
const peakUntil = peakStarted + PEAK_S * 1000;
const organizerLoops = Array.from({ length: ORGANIZERS }, async (_, i) => {
	// A new connection per reload: a socket idle for 5 s races the server's keep-alive timeout.
	const agent = new http.Agent({ keepAlive: false });
	await sleep((BOARD_RELOAD_MS * i) / ORGANIZERS);
	while (performance.now() < peakUntil) {
		const t = performance.now();
		boardPage.add(
			await send(agent, origins[i % origins.length], 'GET', '/organizer/patrols', {
				headers: cookie(organizerTokens[i])
			})
		);
		count();
		await sleep(Math.max(0, BOARD_RELOAD_MS - (performance.now() - t)));
	}
});
// A marker check-in every 2 s by people outside the mix: how long until the board shows it.
const markers = placedPeople.splice(0, Math.min(8, Math.floor(placedPeople.length / 10)));
const markerLoop = (async () => {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const starting = new http.Agent({ keepAlive: false });
	// Started together: one after another they could take the whole peak on a loaded machine.
	await Promise.all(
		markers.map(async (person) => {
			const at = new Date().toISOString();
			const answer = await send(
				starting,
				origin0,
				'POST',
				'/api/patrol/start',
				json(person.token, { id: randomUUID(), assignmentId: person.assignmentId, phoneTime: at, sentAt: at })
			);
			person.patrolId = patrolIdOf(answer);
		})
	);
	for (let i = 0; performance.now() < peakUntil - 2000; i++) {
		await sleep(2000);
		const person = markers[i % markers.length];
		if (!person?.patrolId) continue;
		markerSent.set(person.patrolId, performance.now());
		await checkIn(agent, origin0, person);
	}
})();
await closedLoop(VOLUNTEER_CONNECTIONS, PEAK_S, (agent, origin) => volunteerRequest(agent, origin));
await Promise.all([...organizerLoops, markerLoop]);
const peakSeconds = (performance.now() - peakStarted) / 1000;
const peakCpu = cpuMs() - cpu0;
clearInterval(rssTimer);
for (const stream of streams) stream.destroy();
await sleep(300);

const mixCount = (Object.keys(series) as Kind[]).reduce((sum, kind) => sum + series[kind].times.length, 0);
const allRequests = mixCount + boardPage.times.length;
const seconds = Array.from({ length: Math.floor(peakSeconds) }, (_, i) => perSecond.get(i) ?? 0);
const volunteerAll = new Series();
for (const kind of Object.keys(series) as Kind[]) {
	volunteerAll.times.push(...series[kind].times);
	volunteerAll.errors += series[kind].errors;
}
const peakFigures = {
	seconds: peakSeconds,
	requests: mixCount,
	perSecond: mixCount / peakSeconds,
	volunteersServed: ((mixCount / peakSeconds) * 600) / 5,
	cpuMsPerRequest: peakCpu / allRequests,
	cpuCores: peakCpu / 1000 / peakSeconds,
	emptySeconds: seconds.filter((n) => n === 0).length,
	all: volunteerAll.summary(),
	kinds: Object.fromEntries((Object.keys(series) as Kind[]).map((kind) => [kind, series[kind].summary()])),
	eventsAtStart: eventsAtPeakStart,
	rssBeforeMiB: rssBefore,
	rssPeakMiB: Math.max(0, ...rssSamples),
	board: {
		page: boardPage.summary(),
		streamConnect: streamConnect.summary(),
		streamsConnected: streamConnect.times.length,
		streamEvents,
		eventLatency: summarize(eventLatency),
		updateLatency: summarize(updateLatency)
	}
};
function summarize(times: number[]) {
	const sorted = [...times].sort((a, b) => a - b);
	return {
		count: sorted.length,
		p50: quantile(sorted, 0.5),
		p95: quantile(sorted, 0.95),
		max: sorted.at(-1) ?? NaN
	};
}

if (process.env.BENCH_HOLD) {
	// For a look at the server by hand after the peak: its address and an organizer's cookie.
	log(
		`holding ${process.env.BENCH_HOLD} s: ${origins.join(' ')} session=${organizerTokens[0]} volunteer session=${signedIn[0].token}`
	);
	await sleep(Number(process.env.BENCH_HOLD) * 1000);
}
log('backlog after the peak');
const backlog = await drain(BACKLOG_DRAIN_S);

// ---------------------------------------------------------------------------------------------
// Release rush: 2,000 sign-ups for 50 places within 10 s, from people not on that day's shifts.
log(`rush: ${RUSH.signUps} sign-ups for ${RUSH.places} places in ${RUSH.seconds} s`);
const rushDay = dayIn(2);
await bulkShift(routes[0].id, rushDay, RUSH.places, ['14:00', '18:00']);
const rushShift = await db.shift.findFirstOrThrow({
	where: { operationId: operation.id, headcount: RUSH.places },
	orderBy: { createdAt: 'desc' },
	select: { id: true }
});
const rushPeople = signedIn.slice(0, RUSH.signUps);
if (rushPeople.length < RUSH.signUps) {
	const more = await db.user.findMany({
		where: { role: 'VOLUNTEER', sessions: { none: {} } },
		select: { id: true },
		take: RUSH.signUps - rushPeople.length
	});
	const added = more.map((user) => ({ userId: user.id, token: newToken() }));
	await db.session.createMany({
		data: added.map((s) => ({
			id: sessionId(s.token),
			userId: s.userId,
			expiresAt: new Date(Date.now() + DAY)
		}))
	});
	rushPeople.push(...added);
}
const rushSeries = new Series();
const rushAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const rushStarted = performance.now();
let lastSent = 0;
let lastAnswer = 0;
let assignedAnswers = 0;
let waitlistedAnswers = 0;
await Promise.all(
	rushPeople.map(async (person, i) => {
		await sleep((i * RUSH.seconds * 1000) / rushPeople.length);
		lastSent = Math.max(lastSent, performance.now());
		const answer = await postAction(
			rushAgent,
			origins[i % origins.length],
			`/shifts/${rushShift.id}?/signUp`,
			person.token,
			new URLSearchParams()
		);
		lastAnswer = Math.max(lastAnswer, performance.now());
		let ok = false;
		try {
			const result = actionResult(answer);
			ok = result.type === 'success';
			if (result.data.done === 'assigned') assignedAnswers++;
			if (result.data.done === 'waitlisted') waitlistedAnswers++;
		} catch {
			ok = false;
		}
		rushSeries.add(answer, ok);
	})
);
rushAgent.destroy();
const rushCounts = await db.assignment.groupBy({
	by: ['status'],
	where: { shiftId: rushShift.id },
	_count: true
});
const rushFigures = {
	...rushSeries.summary(),
	firstToLastAnswerS: (lastAnswer - rushStarted) / 1000,
	lastAnswerAfterLastRequestS: (lastAnswer - lastSent) / 1000,
	assignedAnswers,
	waitlistedAnswers,
	stored: Object.fromEntries(rushCounts.map((row) => [row.status, row._count]))
};

const hwm = rssMiB('VmHWM');
for (const server of servers) server.kill(process.env.BENCH_PROFILE ? 'SIGUSR2' : 'SIGTERM');
await sleep(process.env.BENCH_PROFILE ? 5000 : 1500);
await db.$disconnect();
setupAgent.destroy();
if (postgres) {
	const pg = (await import('pg')).default;
	const admin = new pg.Client({ connectionString: pgAdminUrl });
	await admin.connect();
	await admin.query(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`);
	await admin.end();
}
rmSync(scratch, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------
// Figures
const figures = {
	build: buildDir,
	database: postgres ? 'postgresql' : 'sqlite',
	processes,
	volunteers: VOLUNTEERS,
	health: healthFigures,
	setup: { rosterImportMs, bulkMs, routes: ROUTES, openSlots, signedIn: signedIn.length },
	fill: { ...fillFigures, drain: fillDrain },
	peak: peakFigures,
	backlog,
	rush: rushFigures,
	rssHighWaterMiB: hwm
};
type Figures = typeof figures;
print(figures);
const jsonOut = value('json');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(figures));
process.exit(0);

function print(f: Figures) {
	const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : '-');
	const r = (n: number) => n.toFixed(2);
	const line = (name: string, s: Summary) =>
		`  ${name.padEnd(13)} ${String(s.count).padStart(6)}  p50 ${ms(s.p50).padStart(8)}  p95 ${ms(s.p95).padStart(8)}  p99 ${ms(s.p99).padStart(8)}  errors ${s.errors}${s.firstError ? ` (${s.firstError.slice(0, 100)})` : ''}`;
	const h = f.health;
	console.log(
		`\n=== Shift-change peak: ${f.volunteers} volunteers, ${f.database}, ${f.processes} process(es), ${f.build}`
	);
	console.log(
		`baseline GET /api/health alone: ${h.perSecond.toFixed(0)}/s, p50 ${ms(h.p50)}, p99 ${ms(h.p99)}, ${h.cpuMsPerRequest.toFixed(2)} ms CPU per request`
	);
	console.log(
		`setup: roster import ${(f.setup.rosterImportMs / 1000).toFixed(1)} s, bulk shifts ${(f.setup.bulkMs / 1000).toFixed(1)} s (${f.setup.routes} shifts, ${f.setup.openSlots} places), ${f.setup.signedIn} signed in`
	);
	console.log(
		`fill: proposal ${(f.fill.proposalMs / 1000).toFixed(1)} s (${f.fill.proposed} of ${f.fill.openSlots}), apply ${(f.fill.applyMs / 1000).toFixed(1)} s (answer after ${(f.fill.applyRequestMs / 1000).toFixed(1)} s, ${f.fill.placed} placed); other requests meanwhile: longest wait ${ms(f.fill.probe.max)}, p99 ${ms(f.fill.probe.p99)} (${f.fill.probe.count} probes)`
	);
	console.log(
		`  fill events: ${f.fill.drain.before} pending, ${f.fill.drain.before - f.fill.drain.left} handled in ${f.fill.drain.seconds.toFixed(0)} s (${f.fill.drain.perSecond.toFixed(0)}/s), ${f.fill.drain.left} still pending when the peak starts`
	);
	const p = f.peak;
	console.log(`peak, ${p.seconds.toFixed(0)} s:`);
	console.log(
		`  mix ${p.perSecond.toFixed(1)} requests/s = ${r(p.perSecond / h.perSecond)} × health; volunteers served ${p.volunteersServed.toFixed(0)}; seconds without a completed request: ${p.emptySeconds}`
	);
	console.log(
		`  server CPU ${p.cpuMsPerRequest.toFixed(2)} ms per request = ${r(p.cpuMsPerRequest / h.cpuMsPerRequest)} × health; ${p.cpuCores.toFixed(2)} cores busy`
	);
	console.log(line('all volunteer', p.all));
	for (const [kind, s] of Object.entries(p.kinds)) console.log(line(kind, s));
	console.log(
		`  p95 of volunteer requests = ${r(p.all.p95 / h.p95)} × health p95; p99 = ${r(p.all.p99 / h.p99)} × health p99`
	);
	const b = p.board;
	console.log(line('board page', b.page));
	console.log(
		`  board stream: ${b.streamsConnected}/${ORGANIZERS} connected, connect p95 ${ms(b.streamConnect.p95)} max ${ms(b.streamConnect.max)}; ${b.streamEvents} notices`
	);
	console.log(
		`  after a check-in: notice p50 ${ms(b.eventLatency.p50)} max ${ms(b.eventLatency.max)}; board data reloaded p50 ${ms(b.updateLatency.p50)} max ${ms(b.updateLatency.max)} (${b.updateLatency.count} markers)`
	);
	console.log(
		`  memory: RSS ${p.rssBeforeMiB.toFixed(0)} MiB before the peak, ${p.rssPeakMiB.toFixed(0)} MiB at most during it; high-water mark of the run ${f.rssHighWaterMiB.map((n) => n.toFixed(0)).join(' + ')} MiB`
	);
	console.log(
		`backlog: ${f.peak.eventsAtStart} events pending when the peak started, ${f.backlog.before} after it, ${f.backlog.left} left after ${f.backlog.seconds.toFixed(0)} s (${f.backlog.perSecond.toFixed(0)}/s)`
	);
	const u = f.rush;
	console.log(
		`rush: ${u.count} sign-ups for ${RUSH.places} places in ${RUSH.seconds} s: last answer ${u.lastAnswerAfterLastRequestS.toFixed(1)} s after the last request; p50 ${ms(u.p50)}, p99 ${ms(u.p99)}, errors ${u.errors}${u.firstError ? ` (${u.firstError.slice(0, 100)})` : ''}; placed ${JSON.stringify(u.stored)}`
	);
}

function show(value: number | null | undefined, digits: number) {
	return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '-';
}

function compare(results: { build: string; figures: Figures }[]) {
	const rows: [string, (f: Figures) => number, number][] = [
		['health requests/s', (f) => f.health.perSecond, 0],
		['mix requests/s', (f) => f.peak.perSecond, 1],
		['mix / health throughput', (f) => f.peak.perSecond / f.health.perSecond, 3],
		['volunteers served', (f) => f.peak.volunteersServed, 0],
		['CPU ms per request', (f) => f.peak.cpuMsPerRequest, 2],
		['CPU per request / health', (f) => f.peak.cpuMsPerRequest / f.health.cpuMsPerRequest, 1],
		['volunteer p95 ms', (f) => f.peak.all.p95, 0],
		['volunteer p99 ms', (f) => f.peak.all.p99, 0],
		['board page p95 ms', (f) => f.peak.board.page.p95, 0],
		['stream connect max ms', (f) => f.peak.board.streamConnect.max, 0],
		['update after check-in max ms', (f) => f.peak.board.updateLatency.max, 0],
		['peak RSS MiB', (f) => f.peak.rssPeakMiB, 0],
		['fill proposal s', (f) => f.fill.proposalMs / 1000, 1],
		['fill apply s', (f) => f.fill.applyMs / 1000, 1],
		['longest wait during apply ms', (f) => f.fill.probe.max, 0],
		['fill events handled/s', (f) => f.fill.drain.perSecond, 0],
		['backlog after peak', (f) => f.backlog.before, 0],
		['backlog left after drain', (f) => f.backlog.left, 0],
		['rush last answer after last request s', (f) => f.rush.lastAnswerAfterLastRequestS, 1],
		['rush placed', (f) => f.rush.stored.ASSIGNED ?? 0, 0]
	];
	console.log('\n=== Side by side');
	console.log(`${''.padEnd(40)}${results.map((r) => r.build.slice(-28).padStart(30)).join('')}`);
	for (const [name, get, digits] of rows) {
		console.log(
			`${name.padEnd(40)}${results.map((r) => show(get(r.figures), digits).padStart(30)).join('')}`
		);
	}
}
