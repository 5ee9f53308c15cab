// The form fuzzer: signs in as each role, finds every form on every page it can reach, and posts
// hostile values into each (empty, huge, negative, NaN, unknown ids, another operation's ids,
// markup, SQL, control characters). No answer may be a 5xx, and nothing hostile may be stored:
// no huge value, no NUL, nothing in the other operation changed. It runs on a server of its own
// (it changes data) and is bounded in time.
import { expect, test } from '@playwright/test';
import {
	postgresAvailable,
	signInCookie,
	startBuiltServer,
	type BuiltServer,
	type Provider
} from './built-server';

test.describe.configure({ mode: 'serial' });

const HUGE_MARK = 'FUZZHUGE';
const UNKNOWN_ID = 'cm0000000000000000fuzz0000';

type Role = 'ADMIN' | 'ORGANIZER' | 'LOGISTICS' | 'VOLUNTEER';
const ROLES: { role: Role; email: string; start: string[] }[] = [
	{
		role: 'VOLUNTEER',
		email: 'volunteer@redband.demo',
		start: [
			'/home',
			'/shifts',
			'/account',
			'/account/profile',
			'/inbox',
			'/patrol',
			'/pods',
			'/meals',
			'/supplies',
			'/lost-found',
			'/guests'
		]
	},
	{ role: 'LOGISTICS', email: 'logistics@redband.demo', start: ['/logistics', '/home', '/account'] },
	{
		role: 'ORGANIZER',
		email: 'organizer@redband.demo',
		start: [
			'/organizer',
			'/organizer/volunteers',
			'/organizer/shifts',
			'/organizer/operations',
			'/organizer/broadcasts/new'
		]
	},
	{
		role: 'ADMIN',
		email: 'admin@redband.demo',
		start: ['/organizer', '/organizer/volunteers', '/organizer/audit?accounts=1']
	}
];

/** The kind of page a path is: record ids and the query left out. */
const kindOf = (path: string) => path.replace(/\/[a-z0-9]{20,}(?=\/|$|\?)/gi, '/:id').replace(/\?.*$/, '');

/** Pages never fetched or posted to: they end the session or never end (live streams). */
const SKIP = /^\/(logout|locale)|\/live(\/|$)|\.ics$|\/__data\.json/;

/** Known 5xx outside this branch's areas, converted by the forms helper; listed in the report. */
const KNOWN: RegExp[] = [];

function hostileValues(
	other: Record<string, string>
): { kind: string; value: (name: string, original: string) => string }[] {
	const otherId = (name: string) =>
		/zone/i.test(name)
			? other.zoneId
			: /post|depot/i.test(name)
				? other.postId
				: /route/i.test(name)
					? other.routeId
					: other.operationId;
	return [
		{ kind: 'empty', value: () => '' },
		{ kind: 'huge', value: () => HUGE_MARK + 'A'.repeat(120_000) },
		{ kind: 'negative', value: () => '-1' },
		{ kind: 'NaN', value: () => 'NaN' },
		{ kind: 'overflow', value: () => '1e309' },
		{
			kind: 'unknown id',
			value: (name, original) =>
				/id$/i.test(name) || /^c[a-z0-9]{20,}$/.test(original) ? UNKNOWN_ID : original || UNKNOWN_ID
		},
		{
			kind: 'other operation id',
			value: (name, original) =>
				/id$/i.test(name) || /^c[a-z0-9]{20,}$/.test(original) ? otherId(name) : original
		},
		{ kind: 'markup', value: () => '<script>alert(1)</script><img src=x onerror=alert(1)>' },
		{ kind: 'sql', value: () => "' OR '1'='1'; DROP TABLE \"User\"; --" },
		{ kind: 'control', value: () => 'a\u0000b\r\nc\u0007\u202e' },
		{ kind: 'date', value: () => '2026-02-31T25:61' }
	];
}

interface Field {
	name: string;
	value: string;
	hidden: boolean;
	options: string[];
}
interface FormTarget {
	page: string;
	action: string;
	fields: Field[];
	multipart: boolean;
}

const attr = (tag: string, name: string) => {
	const match = new RegExp(`\\s${name}(?:=(?:"([^"]*)"|'([^']*)'|([^\\s>]+)))?`, 'i').exec(tag);
	if (!match) return null;
	return (match[1] ?? match[2] ?? match[3] ?? '')
		.replace(/&amp;/g, '&')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'");
};

/** Forms and their submit targets (a button's formaction is a target of its own). */
function formsOf(page: string, html: string): FormTarget[] {
	const targets: FormTarget[] = [];
	for (const [, open, body] of html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/gi)) {
		if ((attr(open, 'method') ?? 'get').toLowerCase() !== 'post') continue;
		const fields: Field[] = [];
		for (const [tag] of body.matchAll(/<input\b[^>]*>/gi)) {
			const name = attr(tag, 'name');
			const type = (attr(tag, 'type') ?? 'text').toLowerCase();
			if (!name || type === 'submit' || type === 'button') continue;
			if (
				(type === 'checkbox' || type === 'radio') &&
				attr(tag, 'checked') === null &&
				fields.some((f) => f.name === name)
			)
				continue;
			fields.push({ name, value: attr(tag, 'value') ?? '', hidden: type === 'hidden', options: [] });
		}
		for (const [, tag, inner] of body.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/gi)) {
			const name = attr(tag, 'name');
			if (!name) continue;
			const options = [...inner.matchAll(/<option\b[^>]*>/gi)].map(([o]) => attr(o, 'value') ?? '');
			fields.push({ name, value: options[0] ?? '', hidden: false, options });
		}
		for (const [tag] of body.matchAll(/<textarea\b[^>]*>/gi)) {
			const name = attr(tag, 'name');
			if (name) fields.push({ name, value: '', hidden: false, options: [] });
		}
		const multipart = (attr(open, 'enctype') ?? '').includes('multipart');
		const actions = new Set<string>([attr(open, 'action') ?? '']);
		for (const [tag] of body.matchAll(/<button\b[^>]*>/gi)) {
			const formaction = attr(tag, 'formaction');
			if (formaction !== null) actions.add(formaction);
		}
		if ([...actions].some((a) => a !== '')) actions.delete('');
		for (const action of actions) {
			const url = new URL(action || page, `http://x${page}`);
			targets.push({ page, action: url.pathname + url.search, fields, multipart });
		}
	}
	return targets;
}

function linksOf(html: string): string[] {
	const links: string[] = [];
	for (const [, href] of html.matchAll(/<a\b[^>]*\shref="([^"#]*)/gi)) {
		if (!href.startsWith('/') || href.startsWith('//')) continue;
		links.push(href.replace(/&amp;/g, '&'));
	}
	return links;
}

async function fuzz(server: BuiltServer, budgetMs: number) {
	const other = (
		await server.query<{ id: string }>(`SELECT "id" FROM "Operation" WHERE "name" = 'Other Operation'`)
	)[0];
	const ids = {
		operationId: other.id,
		zoneId: (
			await server.query<{ id: string }>(`SELECT "id" FROM "Zone" WHERE "operationId" = $1`, [other.id])
		)[0].id,
		postId: (
			await server.query<{ id: string }>(`SELECT "id" FROM "Post" WHERE "operationId" = $1`, [other.id])
		)[0].id,
		routeId: (
			await server.query<{ id: string }>(`SELECT "id" FROM "Route" WHERE "operationId" = $1`, [other.id])
		)[0].id
	};
	const otherBefore = await snapshotOther(server, other.id);
	const values = hostileValues(ids);
	const problems: string[] = [];
	let posts = 0;
	const statuses = new Map<number, number>();
	const deadline = Date.now() + budgetMs;

	for (const [roleIndex, { role, email, start }] of ROLES.entries()) {
		const cookie = await signInCookie(server, email);
		const request = (path: string, init: RequestInit = {}) =>
			fetch(`${server.url}${path}`, {
				...init,
				redirect: 'manual',
				signal: AbortSignal.timeout(15_000),
				headers: { cookie, origin: server.url, accept: 'text/html', ...(init.headers ?? {}) }
			});
		// Crawl: every page reachable by links from the role's start pages.
		const queue = [...start];
		const seen = new Set<string>();
		const patterns = new Map<string, number>();
		const targets: FormTarget[] = [];
		// Every kind of page the role can reach, one or two of each: the crawl must end (a minute and
		// a half is several times what it takes) before the time for posting is shared out.
		const crawlUntil = Date.now() + 90_000;
		while (queue.length && Date.now() < crawlUntil) {
			const path = queue.shift()!;
			// One or two pages per kind of page: record ids and filters do not make new forms.
			const key = path.replace(/[?&](page|day|q|from|to|period)=[^&]*/g, '');
			const pattern = kindOf(key);
			if (seen.has(key) || SKIP.test(path) || (patterns.get(pattern) ?? 0) >= 2) continue;
			seen.add(key);
			patterns.set(pattern, (patterns.get(pattern) ?? 0) + 1);
			const response = await request(path);
			if (response.status >= 500) problems.push(`${role} GET ${path}: ${response.status}`);
			if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) {
				await response.body?.cancel();
				continue;
			}
			const html = await response.text();
			targets.push(...formsOf(path, html));
			queue.push(...linksOf(html).filter((link) => !SKIP.test(link)));
		}
		const unvisited = new Set(queue.map(kindOf));
		for (const pattern of patterns.keys()) unvisited.delete(pattern);
		if (unvisited.size) problems.push(`${role}: the crawl never reached ${[...unvisited].join(', ')}`);
		const roleDeadline = Date.now() + (deadline - Date.now()) / (ROLES.length - roleIndex);
		// Post every form with every kind of hostile value, in turn, while time lasts.
		const unique = [
			...new Map(targets.map((t) => [`${t.action}|${t.fields.map((f) => f.name).join(',')}`, t])).values()
		].filter((t) => !SKIP.test(t.action));
		// Round after round, every form gets the next kind of hostility (form i starts at kind i),
		// first with every field hostile (malformed record ids included), then with the hidden record
		// ids kept so that the hostile text reaches the domain behind them.
		const passes = values.flatMap((value) =>
			/id$/.test(value.kind)
				? [{ value, keepHidden: false }]
				: [
						{ value, keepHidden: false },
						{ value, keepHidden: true }
					]
		);
		for (let round = 0; round < passes.length && Date.now() < roleDeadline; round++) {
			for (const [index, target] of unique.entries()) {
				if (Date.now() > roleDeadline) break;
				const { value, keepHidden } = passes[(index + round) % passes.length];
				const form = new FormData();
				for (const field of target.fields) {
					form.append(
						field.name,
						field.hidden && keepHidden ? field.value : value.value(field.name, field.value)
					);
				}
				const body = target.multipart ? form : new URLSearchParams(form as unknown as Record<string, string>);
				let status: number;
				try {
					const response = await request(target.action, { method: 'POST', body });
					status = response.status;
					await response.body?.cancel();
				} catch (error) {
					status = 599;
					problems.push(`${role} POST ${target.action} (${value.kind}): ${(error as Error).message}`);
				}
				posts++;
				statuses.set(status, (statuses.get(status) ?? 0) + 1);
				if (status >= 500) {
					const line = `${role} POST ${target.action} from ${target.page} (${value.kind}): ${status}`;
					if (!KNOWN.some((known) => known.test(line))) problems.push(line);
				}
			}
		}
		// Only an admin works on the other operation: nobody before the admin may have changed it.
		if (role === 'ORGANIZER') {
			expect(await snapshotOther(server, other.id), 'the other operation changed').toEqual(otherBefore);
		}

		console.log(
			`[fuzz ${server.provider}] ${role}: ${seen.size} pages of ${patterns.size} kinds, ${unique.length} form targets, ${posts} posts so far`
		);
	}
	console.log(
		`[fuzz ${server.provider}] ${posts} hostile posts, answers: ${JSON.stringify(Object.fromEntries(statuses))}`
	);

	// Nothing hostile stored: no huge value, no NUL anywhere.
	problems.push(...(await storedHostility(server)));
	return { problems, posts };
}

async function snapshotOther(server: BuiltServer, operationId: string) {
	const rows = async (table: string) =>
		(await server.query(`SELECT * FROM "${table}" WHERE "operationId" = $1`, [operationId]))
			.map((row) => JSON.stringify(row, (_, value) => (typeof value === 'bigint' ? Number(value) : value)))
			.sort();
	return {
		operation: await server.query(
			`SELECT "name", "startsAt", "endsAt", "timezone" FROM "Operation" WHERE "id" = $1`,
			[operationId]
		),
		zones: await rows('Zone'),
		posts: await rows('Post'),
		routes: await rows('Route'),
		checkpoints: await rows('Checkpoint'),
		shifts: await rows('Shift'),
		items: await rows('Item'),
		members: await rows('OperationMember')
	};
}

/** Every text column of every table: none holds the huge value or a NUL. */
async function storedHostility(server: BuiltServer): Promise<string[]> {
	const found: string[] = [];
	const columns =
		server.provider === 'sqlite'
			? await server.query<{ t: string; c: string }>(
					`SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p
						 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_prisma_migrations' AND p.type = 'TEXT'`
				)
			: await server.query<{ t: string; c: string }>(
					`SELECT table_name AS t, column_name AS c FROM information_schema.columns
					 WHERE table_schema = 'public' AND data_type = 'text' AND table_name <> '_prisma_migrations'`
				);
	for (const { t, c } of columns) {
		const huge = await server.query(`SELECT 1 FROM "${t}" WHERE "${c}" LIKE $1 LIMIT 1`, [`%${HUGE_MARK}%`]);
		if (huge.length) found.push(`stored a huge value in ${t}.${c}`);
		if (server.provider === 'sqlite') {
			const nul = await server.query(`SELECT 1 FROM "${t}" WHERE instr("${c}", char(0)) > 0 LIMIT 1`);
			if (nul.length) found.push(`stored a NUL in ${t}.${c}`);
		}
	}
	return found;
}

for (const [index, provider] of (['sqlite', 'postgresql'] as Provider[]).entries()) {
	test(`hostile values in every form of every role's pages on ${provider}: no 5xx, nothing stored`, async () => {
		// Posting takes the budget below; the crawls and the server's start come on top.
		test.setTimeout(480_000);
		if (provider === 'postgresql') test.skip(!(await postgresAvailable()), 'no PostgreSQL on this machine');
		const port = Number(new URL(process.env.E2E_BASE_URL ?? 'http://localhost:4300').port) + 510 + index;
		const server = await startBuiltServer(provider, port, { REDBAND_JOBS: 'off' }, [
			'tests/e2e/second-operation.ts'
		]);
		try {
			const { problems, posts } = await fuzz(server, Number(process.env.FUZZ_BUDGET_MS ?? 120_000));
			// However busy the machine, every role posted something.
			expect(posts).toBeGreaterThan(40);
			expect(problems, server.output().slice(-4000)).toEqual([]);
		} finally {
			await server.stop();
		}
	});
}
