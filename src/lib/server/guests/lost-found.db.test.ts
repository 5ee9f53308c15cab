import { describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { makeOperation } from '$test/factories';
import { address, makeGuestScene } from '$test/guest-factories';
import { guestView, sendHelpRequest } from './help';
import { handOver, itemDetail, listItems, matchItems, recordItem } from './lost-found';

const MINUTE = 60 * 1000;

describe('lost and found', () => {
	it('records a guest loss, suggests the found item, matches and hands it over, and the guest sees each step', async () => {
		const { card, zone, onDuty, operation } = await makeGuestScene();
		const { token } = await sendHelpRequest(
			card.code,
			{ kind: 'LOST_ITEM', note: 'Black leather wallet with a red card', locale: 'km' },
			null,
			address()
		);
		const [lost] = await listItems(operation.id, { kind: 'LOST' });
		expect(lost).toMatchObject({ description: 'Black leather wallet with a red card', zoneId: zone.id });
		expect(await guestView(token, address())).toMatchObject({ item: { kind: 'LOST', status: 'OPEN' } });

		const umbrella = await recordItem(
			onDuty.id,
			operation.id,
			{
				kind: 'FOUND',
				description: 'Blue umbrella',
				zoneId: zone.id,
				happenedAt: new Date(Date.now() + MINUTE)
			},
			null
		);
		const wallet = await recordItem(
			onDuty.id,
			operation.id,
			{
				kind: 'FOUND',
				description: 'black wallet, leather',
				place: 'Hall 3 café',
				zoneId: zone.id,
				happenedAt: new Date(Date.now() + 5 * MINUTE)
			},
			null
		);
		const { suggestions } = await itemDetail(operation.id, lost.id);
		expect(suggestions.map((s) => s.id)).toEqual([wallet.id, umbrella.id]);

		await matchItems(onDuty.id, operation.id, wallet.id, lost.id);
		expect(await guestView(token, address())).toMatchObject({
			item: { status: 'MATCHED', handedOverAt: null }
		});
		await expect(matchItems(onDuty.id, operation.id, lost.id, umbrella.id)).rejects.toMatchObject({
			code: 'lost_found_not_open',
			status: 409
		});

		await handOver(onDuty.id, operation.id, wallet.id, {
			receiverName: 'Sok Dara',
			proof: 'DESCRIBED_CONTENTS',
			proofNote: 'Named the red card'
		});
		const found = await db.lostFoundItem.findUniqueOrThrow({ where: { id: wallet.id } });
		expect(found).toMatchObject({
			status: 'RETURNED',
			receiverName: 'Sok Dara',
			proof: 'DESCRIBED_CONTENTS',
			handedOverById: onDuty.id
		});
		expect(await db.lostFoundItem.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({
			status: 'RETURNED',
			foundItemId: wallet.id
		});
		const view = await guestView(token, address());
		expect(view.item).toMatchObject({ status: 'RETURNED', handedOverAt: found.handedOverAt });
		await expect(
			handOver(onDuty.id, operation.id, wallet.id, {
				receiverName: 'Someone else',
				proof: 'OTHER',
				proofNote: 'x'
			})
		).rejects.toMatchObject({ code: 'lost_found_not_open' });
	});

	it('matches one lost item to one found item only, even when two volunteers try at once', async () => {
		const { onDuty, organizer, operation } = await makeGuestScene();
		const record = (kind: 'LOST' | 'FOUND') =>
			recordItem(
				onDuty.id,
				operation.id,
				{ kind, description: 'grey backpack', happenedAt: new Date() },
				null
			);
		const [lost, foundA, foundB] = [await record('LOST'), await record('FOUND'), await record('FOUND')];
		const results = await Promise.allSettled([
			matchItems(onDuty.id, operation.id, lost.id, foundA.id),
			matchItems(organizer.id, operation.id, lost.id, foundB.id)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const open = await db.lostFoundItem.findMany({
			where: { id: { in: [foundA.id, foundB.id] }, status: 'OPEN' }
		});
		expect(open).toHaveLength(1);
		await expect(matchItems(onDuty.id, operation.id, foundA.id, foundB.id)).rejects.toMatchObject({
			code: 'lost_found_kinds'
		});
	});

	it("never touches another operation's items", async () => {
		const { onDuty, operation } = await makeGuestScene();
		const other = await makeOperation();
		const theirs = await recordItem(
			onDuty.id,
			other.id,
			{ kind: 'FOUND', description: 'phone', happenedAt: new Date() },
			null
		);
		const mine = await recordItem(
			onDuty.id,
			operation.id,
			{ kind: 'LOST', description: 'phone', happenedAt: new Date() },
			null
		);
		await expect(itemDetail(operation.id, theirs.id)).rejects.toMatchObject({ status: 404 });
		await expect(matchItems(onDuty.id, operation.id, mine.id, theirs.id)).rejects.toMatchObject({
			status: 404
		});
		expect((await itemDetail(operation.id, mine.id)).suggestions).toEqual([]);
	});
});
