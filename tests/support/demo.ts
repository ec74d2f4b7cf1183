// The demo population in unit and route tests: a fresh test database holding the seed
// (demo/seed.ts), and the fixed demo accounts (demo/accounts.ts) looked up in it.
import { eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { seedDatabase } from "../../demo/seed.ts";
import { type Account, accounts } from "../../schema/tables/index.ts";
import { createTestDatabase } from "./test-database.ts";

export interface SeededTestDatabaseOptions {
	/** 1 = about 200 members; the two demo families are written first, whatever the scale. */
	readonly scale: number;
	readonly seed: number;
	/** The SESSION_PEPPER the demo passwords are hashed with. */
	readonly pepper: string;
	/** "Today" for the generated history: nothing is dated after it. */
	readonly now: Date;
	/** The database's URL: in memory when left out, as for createTestDatabase. */
	readonly url?: string;
}

/** A fresh, migrated test database (one per call) seeded with the demo population. */
export async function createSeededTestDatabase(options: SeededTestDatabaseOptions): Promise<DatabaseHandle> {
	const { url, scale, seed, pepper, now } = options;
	const handle = await createTestDatabase(url);
	try {
		await seedDatabase(handle.db, { scale, seed, pepper, now });
	} catch (error) {
		handle.client.close();
		throw error;
	}
	return handle;
}

export type DemoAccountKey = keyof typeof DEMO_ACCOUNTS;

/** The row of a demo account (`DEMO_ACCOUNTS[key]`) in a seeded database. */
export async function demoAccount(db: Database, key: DemoAccountKey): Promise<Account> {
	const { identifier } = DEMO_ACCOUNTS[key];
	const [row] = await db.select().from(accounts).where(eq(accounts.identifier, identifier));
	if (!row) throw new Error(`no demo account ${key} (${identifier}) in the database: is it seeded?`);
	return row;
}

/** The member a demo adhérent account belongs to. */
export async function demoMemberId(db: Database, key: DemoAccountKey): Promise<number> {
	const { memberId } = await demoAccount(db, key);
	if (memberId === null) throw new Error(`the demo account ${key} belongs to no member`);
	return memberId;
}
