import { afterAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { closeLiveBus } from '$lib/server/live/bus';
import { makeUser } from '$test/factories';
import { cleanJpeg, jpegWithGps } from '$test/jpeg';
import { photoFrom } from '../guests/photos';
import { clientId, makePatrolScenario, startScenarioPatrol } from '$test/patrol-factories';
import { fileReport, listReports, reportCounts, reportDetail, reportPhoto } from './reports';
import { triageReport } from './triage';

afterAll(closeLiveBus);

const MINUTE = 60_000;
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);
const here = { lat: 31.1921, lng: 121.3011, accuracy: 9 };

function report(overrides: Record<string, unknown> = {}) {
	return {
		id: clientId(),
		assignmentId: undefined as string | undefined,
		category: 'LOST_PERSON' as const,
		severity: 'HIGH' as const,
		text: 'Boy, about 6, red jacket, looking for his mother near gate 2.',
		phoneTime: new Date(),
		sentAt: new Date(),
		lat: undefined as number | undefined,
		lng: undefined as number | undefined,
		accuracy: undefined as number | undefined,
		...overrides
	};
}

describe(`field reports on ${process.env.TEST_DB_PROVIDER}`, () => {
	it('stores a photo without its GPS block or any other metadata', async () => {
		const scenario = await makePatrolScenario();
		await startScenarioPatrol(scenario, 5);
		const input = report({ assignmentId: scenario.assignment.id, ...here });
		await fileReport(scenario.volunteer.id, input, { bytes: jpegWithGps() });
		const stored = await reportPhoto(input.id);
		expect(stored?.contentType).toBe('image/jpeg');
		const bytes = Buffer.from(stored!.bytes);
		expect(bytes.equals(Buffer.from(cleanJpeg()))).toBe(true);
		expect(bytes.toString('latin1')).not.toContain('Exif');
	});

	it('strips a guest photo the same way', async () => {
		const photo = await photoFrom(new File([Buffer.from(jpegWithGps())], 'lost.jpg'));
		expect(Buffer.from(photo!.bytes).equals(Buffer.from(cleanJpeg()))).toBe(true);
	});

	it('stores a report with its photo once, however often the phone sends it', async () => {
		const scenario = await makePatrolScenario();
		await startScenarioPatrol(scenario, 5);
		const input = report({ assignmentId: scenario.assignment.id, ...here });
		const [first, again] = [
			await fileReport(scenario.volunteer.id, input, { bytes: JPEG }),
			await fileReport(scenario.volunteer.id, input, { bytes: JPEG })
		];
		expect([first.duplicate, again.duplicate]).toEqual([false, true]);
		expect(await db.fieldReport.count({ where: { userId: scenario.volunteer.id } })).toBe(1);
		const detail = await reportDetail(input.id);
		expect(detail).toMatchObject({
			status: 'NEW',
			hasPhoto: true,
			lat: here.lat,
			lng: here.lng,
			accuracy: 9
		});
		expect(await reportPhoto(input.id)).toMatchObject({ contentType: 'image/jpeg' });
		const events = (await db.outboxEvent.findMany({ where: { topic: 'report.filed' } })).map((e) =>
			JSON.parse(e.payload)
		);
		expect(events.filter((e) => e.reportId === input.id)).toEqual([
			expect.objectContaining({
				severity: 'HIGH',
				category: 'LOST_PERSON',
				operationId: scenario.operation.id
			})
		]);
	});

	it('keeps a position only while a patrol is running', async () => {
		const scenario = await makePatrolScenario({ startedMinutesAgo: 60 });
		await startScenarioPatrol(scenario, 30);
		// Seen before the patrol started (filed from memory later): no position is kept.
		const before = report({
			assignmentId: scenario.assignment.id,
			phoneTime: new Date(Date.now() - 45 * MINUTE),
			...here
		});
		await fileReport(scenario.volunteer.id, before, null);
		expect(await reportDetail(before.id)).toMatchObject({ lat: null, lng: null });

		const offDuty = await makeUser();
		const walkBy = report(here);
		await fileReport(offDuty.id, walkBy, null);
		expect(await reportDetail(walkBy.id)).toMatchObject({
			lat: null,
			lng: null,
			operationId: expect.any(String)
		});
	});

	it('refuses a file that is not an image and a photo too large, saying which field', async () => {
		const volunteer = await makeUser();
		await makePatrolScenario();
		await expect(
			fileReport(volunteer.id, report(), { bytes: new TextEncoder().encode('<svg onload=x>') })
		).rejects.toMatchObject({ code: 'report_photo_type', options: { field: 'photo' }, status: 422 });
		const huge = new Uint8Array(600_000);
		huge.set(JPEG);
		await expect(fileReport(volunteer.id, report(), { bytes: huge })).rejects.toMatchObject({
			code: 'report_photo_large'
		});
	});

	it('refuses to reuse another person’s report id or patrol', async () => {
		const scenario = await makePatrolScenario();
		await startScenarioPatrol(scenario);
		const stranger = await makeUser();
		const input = report();
		await fileReport(scenario.volunteer.id, input, null);
		await expect(fileReport(stranger.id, input, null)).rejects.toMatchObject({ code: 'patrol_id_taken' });
		await expect(
			fileReport(stranger.id, report({ assignmentId: scenario.assignment.id }), null)
		).rejects.toMatchObject({
			status: 403
		});
	});

	it('is triaged with notes, open and severe first, and never overwrites a change made meanwhile', async () => {
		const scenario = await makePatrolScenario();
		const organizer = await makeUser({ role: 'ORGANIZER' });
		const other = await makeUser({ role: 'ORGANIZER' });
		const low = report({ severity: 'LOW', category: 'FACILITY', text: 'Bin overflowing at the taxi rank.' });
		const critical = report({
			severity: 'CRITICAL',
			category: 'MEDICAL',
			text: 'Man collapsed by hall 4 entrance.'
		});
		const old = report({
			severity: 'CRITICAL',
			category: 'CROWD',
			text: 'Crush at the metro stairs',
			phoneTime: new Date(Date.now() - 30 * MINUTE)
		});
		for (const input of [low, critical, old]) await fileReport(scenario.volunteer.id, input, null);

		const operationId = scenario.operation.id;
		expect((await listReports(operationId)).map((r) => r.id)).toEqual([critical.id, old.id, low.id]);

		await triageReport({
			actorId: organizer.id,
			reportId: old.id,
			status: 'ACKNOWLEDGED',
			seenStatus: 'NEW',
			note: 'Stewards sent.'
		});
		await expect(
			triageReport({ actorId: other.id, reportId: old.id, status: 'RESOLVED', seenStatus: 'NEW' })
		).rejects.toMatchObject({ code: 'report_changed', status: 409 });
		await triageReport({
			actorId: other.id,
			reportId: old.id,
			status: 'RESOLVED',
			seenStatus: 'ACKNOWLEDGED',
			note: 'Cleared.'
		});
		await expect(triageReport({ actorId: other.id, reportId: low.id })).rejects.toMatchObject({
			code: 'report_triage_empty',
			options: { field: 'note' }
		});

		const detail = await reportDetail(old.id);
		expect(detail?.status).toBe('RESOLVED');
		expect(detail?.notes.map((n) => [n.status, n.text, n.author?.name])).toEqual([
			['ACKNOWLEDGED', 'Stewards sent.', organizer.name],
			['RESOLVED', 'Cleared.', other.name]
		]);
		expect(await reportCounts(operationId)).toEqual({ NEW: 2, ACKNOWLEDGED: 0, RESOLVED: 1 });
		expect((await listReports(operationId, { status: 'NEW' })).map((r) => r.id)).toEqual([
			critical.id,
			low.id
		]);
	});
});
