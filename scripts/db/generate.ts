// npm run db:generate: builds the Prisma client for both providers. `prisma generate` never runs
// the native schema engine, but insists that one exists; any executable satisfies it, which
// spares the download these machines cannot make.
import { execFileSync } from 'node:child_process';
import { root, writeDerivedSchema } from './schema';

for (const provider of ['sqlite', 'postgresql'] as const) {
	const schema = await writeDerivedSchema(provider);
	execFileSync('npx', ['prisma', 'generate', '--schema', schema], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
			PRISMA_HIDE_UPDATE_MESSAGE: '1',
			CHECKPOINT_DISABLE: '1'
		}
	});
	console.log(`Generated the ${provider} Prisma client.`);
}
