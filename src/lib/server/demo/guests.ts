// Demo guest cards: each zone has a public security phone and a card put up at its first post;
// the crew on shift wear numbered armbands, which is what a guest is told about who is coming.
import { db } from '../db';
import { createCard } from '../guests/cards';
import { DEMO_CREW } from './logistics';

export async function seedGuests(input: {
	operationId: string;
	organizerId: string;
	zones: { id: string }[];
	posts: { id: string; zoneId: string | null }[];
}) {
	for (const [index, zone] of input.zones.entries()) {
		await db.zone.update({
			where: { id: zone.id },
			data: { guestPhone: `+8621640${String(index + 1).padStart(5, '0')}` }
		});
		const post = input.posts.find((p) => p.zoneId === zone.id);
		await createCard(input.organizerId, input.operationId, { zoneId: zone.id, postId: post?.id });
	}
	for (const [index, person] of DEMO_CREW.entries()) {
		const user = await db.user.findUnique({ where: { email: person.email }, select: { id: true } });
		if (user) {
			// Placed on a shift of the operation, so members of it (as rostering makes everyone).
			await db.operationMember.upsert({
				where: { operationId_userId: { operationId: input.operationId, userId: user.id } },
				create: { operationId: input.operationId, userId: user.id },
				update: {}
			});
			await db.volunteerProfile.upsert({
				where: { userId: user.id },
				create: { userId: user.id, armband: String(101 + index) },
				update: { armband: String(101 + index) }
			});
		}
	}
}
