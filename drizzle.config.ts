// drizzle-kit: generates SQL migrations from the tables in schema/tables into schema/migrations
// (`npx drizzle-kit generate`). The migrations are committed and applied by db/migrate.ts.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
	dialect: "turso",
	schema: "./schema/tables/index.ts",
	out: "./schema/migrations",
	casing: "snake_case",
	dbCredentials: {
		url: process.env.DATABASE_URL ?? "file:data/espace.db",
		authToken: process.env.DATABASE_AUTH_TOKEN,
	},
});
