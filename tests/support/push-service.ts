// A local Web Push service for tests: an HTTPS server on 127.0.0.1 that plays the browser
// vendor's endpoint. Fake devices are real subscriptions (an ECDH P-256 key pair and 16 random auth
// bytes); every push is decrypted with the device's private key (aes128gcm, http_ece), so a test
// sees exactly what a phone would get, with the TTL, Urgency, Topic and Authorization headers.
// Answers can be scripted per device: 404/410 (gone), 429 with Retry-After, 500.
import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ece from 'http_ece';

export interface FakeDevice {
	id: string;
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

export interface ReceivedPush {
	deviceId: string;
	/** The status the service answered with. */
	status: number;
	/** Decrypted and parsed; null when the service refused it before reading. */
	payload: Record<string, unknown> | null;
	bytes: number;
	ttl: string | undefined;
	urgency: string | undefined;
	topic: string | undefined;
	authorization: string | undefined;
	at: number;
}

export interface ScriptedAnswer {
	status: number;
	retryAfter?: string;
}

interface Device {
	ecdh: ECDH;
	auth: string;
	script: ScriptedAnswer[];
	gone?: number;
}

/** A self-signed certificate for 127.0.0.1, made with openssl for this run. */
export function selfSignedCertificate(): { key: string; cert: string } {
	const dir = mkdtempSync(join(tmpdir(), 'redband-push-tls-'));
	try {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'ec',
				'-pkeyopt',
				'ec_paramgen_curve:prime256v1',
				'-nodes',
				'-keyout',
				join(dir, 'key.pem'),
				'-out',
				join(dir, 'cert.pem'),
				'-days',
				'1',
				'-subj',
				'/CN=127.0.0.1',
				'-addext',
				'subjectAltName=IP:127.0.0.1'
			],
			{ stdio: 'ignore' }
		);
		return {
			key: readFileSync(join(dir, 'key.pem'), 'utf8'),
			cert: readFileSync(join(dir, 'cert.pem'), 'utf8')
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export class PushService {
	readonly received: ReceivedPush[] = [];
	/** Called for every push as it is answered (a test can crash the sender at a chosen moment). */
	onPush: ((push: ReceivedPush) => void) | null = null;
	readonly #devices = new Map<string, Device>();
	readonly #server: https.Server;
	#counter = 0;
	origin = '';

	/**
	 * Decrypt one push in this many (1: all). The benchmark samples, so that the service, which a
	 * real vendor scales out, is not what limits the sender being measured; headers and sizes are
	 * always checked.
	 */
	decryptEvery = 1;
	/**
	 * How long each answer takes, as a vendor's push service across the internet would (the
	 * benchmark's round trip); 0 in tests.
	 */
	latencyMs = 0;
	#seen = 0;

	constructor(readonly tls = selfSignedCertificate()) {
		this.#server = https.createServer({ ...tls, keepAliveTimeout: 30_000 }, (request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => this.#handle(request, Buffer.concat(chunks), response));
		});
	}

	/** The certificate to trust (an https.Agent's `ca`, or NODE_EXTRA_CA_CERTS in a child). */
	get ca(): string {
		return this.tls.cert;
	}

	async listen(): Promise<this> {
		await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
		this.origin = `https://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
		return this;
	}

	/** A new device with real keys, as `PushSubscription.toJSON()` would give it. */
	device(id = `d${++this.#counter}`): FakeDevice {
		const ecdh = createECDH('prime256v1');
		ecdh.generateKeys();
		const auth = randomBytes(16).toString('base64url');
		this.#devices.set(id, { ecdh, auth, script: [] });
		return {
			id,
			endpoint: `${this.origin}/push/${id}`,
			keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth }
		};
	}

	/** Answers the device's next pushes with these, in order (then 201 again). */
	script(deviceId: string, ...answers: ScriptedAnswer[]): void {
		this.#device(deviceId).script.push(...answers);
	}

	/** From now on the device answers every push with `status` (404 or 410: unsubscribed). */
	unsubscribe(deviceId: string, status: 404 | 410 = 410): void {
		this.#device(deviceId).gone = status;
	}

	/** Pushes accepted (201) for a device, or for all. */
	accepted(deviceId?: string): ReceivedPush[] {
		return this.received.filter((push) => push.status === 201 && (!deviceId || push.deviceId === deviceId));
	}

	#device(id: string): Device {
		const device = this.#devices.get(id);
		if (!device) throw new Error(`No fake device ${id}`);
		return device;
	}

	#handle(
		request: import('node:http').IncomingMessage,
		body: Buffer,
		response: import('node:http').ServerResponse
	) {
		const deviceId = decodeURIComponent(request.url?.split('/push/')[1] ?? '');
		const device = this.#devices.get(deviceId);
		const record = (status: number, payload: Record<string, unknown> | null) => {
			const push: ReceivedPush = {
				deviceId,
				status,
				payload,
				bytes: body.length,
				ttl: request.headers.ttl as string | undefined,
				urgency: request.headers.urgency as string | undefined,
				topic: request.headers.topic as string | undefined,
				authorization: request.headers.authorization,
				at: Date.now()
			};
			this.received.push(push);
			this.onPush?.(push);
		};
		const answer = (status: number, headers: Record<string, string> = {}) => {
			const send = () => {
				response.writeHead(status, headers);
				response.end();
			};
			if (this.latencyMs > 0) setTimeout(send, this.latencyMs);
			else send();
		};
		if (request.method !== 'POST' || !device) return answer(404);
		if (device.gone) {
			record(device.gone, null);
			return answer(device.gone);
		}
		const scripted = device.script.shift();
		if (scripted) {
			record(scripted.status, null);
			return answer(scripted.status, scripted.retryAfter ? { 'Retry-After': scripted.retryAfter } : {});
		}
		// What a real push service checks: the encoding, the VAPID authorization and the 4 KB limit.
		if (
			request.headers['content-encoding'] !== 'aes128gcm' ||
			!/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/.test(request.headers.authorization ?? '') ||
			body.length > 4096
		) {
			record(400, null);
			return answer(400);
		}
		let payload: Record<string, unknown> = {};
		if (++this.#seen % this.decryptEvery === 0) {
			try {
				const plain = ece.decrypt(body, {
					version: 'aes128gcm',
					privateKey: device.ecdh,
					authSecret: device.auth
				});
				payload = JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
			} catch {
				record(400, null);
				return answer(400);
			}
		}
		record(201, payload);
		answer(201, { Location: `${this.origin}/message/${this.received.length}` });
	}

	async close(): Promise<void> {
		this.#server.closeAllConnections();
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}
}

/** An agent that trusts the test service, with connection reuse like the app's own. */
export function trustingAgent(service: PushService, maxSockets = 50): https.Agent {
	return new https.Agent({ keepAlive: true, maxSockets, ca: service.ca });
}

export async function startPushService(): Promise<PushService> {
	return new PushService().listen();
}
