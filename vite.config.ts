import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

const dbTests = ['src/**/*.db.test.ts', 'tests/integration/**/*.test.ts'];

function databaseProject(provider: 'sqlite' | 'postgresql') {
	return {
		extends: true as const,
		test: {
			name: provider,
			include: dbTests,
			environment: 'node',
			env: { TEST_DB_PROVIDER: provider },
			globalSetup: ['tests/setup/database-template.ts'],
			setupFiles: ['tests/setup/database-per-file.ts'],
			testTimeout: 60_000,
			hookTimeout: 120_000
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		})
	],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					exclude: [...dbTests, 'node_modules/**'],
					environment: 'node',
					globalSetup: ['tests/setup/data-dir.ts'],
					setupFiles: ['tests/setup/data-dir-per-file.ts']
				}
			},
			databaseProject('sqlite'),
			databaseProject('postgresql')
		]
	}
});
