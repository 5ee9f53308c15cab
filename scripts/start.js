// npm start: everything a fresh clone needs, then the server. Plain Node (no dependencies), because
// it runs before anything is installed.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (command) => execSync(command, { cwd: root, stdio: 'inherit' });

function newestChange(paths) {
	let newest = 0;
	const visit = (path) => {
		if (!existsSync(path)) return;
		const stat = statSync(path);
		if (stat.isDirectory()) {
			for (const entry of readdirSync(path)) {
				if (entry !== 'paraglide' && entry !== 'generated') visit(join(path, entry));
			}
		} else newest = Math.max(newest, stat.mtimeMs);
	};
	for (const path of paths) visit(join(root, path));
	return newest;
}

const installed = join(root, 'node_modules/.package-lock.json');
if (
	!existsSync(installed) ||
	statSync(installed).mtimeMs < statSync(join(root, 'package-lock.json')).mtimeMs
) {
	console.log('Installing dependencies (npm ci)...');
	run('npm ci');
}

const stamp = join(root, 'build/.built-at');
const sources = [
	'src',
	'static',
	'messages',
	'prisma/schema',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];
if (!existsSync(stamp) || statSync(stamp).mtimeMs < newestChange(sources)) {
	console.log('Building the app...');
	run('npm run build');
	writeFileSync(stamp, new Date().toISOString());
}

run('npx tsx scripts/prepare-data.ts');

const port = process.env.PORT || '3000';
const server = spawn(process.execPath, ['build'], {
	cwd: root,
	stdio: 'inherit',
	// Form posts are checked against ORIGIN. Behind a TLS proxy, set ORIGIN=https://your.host.
	// Roster files may be up to 2 MB (the import checks that itself); the server's default is 512 KB.
	env: {
		ORIGIN: `http://localhost:${port}`,
		BODY_SIZE_LIMIT: '3M',
		...process.env,
		PORT: port,
		NODE_ENV: 'production'
	}
});
console.log(`\nRedband is running at http://localhost:${port}\n`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
