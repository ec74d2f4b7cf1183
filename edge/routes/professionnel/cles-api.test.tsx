// The practice's API keys and the rights API on a seeded database: a key created in the space
// (shown once, stored hashed), used by `POST /api/v1/professionnel/droits` in JSON and in FHIR R4,
// renamed, revoked (and refused at once), scoped to its practice; the OpenAPI document.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.ts";
import { auditEvents, practiceApiKeys, rightsChecks } from "../../../schema/tables/index.ts";
import { createPracticeTestApp } from "../../../tests/support/practice.ts";
import { formPost, withCookie } from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let practice: string;
let other: string;
let key: string;

const JULIEN = { memberNumber: "400000001", birthDate: "1984-03-12" };

beforeAll(async () => {
	({ handle, app, practice, other } = await createPracticeTestApp(now));
}, 90_000);
afterAll(() => handle.client.close());

function rights(body: unknown, apiKey: string, accept = "application/json") {
	return app.request("/api/v1/professionnel/droits", {
		method: "POST",
		headers: { "Content-Type": "application/json", Accept: accept, Authorization: `Bearer ${apiKey}` },
		body: JSON.stringify(body),
	});
}

async function createKey(cookie: string, name: string): Promise<string> {
	const response = await app.request("/professionnel/cles-api", withCookie(cookie, formPost({ nom: name })));
	expect(response.status).toBe(200);
	const created = /espk_[a-z2-7]{24}_[a-z2-7]{24}/.exec(await response.text())?.[0];
	if (!created) throw new Error("no key shown");
	return created;
}

describe("the practice's API keys", () => {
	it("creates a key shown once and stored hashed, then lists it by its name and beginning", async () => {
		key = await createKey(practice, "Logiciel de la pharmacie");
		const [row] = await handle.db.select().from(practiceApiKeys).where(eq(practiceApiKeys.professionalId, 1));
		expect(row).toMatchObject({
			name: "Logiciel de la pharmacie",
			scope: "droits",
			revokedAt: null,
			lastUsedAt: null,
		});
		const secret = key.split("_")[2] ?? "";
		expect(JSON.stringify(row)).not.toContain(secret);
		const list = await (await app.request("/professionnel/cles-api", withCookie(practice))).text();
		expect(list).not.toContain(key);
		expect(list).toContain(`espk_${key.slice(5, 11)}…`);
		expect(list).toContain("Jamais utilisée");
	});

	it("refuses a key without a name, in French, and creates nothing", async () => {
		const response = await app.request(
			"/professionnel/cles-api",
			withCookie(practice, formPost({ nom: " " })),
		);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain("Donnez un nom à la clé.");
		expect(await handle.db.select().from(practiceApiKeys)).toHaveLength(1);
	});
});

describe("the rights API", () => {
	it("answers what the card shows for that beneficiary and day, records it, and shows the key's last use", async () => {
		const response = await rights({ ...JULIEN, careDate: "2026-11-26" }, key);
		expect(response.status).toBe(200);
		const body = (await response.json()) as { status: string; rights: Record<string, unknown> };
		expect(body.status).toBe("covered");
		expect(body.rights).toMatchObject({
			careDate: "2026-11-26",
			memberNumber: "400000001",
			amcNumber: "312345678",
			validFrom: "2026-01-01",
			validTo: "2026-12-31",
			tiersPayant: true,
			beneficiaries: [
				{ lastName: "Mercier", firstName: "Julien", birthDate: "1984-03-12", relationship: "adherent" },
			],
		});
		expect(JSON.stringify(body)).not.toMatch(/nir|address|Camille/i);
		const [check] = await handle.db.select().from(rightsChecks).where(eq(rightsChecks.channel, "api"));
		expect(check).toMatchObject({ professionalId: 1, memberId: 1, found: true });
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, "professionnel.rights.checked"));
		expect(entry).toMatchObject({ objectType: "member", objectId: "1", sessionId: null });
		expect(entry?.details).toMatchObject({ channel: "api", apiKeyId: 1 });
		const list = await (await app.request("/professionnel/cles-api", withCookie(practice))).text();
		expect(list).toContain("26/11/2026 à 10:00");
	});

	it("answers a FHIR R4 CoverageEligibilityResponse on request", async () => {
		const response = await rights(JULIEN, key, "application/fhir+json");
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Type")).toBe("application/fhir+json");
		const resource = (await response.json()) as Record<string, unknown> & {
			insurance: {
				inforce: boolean;
				benefitPeriod: unknown;
				item: { category: { coding: { code: string }[] }; excluded: boolean }[];
			}[];
		};
		expect(resource).toMatchObject({
			resourceType: "CoverageEligibilityResponse",
			status: "active",
			purpose: ["validation"],
			outcome: "complete",
			servicedDate: "2026-11-26",
			patient: { identifier: { value: "400000001" }, display: "Julien MERCIER" },
		});
		const [insurance] = resource.insurance;
		expect(insurance?.inforce).toBe(true);
		expect(insurance?.benefitPeriod).toEqual({ start: "2026-01-01", end: "2026-12-31" });
		expect(insurance?.item.map((item) => item.category.coding[0]?.code)).toEqual(["PHAR", "OPAU", "DEPR"]);
	});

	it("says when the rights are closed, and answers 404 for nobody, in JSON and in FHIR", async () => {
		const closed = await rights({ ...JULIEN, careDate: "2025-06-01" }, key);
		expect(closed.status).toBe(200);
		expect(await closed.json()).toMatchObject({ status: "no_rights", careDate: "2025-06-01" });
		const closedFhir = await rights({ ...JULIEN, careDate: "2025-06-01" }, key, "application/fhir+json");
		expect(await closedFhir.json()).toMatchObject({ insurance: [{ inforce: false }] });
		const nobody = await rights({ ...JULIEN, birthDate: "1984-03-13" }, key);
		expect(nobody.status).toBe(404);
		expect(((await nobody.json()) as { error: { message: string } }).error.message).toContain(
			"Aucun bénéficiaire",
		);
		const nobodyFhir = await rights({ ...JULIEN, birthDate: "1984-03-13" }, key, "application/fhir+json");
		expect(nobodyFhir.status).toBe(404);
		expect(await nobodyFhir.json()).toMatchObject({
			resourceType: "OperationOutcome",
			issue: [{ code: "not-found" }],
		});
	});

	it("refuses bad input with 400 in French, and no key or a wrong one with 401", async () => {
		for (const body of [
			{ ...JULIEN, memberNumber: "4000a" },
			{ ...JULIEN, careDate: "2020-01-01" },
			{ ...JULIEN, extra: 1 },
			{},
		]) {
			const response = await rights(body, key);
			expect(response.status, JSON.stringify(body)).toBe(400);
		}
		const wrong = `${key.slice(0, -1)}${key.endsWith("a") ? "b" : "a"}`;
		for (const bad of [wrong, "espk_nope", ""]) expect((await rights(JULIEN, bad)).status).toBe(401);
		// A session is not a key: the API asks for the practice's key.
		const bySession = await app.request("/api/v1/professionnel/droits", {
			method: "POST",
			headers: { "Content-Type": "application/json", Cookie: practice },
			body: JSON.stringify(JULIEN),
		});
		expect(bySession.status).toBe(401);
	});

	it("is in the OpenAPI document with its key scheme", async () => {
		const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
			paths: Record<string, { post?: { security?: unknown } }>;
			components: { securitySchemes: Record<string, unknown> };
		};
		expect(doc.paths["/professionnel/droits"]?.post?.security).toEqual([{ practiceApiKey: [] }]);
		expect(doc.components.securitySchemes.practiceApiKey).toMatchObject({ type: "http", scheme: "bearer" });
	});
});

describe("renaming and revoking a key", () => {
	it("lets only its practice rename or revoke it (404 for another), and a revoked key stops at once", async () => {
		const [row] = await handle.db.select().from(practiceApiKeys).where(eq(practiceApiKeys.professionalId, 1));
		const id = row?.id ?? 0;
		expect(
			(await app.request(`/professionnel/cles-api/${id}/revocation`, withCookie(other, formPost({})))).status,
		).toBe(404);
		expect(
			(await app.request(`/professionnel/cles-api/${id}/nom`, withCookie(other, formPost({ nom: "X" }))))
				.status,
		).toBe(404);
		const renamed = await app.request(
			`/professionnel/cles-api/${id}/nom`,
			withCookie(practice, formPost({ nom: "Poste 2" })),
		);
		expect(renamed.status).toBe(303);
		const afterRename = await app.request("/professionnel/cles-api?cle=renommee", withCookie(practice));
		expect(await afterRename.text()).toContain("Poste 2");
		expect((await rights(JULIEN, key)).status).toBe(200);
		const revoked = await app.request(
			`/professionnel/cles-api/${id}/revocation`,
			withCookie(practice, formPost({})),
		);
		expect(revoked.status).toBe(303);
		expect(revoked.headers.get("Location")).toBe("/professionnel/cles-api?cle=revoquee");
		expect((await rights(JULIEN, key)).status).toBe(401);
		const list = await (await app.request("/professionnel/cles-api", withCookie(practice))).text();
		expect(list).toContain("Aucune clé d&#39;API en service.");
		const actions = (await handle.db.select().from(auditEvents)).map((entry) => entry.action);
		expect(actions).toEqual(
			expect.arrayContaining([
				"professionnel.api_key.created",
				"professionnel.api_key.renamed",
				"professionnel.api_key.revoked",
			]),
		);
	});

	it("shares the practice's limit on rights checks with the screen: 429 with Retry-After", async () => {
		const theirs = await createKey(other, "Caisse");
		let last: Response | undefined;
		for (let i = 0; i < 31; i++) last = await rights(JULIEN, theirs);
		expect(last?.status).toBe(429);
		expect(Number(last?.headers.get("Retry-After"))).toBeGreaterThan(0);
	}, 60_000);
});

describe("concurrent checks, committed together (ADR 0052)", () => {
	it("counts every one exactly, gives each its own answer, and records and audits every check answered", async () => {
		const checksOf = async () =>
			(await handle.db.select().from(rightsChecks).where(eq(rightsChecks.professionalId, 1))).length;
		const auditedChecks = async () =>
			(
				await handle.db
					.select()
					.from(auditEvents)
					.where(eq(auditEvents.action, "professionnel.rights.checked"))
			).length;
		const fresh = await createKey(practice, "Poste 3");
		const [checksBefore, auditedBefore] = [await checksOf(), await auditedChecks()];
		// Every earlier check of this practice was counted within this (frozen) minute.
		const left = 30 - checksBefore;
		expect(left).toBeGreaterThan(4);
		const unknown = { memberNumber: "499999999", birthDate: "1984-03-12" };
		const responses = await Promise.all(
			Array.from({ length: 40 }, (_, index) => rights(index % 2 === 0 ? JULIEN : unknown, fresh)),
		);
		const answered = responses.filter((response) => response.status !== 429);
		expect(answered).toHaveLength(left);
		for (const [index, response] of responses.entries()) {
			if (response.status === 429) continue;
			expect(response.status).toBe(index % 2 === 0 ? 200 : 404);
			const text = await response.text();
			if (index % 2 === 0) expect(text).toContain('"memberNumber":"400000001"');
		}
		expect(await checksOf()).toBe(checksBefore + left);
		expect(await auditedChecks()).toBe(auditedBefore + left);
	});
});
