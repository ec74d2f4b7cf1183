import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { importCommunes, resolvePlace } from "./communes.ts";
import { parseCommunesCsv } from "./communes-csv.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
	handle = await createTestDatabase();
});
afterAll(() => handle.client.close());

describe("the gazetteer's import file", () => {
	it("imports the good lines, reports the others by line number, and can run twice", async () => {
		const csv = [
			"insee;code_postal;nom;latitude;longitude",
			"44109;44000;Nantes;47,2184;-1,5536",
			"2A004;20000;Ajaccio;41.9192;8.7386",
			"97411;97400;Saint-Denis;-20.8823;55.4504",
			"44109;4400;Nantes;47.2;-1.5",
			"12345;12000;Nulle part;95;0",
			"",
		].join("\n");
		const { rows, rejected } = parseCommunesCsv(`\uFEFF${csv}`);
		expect(rows.map((row) => [row.insee, row.department])).toEqual([
			["44109", "44"],
			["2A004", "2A"],
			["97411", "974"],
		]);
		expect(rows[0]).toMatchObject({ latitude: 47.2184, longitude: -1.5536 });
		expect(rejected).toEqual([
			{ line: 5, reason: "code_postal : code postal illisible" },
			{ line: 6, reason: "latitude : latitude hors bornes" },
		]);
		expect(await importCommunes(handle.db, rows)).toBe(3);
		expect(await importCommunes(handle.db, rows)).toBe(3);
		const found = await resolvePlace(handle.db, "ajaccio");
		expect(found).toMatchObject({ kind: "found", place: { insee: "2A004", postalCode: "20000" } });
	});
});
