// The index search against the full scan on the same database, and the directory's rules
// (membership in force, convention not ended, network filter), on a real migrated libSQL.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { Random } from "../../demo/random.ts";
import type { CareNetwork } from "../../schema/enums.ts";
import { professionalNetworks, professionals } from "../../schema/tables/index.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { haversineKm } from "./geo.ts";
import {
	findNearestProfessionals,
	MAX_DISTANCE_KM,
	nextRadius,
	scanNearestProfessionals,
} from "./nearest.ts";

const TODAY = "2026-11-26";
const NETWORKS: CareNetwork[] = ["kalixia_optique", "kalixia_audio", "kalixia_dentaire"];
const nantes = { latitude: 47.2184, longitude: -1.5536 };
let handle: DatabaseHandle;

async function addProfessional(id: number, latitude: number, longitude: number, network: CareNetwork | null) {
	const at = new Date("2025-01-01T00:00:00Z");
	await handle.db.insert(professionals).values({
		id,
		practiceName: `Cabinet ${id}`,
		profession: "opticien",
		addressLine1: "1 rue de test",
		postalCode: "44000",
		city: "Nantes",
		latitude,
		longitude,
		createdAt: at,
		updatedAt: at,
	});
	if (network)
		await handle.db
			.insert(professionalNetworks)
			.values({ professionalId: id, network, joinedOn: "2024-01-01" });
}

beforeAll(async () => {
	handle = await createTestDatabase();
	const generator = new Random(2026);
	const next = () => generator.next();
	// 1 500 points over western France and 300 around Nantes, a few outside any network.
	for (let id = 1; id <= 1800; id++) {
		const dense = id > 1500;
		const latitude = dense ? nantes.latitude + (next() - 0.5) * 0.2 : 43 + next() * 6;
		const longitude = dense ? nantes.longitude + (next() - 0.5) * 0.3 : -4.5 + next() * 8;
		const draw = next();
		await addProfessional(
			id,
			latitude,
			longitude,
			draw < 0.1 ? null : (NETWORKS[Math.floor(draw * 3)] ?? null),
		);
	}
}, 60_000);
afterAll(() => handle.client.close());

describe("the nearest professionals of the network", () => {
	it("are the same through the index as through a full scan, for many places and filters", async () => {
		const generator = new Random(7);
		const next = () => generator.next();
		for (let i = 0; i < 40; i++) {
			const center = { latitude: 43 + next() * 6, longitude: -4.5 + next() * 8 };
			const networks = i % 4 === 0 ? [] : [NETWORKS[i % 3] as CareNetwork];
			const query = { center, networks, count: 20, today: TODAY };
			expect(await findNearestProfessionals(handle.db, query)).toEqual(
				await scanNearestProfessionals(handle.db, query),
			);
		}
	});

	it("come nearest first, with their exact distance, and only members of the asked network", async () => {
		const found = await findNearestProfessionals(handle.db, {
			center: nantes,
			networks: ["kalixia_audio"],
			count: 20,
			today: TODAY,
		});
		expect(found).toHaveLength(20);
		const distances = found.map((item) => item.distanceKm);
		expect(distances).toEqual([...distances].sort((a, b) => a - b));
		const rows = await handle.db.select().from(professionals);
		const members = await handle.db.select().from(professionalNetworks);
		for (const item of found) {
			const row = rows.find((candidate) => candidate.id === item.id);
			expect(item.distanceKm).toBeCloseTo(
				haversineKm(nantes, { latitude: row?.latitude ?? 0, longitude: row?.longitude ?? 0 }),
				9,
			);
			expect(members.find((member) => member.professionalId === item.id)?.network).toBe("kalixia_audio");
		}
		// Nobody left out nearer than the 20th: every audio member is at least that far.
		const twentieth = distances[19] ?? 0;
		const audioIds = new Set(found.map((item) => item.id));
		for (const member of members.filter(
			(m) => m.network === "kalixia_audio" && !audioIds.has(m.professionalId),
		)) {
			const row = rows.find((candidate) => candidate.id === member.professionalId);
			expect(
				haversineKm(nantes, { latitude: row?.latitude ?? 0, longitude: row?.longitude ?? 0 }),
			).toBeGreaterThanOrEqual(twentieth);
		}
	});

	it("leave out a professional whose membership has ended or whose convention has ended", async () => {
		await addProfessional(5001, nantes.latitude, nantes.longitude, "kalixia_optique");
		await addProfessional(5002, nantes.latitude, nantes.longitude + 0.0001, "kalixia_optique");
		const query = { center: nantes, networks: ["kalixia_optique" as const], count: 3, today: TODAY };
		expect((await findNearestProfessionals(handle.db, query)).map((item) => item.id).slice(0, 2)).toEqual([
			5001, 5002,
		]);
		await handle.db
			.update(professionalNetworks)
			.set({ leftOn: "2026-10-01" })
			.where(eq(professionalNetworks.professionalId, 5001));
		await handle.db
			.update(professionals)
			.set({ conventionEndedOn: "2026-11-01" })
			.where(eq(professionals.id, 5002));
		const ids = (await findNearestProfessionals(handle.db, query)).map((item) => item.id);
		expect(ids).not.toContain(5001);
		expect(ids).not.toContain(5002);
	});

	it("follow a professional who moves (the index is kept by triggers)", async () => {
		const far = { latitude: 48.39, longitude: -4.486 }; // Brest
		await addProfessional(6001, nantes.latitude, nantes.longitude, "kalixia_dentaire");
		await handle.db
			.update(professionals)
			.set({ latitude: far.latitude, longitude: far.longitude })
			.where(eq(professionals.id, 6001));
		const [nearest] = await findNearestProfessionals(handle.db, {
			center: far,
			networks: ["kalixia_dentaire"],
			count: 1,
			today: TODAY,
		});
		expect(nearest).toEqual({ id: 6001, distanceKm: 0 });
	});

	it("find nobody beyond the largest circle", async () => {
		const found = await findNearestProfessionals(handle.db, {
			center: { latitude: -12.78, longitude: 45.23 }, // Mayotte: no member within reach
			networks: [],
			count: 20,
			today: TODAY,
		});
		expect(found).toEqual([]);
		expect(MAX_DISTANCE_KM).toBe(400);
	});
});

describe("the circles the search widens through", () => {
	it("grow with what is missing, fourfold when empty, never past the largest", () => {
		expect(nextRadius(1, 0, 20)).toBe(4);
		expect(nextRadius(1, 5, 20)).toBeCloseTo(2.6, 9);
		expect(nextRadius(10, 19, 20)).toBe(15);
		expect(nextRadius(300, 0, 20)).toBe(MAX_DISTANCE_KM);
	});
});
