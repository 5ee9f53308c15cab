// What the session check costs on every request: validating a session token on SQLite, next to a
// bare primary-key read of a user measured in the same run.
import { fixed, measure, useScratchDatabase } from './support';

const scratch = await useScratchDatabase();
const { db } = await import('../src/lib/server/db');
const { createSession, generateSessionToken, validateSessionToken } =
	await import('../src/lib/server/auth/session');

const USERS = 2_000;
const users = await db.$transaction(
	Array.from({ length: USERS }, (_, i) =>
		db.user.create({
			data: { email: `bench${i}@bench.invalid`, name: `Bench ${i}`, passwordHash: 'x' },
			select: { id: true }
		})
	)
);
const tokens: string[] = [];
for (const user of users) {
	const token = generateSessionToken();
	await createSession(token, user.id);
	tokens.push(token);
}

const OPS = 20_000;
const baseline = await measure(OPS, (i) => db.user.findUnique({ where: { id: users[i % USERS].id } }));
const sessions = await measure(OPS, (i) => validateSessionToken(tokens[i % USERS]));

console.log(`users and sessions: ${USERS}, operations: ${OPS}`);
console.log(`baseline user read:      ${fixed(baseline.perSecond, 0)}/s  p99 ${fixed(baseline.p99, 3)} ms`);
console.log(`session validation:      ${fixed(sessions.perSecond, 0)}/s  p99 ${fixed(sessions.p99, 3)} ms`);
console.log(`ratio (session/baseline): ${fixed(sessions.perSecond / baseline.perSecond, 2)}`);

await db.$disconnect();
scratch.cleanup();
