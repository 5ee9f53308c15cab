// Live change notices for boards that update on their own (coverage, occupancy, inbox badge).
// Within one process an EventEmitter carries them. On PostgreSQL, where several app instances may
// serve the same operation, every notice goes through NOTIFY and each instance LISTENs, so a change
// made on one instance reaches the browsers connected to another.
// Notices are small ("something changed on this channel"); listeners reload what they show.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { dbTarget } from '../db';

const PG_CHANNEL = 'redband_live';
const local = new EventEmitter();
local.setMaxListeners(0);

export interface LiveNotice {
	channel: string;
	data?: unknown;
}

let listener: Promise<pg.Client> | undefined;
let publisher: pg.Pool | undefined;

function listen(): Promise<pg.Client> {
	listener ??= (async () => {
		const client = new pg.Client({ connectionString: dbTarget.url });
		client.on('notification', (message) => {
			if (message.channel !== PG_CHANNEL || !message.payload) return;
			const notice = JSON.parse(message.payload) as LiveNotice;
			local.emit(notice.channel, notice.data);
		});
		client.on('error', (error) => {
			console.error('[live] LISTEN connection lost', error);
			listener = undefined;
		});
		await client.connect();
		await client.query(`LISTEN ${PG_CHANNEL}`);
		return client;
	})();
	return listener;
}

export async function publish(channel: string, data?: unknown): Promise<void> {
	if (dbTarget.provider !== 'postgresql') {
		local.emit(channel, data);
		return;
	}
	if (!publisher) {
		publisher = new pg.Pool({ connectionString: dbTarget.url, max: 2 });
		// An idle connection dropped by the server (a restart) must not crash the process.
		publisher.on('error', (error) => console.error('[live] NOTIFY connection lost', error));
	}
	const payload = JSON.stringify({ channel, data } satisfies LiveNotice);
	// NOTIFY payloads are limited to 8000 bytes; notices carry ids, never whole records.
	if (Buffer.byteLength(payload) > 7900) throw new Error(`Live notice on ${channel} is too large`);
	await publisher.query('SELECT pg_notify($1, $2)', [PG_CHANNEL, payload]);
}

/** Calls `onNotice` for every notice on `channel` until the returned function is called. */
export async function subscribe(channel: string, onNotice: (data: unknown) => void): Promise<() => void> {
	if (dbTarget.provider === 'postgresql') await listen();
	local.on(channel, onNotice);
	return () => local.off(channel, onNotice);
}

export async function closeLiveBus(): Promise<void> {
	const client = await listener;
	listener = undefined;
	await client?.end();
	await publisher?.end();
	publisher = undefined;
}
