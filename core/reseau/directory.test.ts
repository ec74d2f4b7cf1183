// The finder's services on the seeded demo population: places from what people type, the page
// of nearest members with their details, one member's page, and the seed's coordinates.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { createSeededTestDatabase } from "../../tests/support/demo.ts";
import { getCommunePlace, normalizeSearchName, resolvePlace } from "./communes.ts";
import { getDirectoryEntry, searchDirectory } from "./directory.ts";
import { haversineKm } from "./geo.ts";
import { getMemberNetworkOffers } from "./member-offers.ts";

const TODAY = "2026-11-26";
let handle: DatabaseHandle;

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 42,
		pepper: "test-pepper-long-enough-for-the-config-check",
		now: new Date("2026-11-20T08:00:00Z"),
	});
}, 60_000);
afterAll(() => handle.client.close());

describe("the place a search starts from", () => {
	it("reads names the way people type them", () => {
		expect(normalizeSearchName("  Saint-Étienne ")).toBe("saint etienne");
		expect(normalizeSearchName("St Denis")).toBe("saint denis");
		expect(normalizeSearchName("L'Haÿ-les-Roses")).toBe("l hay les roses");
	});

	it("finds a commune by postal code, by name, and by the suggestion format", async () => {
		for (const text of ["44000", "nantes", "NANTES", "Nantes (44000)"]) {
			const found = await resolvePlace(handle.db, text);
			expect(found.kind, text).toBe("found");
			if (found.kind === "found") expect(found.place).toMatchObject({ insee: "44109", name: "Nantes" });
		}
	});

	it("offers a choice when several communes match, and nothing for an unknown place", async () => {
		const homonyms = await resolvePlace(handle.db, "saint denis");
		expect(homonyms.kind).toBe("choices");
		if (homonyms.kind === "choices")
			expect(homonyms.places.map((place) => place.insee).sort()).toEqual(["93066", "97411"]);
		const arrondissements = await resolvePlace(handle.db, "Marseille");
		expect(arrondissements.kind).toBe("choices");
		expect(await resolvePlace(handle.db, "Zzyzx")).toEqual({ kind: "none" });
		expect(await resolvePlace(handle.db, "99999")).toEqual({ kind: "none" });
		expect(await getCommunePlace(handle.db, "44109")).toMatchObject({ postalCode: "44000" });
		expect(await getCommunePlace(handle.db, "00000")).toBeNull();
	});
});

describe("the seed's professionals", () => {
	it("stand in their commune: within 2 km of its town centre", async () => {
		const rows = await handle.db.all<{
			id: number;
			latitude: number;
			longitude: number;
			communeLatitude: number;
			communeLongitude: number;
		}>(sql`SELECT p.id AS id, p.latitude AS latitude, p.longitude AS longitude,
			c.latitude AS communeLatitude, c.longitude AS communeLongitude
			FROM professionals p JOIN reseau_communes c ON c.insee = p.insee_code AND c.postal_code = p.postal_code`);
		const [{ total } = { total: 0 }] = await handle.db.all<{ total: number }>(
			sql`SELECT count(*) AS total FROM professionals`,
		);
		expect(rows.length).toBe(total);
		for (const row of rows) {
			const distance = haversineKm(row, { latitude: row.communeLatitude, longitude: row.communeLongitude });
			expect(distance, `professional ${row.id}`).toBeLessThan(2);
		}
	});
});

describe("the directory", () => {
	it("lists the network's members nearest to Nantes first, with what a visitor needs", async () => {
		const nantes = await getCommunePlace(handle.db, "44109");
		if (!nantes) throw new Error("Nantes missing from the gazetteer");
		const page = await searchDirectory(handle.db, {
			center: nantes,
			specialty: "optique",
			page: 1,
			today: TODAY,
		});
		const [first] = page.results;
		expect(first).toMatchObject({
			name: "Optique de l'Erdre",
			personName: "Marion Le Goff",
			addressLine1: "18 rue de Strasbourg",
			postalCode: "44000",
			city: "Nantes",
			networks: ["kalixia_optique"],
			hundredPercentSante: true,
			stepFreeAccess: true,
		});
		expect(first?.distanceKm).toBeLessThan(2);
		expect(first?.openingHours?.[0]).toEqual({ day: "Lundi", hours: "8 h 30 – 18 h 30" });
		expect(first?.openingHours?.[6]).toEqual({ day: "Dimanche", hours: "Fermé" });
		const distances = page.results.map((result) => result.distanceKm);
		expect(distances).toEqual([...distances].sort((a, b) => a - b));
		expect(page.results.every((result) => result.networks.includes("kalixia_optique"))).toBe(true);
	});

	it("shows a member's page, and none for a professional outside the network", async () => {
		const page = await searchDirectory(handle.db, {
			center: { latitude: 47.218, longitude: -1.554 },
			specialty: null,
			page: 1,
			today: TODAY,
		});
		const first = page.results[0];
		if (!first) throw new Error("no result");
		expect(await getDirectoryEntry(handle.db, first.id, TODAY)).toMatchObject({
			id: first.id,
			name: first.name,
		});
		// Professional 1 is the demo pharmacy in Lyon: no Kalixia network.
		expect(await getDirectoryEntry(handle.db, 1, TODAY)).toBeNull();
		expect(await getDirectoryEntry(handle.db, 999_999, TODAY)).toBeNull();
	});

	it("tells a member what their contract gives them in each field of the network", async () => {
		const [member] = await handle.db.all<{ memberId: number }>(
			sql`SELECT member_id AS memberId FROM accounts WHERE identifier = '1000000001'`,
		);
		const offers = await getMemberNetworkOffers(handle.db, member?.memberId ?? 0, TODAY);
		expect(offers?.offerLabel).toBeTruthy();
		expect(offers?.networks.map((offer) => offer.network)).toEqual(
			expect.arrayContaining(["kalixia_optique", "kalixia_audio", "kalixia_dentaire"]),
		);
		expect(offers?.networks.find((offer) => offer.network === "kalixia_optique")?.hundredPercentSante).toBe(
			true,
		);
	});
});
