// Prisma's schema engine, compiled to WebAssembly and driven through a driver adapter. The Prisma
// CLI would download a native engine from a host these machines cannot reach; the WASM build ships
// inside an npm package, so migrations run anywhere npm works.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import {
	bindMigrationAwareSqlAdapterFactory,
	ColumnTypeEnum,
	type SqlDriverAdapter,
	type SqlMigrationAwareDriverAdapterFactory,
	type SqlQuery,
	type SqlResultSet
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { adapterFor } from '../../src/lib/server/db/adapter';
import type { DatabaseTarget } from '../../src/lib/server/db/target';

// The engine reports a Rust panic through this global before it throws; keep the message so the
// error says what went wrong.
const panics = {
	message: '',
	set_message(message: string) {
		this.message = message;
	}
};
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panics }).PRISMA_WASM_PANIC_REGISTRY ??= panics;

// The wasm-bindgen glue module holds one WebAssembly instance for the whole process. When this file
// is loaded more than once (Vitest gives each project its own module graph), a second instance
// would replace the first under its feet, so the instance is made once per process.
const shared = globalThis as { redbandSchemaEngineWasm?: Promise<void> };

function initialiseWasm(): Promise<void> {
	shared.redbandSchemaEngineWasm ??= (async () => {
		const require = createRequire(import.meta.url);
		const wasmPath = require
			.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
			.replace(/schema_engine_bg\.js$/, 'schema_engine_bg.wasm');
		const module = await WebAssembly.compile(await readFile(wasmPath));
		const instance = await WebAssembly.instantiate(module, { './schema_engine_bg.js': bg });
		bg.__wbg_set_wasm(instance.exports);
		(instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
	})();
	return shared.redbandSchemaEngineWasm;
}

/**
 * An adapter that never reaches a database: diffing two schema texts needs none, and writing a
 * migration should not require a running PostgreSQL. The engine still asks PostgreSQL's version
 * once when it starts; that one question gets the answer of the oldest server we support.
 */
function offlineFactory(
	kind: 'offline-postgresql' | 'offline-sqlite'
): SqlMigrationAwareDriverAdapterFactory {
	const refuse = () => Promise.reject(new Error('This schema engine has no database connection.'));
	const adapter = {
		provider: kind === 'offline-postgresql' ? ('postgres' as const) : ('sqlite' as const),
		adapterName: 'offline',
		queryRaw: (query: SqlQuery): Promise<SqlResultSet> => {
			if (adapter.provider === 'postgres' && query.sql.includes('server_version_num')) {
				return Promise.resolve({
					columnNames: ['exists', 'version', 'numeric_version'],
					columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
					rows: [[true, 'PostgreSQL 15.0', 150000]]
				});
			}
			return refuse();
		},
		executeRaw: refuse,
		executeScript: refuse,
		startTransaction: refuse,
		dispose: () => Promise.resolve()
	};
	return {
		provider: adapter.provider,
		adapterName: adapter.adapterName,
		connect: () => Promise.resolve(adapter),
		connectToShadowDb: () => Promise.resolve(adapter)
	};
}

function tracked(factory: SqlMigrationAwareDriverAdapterFactory) {
	const open: SqlDriverAdapter[] = [];
	const remember = async (connecting: Promise<SqlDriverAdapter>) => {
		const adapter = await connecting;
		open.push(adapter);
		return adapter;
	};
	return {
		provider: factory.provider,
		adapterName: factory.adapterName,
		connect: () => remember(factory.connect()),
		connectToShadowDb: () => remember(factory.connectToShadowDb()),
		disposeAll: async () => {
			await Promise.all(open.splice(0).map((adapter) => adapter.dispose()));
		}
	};
}

export const noFilters = { externalTables: [], externalEnums: [] };

export type SchemaFiles = [path: string, text: string][];

/** Opens a schema engine connected to `target`; `dispose` closes it and its connection. */
export async function openSchemaEngine(
	target: DatabaseTarget | 'offline-postgresql' | 'offline-sqlite',
	schema: SchemaFiles
): Promise<{ engine: SchemaEngine; dispose: () => Promise<void> }> {
	await initialiseWasm();
	const factory = tracked(typeof target === 'string' ? offlineFactory(target) : adapterFor(target));
	const engine = await (bg.SchemaEngine as unknown as typeof SchemaEngine).new(
		{ datamodels: schema },
		(log: string) => {
			if (process.env.DEBUG_SCHEMA_ENGINE) console.error(log);
		},
		bindMigrationAwareSqlAdapterFactory(factory)
	);
	return {
		engine,
		// The engine does not close the connections it opened; left open, they keep SQLite locked.
		dispose: async () => {
			engine.free();
			await factory.disposeAll();
		}
	};
}
