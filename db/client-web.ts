// The database client of the Cloudflare Worker: @libsql/client/web talks HTTP to Turso and
// carries no Node built-ins, so workerd can bundle it. Same schema and `Database` type as db.ts.
import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "../schema/tables/index.ts";
import type { Database, DatabaseOptions } from "./client.ts";

export function createWebDatabase(options: DatabaseOptions): {
	client: ReturnType<typeof createClient>;
	db: Database;
} {
	const client = createClient({ url: options.url, authToken: options.authToken });
	return { client, db: drizzle(client, { schema, casing: "snake_case" }) };
}
