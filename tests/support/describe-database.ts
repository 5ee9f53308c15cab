// What a database contains, structurally, as sorted plain data: two databases with equal
// descriptions have the same tables, columns, types, defaults, indexes, keys and enums.
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/lib/server/db/target';

const IGNORED = ['_prisma_migrations'];

export async function describeDatabase(target: DatabaseTarget): Promise<Record<string, unknown>> {
	return target.provider === 'sqlite' ? describeSqlite(target.file) : describePostgres(target.url);
}

function describeSqlite(file: string) {
	const sqlite = new Database(file, { readonly: true });
	try {
		const tables = sqlite
			.prepare(
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
			)
			.pluck()
			.all() as string[];
		const description: Record<string, unknown> = {};
		for (const table of tables.filter((name) => !IGNORED.includes(name))) {
			const indexes = (
				sqlite.prepare('SELECT name, "unique" FROM pragma_index_list(?) ORDER BY name').all(table) as {
					name: string;
					unique: number;
				}[]
			).map((index) => ({
				name: index.name,
				unique: index.unique,
				columns: sqlite
					.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno')
					.pluck()
					.all(index.name)
			}));
			description[table] = {
				columns: sqlite
					.prepare('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY name')
					.all(table),
				indexes,
				foreignKeys: sqlite
					.prepare(
						'SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY "from"'
					)
					.all(table)
			};
		}
		return description;
	} finally {
		sqlite.close();
	}
}

async function describePostgres(url: string) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const query = async (sql: string) => (await client.query(sql)).rows;
		return {
			columns: await query(`
				SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
				FROM information_schema.columns
				WHERE table_schema = 'public' AND table_name NOT IN ('${IGNORED.join("','")}')
				ORDER BY table_name, column_name`),
			indexes: await query(`
				SELECT tablename, indexname, indexdef FROM pg_indexes
				WHERE schemaname = 'public' AND tablename NOT IN ('${IGNORED.join("','")}')
				ORDER BY tablename, indexname`),
			constraints: await query(`
				SELECT rel.relname AS table_name, con.conname, pg_get_constraintdef(con.oid) AS definition
				FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
				JOIN pg_namespace ns ON ns.oid = rel.relnamespace
				WHERE ns.nspname = 'public' AND rel.relname NOT IN ('${IGNORED.join("','")}')
				ORDER BY rel.relname, con.conname`),
			enums: await query(`
				SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
				ORDER BY t.typname, e.enumsortorder`)
		};
	} finally {
		await client.end();
	}
}
