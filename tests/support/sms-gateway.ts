// A local SMS gateway for tests: an HTTP server on 127.0.0.1 that records every JSON POST it gets
// (body and Authorization header) and answers 200, or what a test scripts (500, 401, ...).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
	to: string;
	message: string;
	reference: string;
	authorization: string | undefined;
	status: number;
}

export class SmsGateway {
	readonly received: ReceivedSms[] = [];
	/** Answers for the next requests, in order (then 200 again). */
	readonly script: number[] = [];
	url = '';
	readonly #server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const status = this.script.shift() ?? 200;
			const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Omit<
				ReceivedSms,
				'authorization' | 'status'
			>;
			this.received.push({ ...body, authorization: request.headers.authorization, status });
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ ok: status === 200 }));
		});
	});

	async listen(): Promise<this> {
		await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/send`;
		return this;
	}

	/** Texts the gateway accepted. */
	accepted(): ReceivedSms[] {
		return this.received.filter((sms) => sms.status === 200);
	}

	async close(): Promise<void> {
		this.#server.closeAllConnections();
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}
}
