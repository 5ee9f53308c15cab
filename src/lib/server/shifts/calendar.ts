// The personal calendar feed: an iCal URL with a secret token, so a phone's calendar app can
// subscribe without signing in. Resetting the token cuts off every copy of the old URL.
import { randomBytes } from 'node:crypto';
import { db } from '../db';
import { WORKING } from '$lib/shifts/status';
import { shiftName } from '$lib/shifts/name';

const newToken = () => randomBytes(24).toString('base64url');

export async function calendarToken(userId: string): Promise<string> {
	const profile = await db.volunteerProfile.upsert({
		where: { userId },
		create: { userId, calendarToken: newToken() },
		update: {},
		select: { calendarToken: true }
	});
	if (profile.calendarToken) return profile.calendarToken;
	const token = newToken();
	// Only set it when still empty, so two first visits at once agree on one token.
	await db.volunteerProfile.updateMany({
		where: { userId, calendarToken: null },
		data: { calendarToken: token }
	});
	return (await db.volunteerProfile.findUniqueOrThrow({ where: { userId } })).calendarToken!;
}

export async function resetCalendarToken(userId: string): Promise<string> {
	const token = newToken();
	await db.volunteerProfile.upsert({
		where: { userId },
		create: { userId, calendarToken: token },
		update: { calendarToken: token }
	});
	return token;
}

/**
 * RFC 5545 text: escape, then fold lines at 75 octets. Every line break (CRLF, a bare CR or LF)
 * becomes "\\n": a bare CR left in would end the property early in some readers and let typed
 * text (a shift's instructions) add properties of its own. Other control characters, which TEXT
 * may not hold, are dropped.
 */
export const icalText = (value: string) =>
	value
		.replace(/\\/g, '\\\\')
		.replace(/\r\n|\r|\n|\u2028|\u2029/g, '\\n')
		// eslint-disable-next-line no-control-regex -- dropping control characters is the point
		.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
		.replace(/([,;])/g, '\\$1');
const text = icalText;
const stamp = (date: Date) =>
	date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');

function fold(line: string): string {
	const bytes = Buffer.from(line, 'utf8');
	if (bytes.length <= 75) return line;
	const parts: string[] = [];
	let start = 0;
	while (start < bytes.length) {
		let end = Math.min(start + (start === 0 ? 75 : 74), bytes.length);
		// Never split a multi-byte character.
		while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
		parts.push(bytes.subarray(start, end).toString('utf8'));
		start = end;
	}
	return parts.join('\r\n ');
}

/** The feed for a token, or null when no one has that token. */
export async function calendarFeed(token: string, origin: string, now = new Date()): Promise<string | null> {
	const profile = await db.volunteerProfile.findUnique({
		where: { calendarToken: token },
		select: { user: { select: { id: true, name: true, status: true } } }
	});
	if (!profile || profile.user.status !== 'ACTIVE') return null;
	const since = new Date(now.getTime() - 30 * 24 * 3_600_000);
	const assignments = await db.assignment.findMany({
		where: {
			userId: profile.user.id,
			status: { in: [...WORKING] },
			shift: { endsAt: { gt: since } }
		},
		orderBy: { shift: { startsAt: 'asc' } },
		select: {
			shift: {
				select: {
					id: true,
					title: true,
					startsAt: true,
					endsAt: true,
					instructions: true,
					operation: { select: { name: true } },
					route: { select: { name: true, zone: { select: { name: true } } } },
					post: { select: { name: true, zone: { select: { name: true } } } }
				}
			}
		}
	});
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Redband//Shifts//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${text(`Redband · ${profile.user.name}`)}`
	];
	for (const { shift } of assignments) {
		const zone = shift.route?.zone.name ?? shift.post?.zone?.name;
		lines.push(
			'BEGIN:VEVENT',
			`UID:shift-${shift.id}@redband`,
			`DTSTAMP:${stamp(now)}`,
			`DTSTART:${stamp(shift.startsAt)}`,
			`DTEND:${stamp(shift.endsAt)}`,
			`SUMMARY:${text(`${shift.operation.name}: ${shiftName(shift)}`)}`,
			...(zone ? [`LOCATION:${text(zone)}`] : []),
			...(shift.instructions ? [`DESCRIPTION:${text(shift.instructions)}`] : []),
			`URL:${origin}/shifts/${shift.id}`,
			'END:VEVENT'
		);
	}
	lines.push('END:VCALENDAR');
	return lines.map(fold).join('\r\n') + '\r\n';
}
