import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import QRCode from 'qrcode';
import { signToken } from '../../src/lib/server/signing';
import { patrolVolunteer, stored } from './patrol-fixtures';
import { open, signIn } from './support';

/**
 * A camera pointed at a checkpoint poster: a Y4M video (what Chromium's fake camera plays) of
 * the QR code, black modules on white, in the middle of a 640×480 frame.
 */
async function posterVideo(text: string, file: string) {
	const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const [width, height, scale, quiet] = [640, 480, 8, 4];
	const size = (qr.modules.size + 2 * quiet) * scale;
	const left = (width - size) / 2;
	const top = (height - size) / 2;
	const luma = Buffer.alloc(width * height, 235);
	for (let y = 0; y < qr.modules.size; y++) {
		for (let x = 0; x < qr.modules.size; x++) {
			if (!qr.modules.get(y, x)) continue;
			for (let dy = 0; dy < scale; dy++) {
				const row = top + (y + quiet) * scale + dy;
				luma.fill(16, row * width + left + (x + quiet) * scale, row * width + left + (x + quiet + 1) * scale);
			}
		}
	}
	const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
	const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
	const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
	await writeFile(file, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]));
}

test('a volunteer checks in by scanning the checkpoint poster with the camera, with the app’s own decoder', async ({
	playwright
}, testInfo) => {
	const person = await patrolVolunteer('scan');
	const checkpoint = person.checkpoints[1];
	const { signingKey } = JSON.parse(
		await readFile(join(process.env.E2E_DATA_DIR!, 'secrets.json'), 'utf8')
	) as {
		signingKey: string;
	};
	const token = signToken('checkpoint', { c: checkpoint.id, r: checkpoint.routeId }, signingKey);
	const baseURL = testInfo.project.use.baseURL!;
	const dir = testInfo.outputPath('camera');
	await mkdir(dir, { recursive: true });
	const video = join(dir, 'poster.y4m');
	await posterVideo(`${baseURL}/scan/${token}`, video);

	const { launchOptions } = testInfo.project.use;
	const browser = await playwright.chromium.launch({
		...launchOptions,
		args: [
			...(launchOptions?.args ?? []),
			'--use-fake-device-for-media-stream',
			'--use-fake-ui-for-media-stream',
			`--use-file-for-fake-video-capture=${video}`
		]
	});
	try {
		const context = await browser.newContext({
			baseURL,
			viewport: { width: 360, height: 780 },
			permissions: ['camera']
		});
		const page = await context.newPage();
		const fromElsewhere: string[] = [];
		page.on('request', (request) => {
			if (!request.url().startsWith(baseURL)) fromElsewhere.push(request.url());
		});
		await signIn(page, person.email);
		await open(page, '/patrol');
		await page.getByRole('button', { name: 'Start shift' }).click();
		await page.getByRole('button', { name: 'Scan checkpoint QR' }).click();
		await expect(page.getByText('Checked in at North Loop 2.')).toBeVisible({ timeout: 30_000 });
		await expect(page.getByRole('dialog')).toHaveCount(0);
		await expect(page.getByText('Everything sent')).toBeVisible();
		const { checkIns } = await stored(person.user.id);
		expect(checkIns).toMatchObject([{ method: 'QR', checkpointId: checkpoint.id, outOfOrder: false }]);
		// The decoder's WebAssembly came from the app, not from a CDN (the scanner must work offline).
		expect(fromElsewhere.filter((url) => !url.startsWith('https://tile.'))).toEqual([]);
	} finally {
		await browser.close();
		await rm(dir, { recursive: true, force: true });
	}
});
