// A production server of its own for tests that change or stop it (the SIGTERM test, the form
// fuzzer): its own data folder and database (SQLite, or a PostgreSQL database made for it), the
// demo seeded by `npm start`'s own data step, and helpers to sign in and read the database.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

export type Provider = 'sqlite' | 'postgresql';

const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface BuiltServer {
	url: string;
	provider: Provider;
	process: ChildProcess;
	password: string;
	output: () => string;
	query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
	stop: () => Promise<void>;
}

async function onPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

export async function postgresAvailable(): Promise<boolean> {
	try {
		await onPostgres(POSTGRES_ADMIN_URL, (client) => client.query('SELECT 1'));
		return true;
	} catch {
		return false;
	}
}

export async function startBuiltServer(
	provider: Provider,
	port: number,
	env: Record<string, string> = {},
	/** Scripts run with tsx against the new database after the demo seed, before the server. */
	setup: string[] = []
) {
	const dataDir = mkdtempSync(join(tmpdir(), `redband-built-${provider}-`));
	let databaseUrl = `file:${join(dataDir, 'app.db')}`;
	const pgName = `redband_built_${process.pid}_${port}_${Date.now().toString(36)}`;
	if (provider === 'postgresql') {
		await onPostgres(POSTGRES_ADMIN_URL, (client) => client.query(`CREATE DATABASE "${pgName}"`));
		const url = new URL(POSTGRES_ADMIN_URL);
		url.pathname = `/${pgName}`;
		databaseUrl = url.toString();
	}
	const origin = `http://localhost:${port}`;
	const serverEnv = {
		...process.env,
		DATA_DIR: dataDir,
		DATABASE_URL: databaseUrl,
		PORT: String(port),
		ORIGIN: origin,
		NODE_ENV: 'production',
		COOKIE_SECURE: 'false',
		BODY_SIZE_LIMIT: '3M',
		...env
	};
	for (const script of ['scripts/prepare-data.ts', ...setup]) {
		const prepared = spawnSync('npx', ['tsx', script], { env: serverEnv, encoding: 'utf8' });
		if (prepared.status !== 0) throw new Error(`${script} failed: ${prepared.stderr}`);
	}
	const password = readFileSync(join(dataDir, 'demo-password'), 'utf8').trim();

	let log = '';
	const child = spawn(process.execPath, ['build'], { env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout!.on('data', (chunk) => (log += chunk));
	child.stderr!.on('data', (chunk) => (log += chunk));
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited at start: ${log}`);
		try {
			if ((await fetch(`${origin}/api/health`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() - started > 30_000) throw new Error(`server did not start: ${log}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}

	const sqlite = provider === 'sqlite' ? new Database(databaseUrl.slice(5), { readonly: true }) : null;
	const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
		if (sqlite) return sqlite.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as T[];
		return onPostgres(databaseUrl, async (client) => (await client.query(sql, params)).rows as T[]);
	};
	const server: BuiltServer = {
		url: origin,
		provider,
		process: child,
		password,
		output: () => log,
		query,
		stop: async () => {
			if (child.exitCode === null) {
				child.kill('SIGTERM');
				await new Promise((resolve) => child.once('exit', resolve));
			}
			sqlite?.close();
			if (provider === 'postgresql') {
				await onPostgres(POSTGRES_ADMIN_URL, (client) =>
					client.query(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`)
				);
			}
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
	return server;
}

/** Signs in through the login form as a browser would; returns the Cookie header to send. */
export async function signInCookie(server: BuiltServer, email: string): Promise<string> {
	const response = await fetch(`${server.url}/login`, {
		method: 'POST',
		headers: {
			origin: server.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password: server.password }),
		redirect: 'manual'
	});
	const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
	const session = cookies.find((c) => c.startsWith('session='));
	if (response.status !== 303 || !session) throw new Error(`sign-in failed for ${email}: ${response.status}`);
	return cookies.join('; ');
}
