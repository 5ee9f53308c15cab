// A volunteer's profile: what they edit themselves, and what organizers see and confirm.
import { needsProof } from '$lib/skills';
import { audit } from '../audit';
import { db } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { operationsOf, requirePersonInScope, type OperationActor } from '../operations/access';

export interface ProfileInput {
	name: string;
	phone?: string;
	birthDate?: Date;
	emergencyContactName?: string;
	emergencyContactPhone?: string;
	languages: string[];
	skills: string[];
	zoneIds: string[];
}

export async function getProfile(userId: string) {
	const user = await db.user.findUnique({
		where: { id: userId },
		select: {
			id: true,
			name: true,
			email: true,
			phone: true,
			status: true,
			statusReason: true,
			role: true,
			createdAt: true,
			passwordSetAt: true,
			profile: {
				select: {
					birthDate: true,
					emergencyContactName: true,
					emergencyContactPhone: true,
					consentAt: true,
					noShowCount: true
				}
			},
			languages: { select: { code: true }, orderBy: { code: 'asc' } },
			skills: {
				select: { skill: true, verifiedAt: true, verifiedBy: { select: { name: true } } },
				orderBy: { skill: 'asc' }
			},
			zonePreferences: { select: { zone: { select: { id: true, name: true, operationId: true } } } },
			availability: { select: { id: true, startsAt: true, endsAt: true }, orderBy: { startsAt: 'asc' } },
			memberships: { select: { operation: { select: { id: true, name: true } } } }
		}
	});
	if (!user) throw new NotFoundError('account');
	return user;
}

/**
 * A person's profile as `viewer` (an organizer) sees it: a 404 for someone out of their scope, and
 * only the memberships of operations the viewer works on.
 */
export async function profileFor(viewer: OperationActor, userId: string) {
	await requirePersonInScope(viewer, userId);
	const [profile, visible] = await Promise.all([
		getProfile(userId),
		db.operation.findMany({ where: operationsOf(viewer), select: { id: true } })
	]);
	const ids = new Set(visible.map((operation) => operation.id));
	return { ...profile, memberships: profile.memberships.filter((m) => ids.has(m.operation.id)) };
}

/**
 * Saves what a volunteer says about themself. Declaring a skill that needs proof leaves it
 * unverified until an organizer confirms it; a skill already confirmed stays confirmed.
 */
export async function updateProfile(userId: string, input: ProfileInput, now = new Date()) {
	const zones = input.zoneIds.length
		? await db.zone.findMany({ where: { id: { in: input.zoneIds } }, select: { id: true } })
		: [];
	if (zones.length !== new Set(input.zoneIds).size)
		throw new DomainError('zone_not_found', { field: 'zoneIds' });
	await db.$transaction(async (tx) => {
		await tx.user.update({ where: { id: userId }, data: { name: input.name, phone: input.phone ?? null } });
		const profile = {
			birthDate: input.birthDate ?? null,
			emergencyContactName: input.emergencyContactName ?? null,
			emergencyContactPhone: input.emergencyContactPhone ?? null
		};
		await tx.volunteerProfile.upsert({
			where: { userId },
			create: { userId, ...profile, consentAt: now },
			update: profile
		});
		await tx.userLanguage.deleteMany({ where: { userId, code: { notIn: input.languages } } });
		for (const code of input.languages) {
			await tx.userLanguage.upsert({
				where: { userId_code: { userId, code } },
				create: { userId, code },
				update: {}
			});
		}
		await tx.userSkill.deleteMany({ where: { userId, skill: { notIn: input.skills } } });
		for (const skill of input.skills) {
			await tx.userSkill.upsert({
				where: { userId_skill: { userId, skill } },
				create: { userId, skill },
				update: {}
			});
		}
		await tx.zonePreference.deleteMany({ where: { userId } });
		if (zones.length) {
			await tx.zonePreference.createMany({ data: zones.map((zone) => ({ userId, zoneId: zone.id })) });
		}
	});
}

export async function addAvailability(userId: string, window: { startsAt: Date; endsAt: Date }) {
	if (window.endsAt <= window.startsAt)
		throw new DomainError('availability_reversed', { field: 'availabilityEnd' });
	await db.availabilityWindow.create({ data: { userId, ...window } });
}

export async function removeAvailability(userId: string, id: string) {
	const { count } = await db.availabilityWindow.deleteMany({ where: { id, userId } });
	if (!count) throw new NotFoundError('availability');
}

/**
 * An organizer confirms (or withdraws) a skill that needs proof, having seen the certificate; only
 * for a person in their scope (a 404 otherwise).
 */
export async function verifySkill(actor: OperationActor, userId: string, skill: string, verified: boolean) {
	if (!needsProof(skill)) throw new DomainError('skill_needs_no_proof');
	const actorId = actor.id;
	await db.$transaction(async (tx) => {
		await requirePersonInScope(actor, userId, tx);
		const { count } = await tx.userSkill.updateMany({
			where: { userId, skill },
			data: verified
				? { verifiedAt: new Date(), verifiedById: actorId }
				: { verifiedAt: null, verifiedById: null }
		});
		if (!count) throw new NotFoundError('skill');
		await audit(tx, {
			actorId,
			action: verified ? 'skill.verified' : 'skill.unverified',
			subjectType: 'User',
			subjectId: userId,
			detail: { skill }
		});
	});
}

/** The number on the person's armband: what guests are told when this person comes to help. */
export async function setArmband(userId: string, armband: string | null) {
	await db.volunteerProfile.upsert({
		where: { userId },
		create: { userId, armband },
		update: { armband }
	});
}

export async function armbandOf(userId: string): Promise<string | null> {
	const profile = await db.volunteerProfile.findUnique({ where: { userId }, select: { armband: true } });
	return profile?.armband ?? null;
}
