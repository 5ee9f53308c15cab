// npm run bench [-- name ... [--option value ...]]: runs bench/<name>.bench.ts one after another
// (all when no name is given). Each prints its own figures; nothing is asserted. Everything from
// the first --option on is passed to each benchmark (e.g. `npm run bench -- peak --quick`).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith('--'));
const wanted = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
const all = readdirSync(new URL('.', import.meta.url))
	.filter((file) => file.endsWith('.bench.ts'))
	.sort();
const chosen = wanted.length ? all.filter((file) => wanted.some((name) => file.startsWith(name))) : all;
if (chosen.length === 0) {
	console.error(`No benchmark matches ${wanted.join(', ')}. Available: ${all.join(', ')}`);
	process.exit(2);
}
let failures = 0;
for (const file of chosen) {
	console.log(`\n=== ${file} ===`);
	const result = spawnSync('npx', ['tsx', `bench/${file}`, ...options], {
		stdio: 'inherit',
		timeout: 60 * 60_000
	});
	if (result.status !== 0) failures++;
}
process.exit(failures ? 1 : 0);
