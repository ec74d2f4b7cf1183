// `/api/v1/adherent/beneficiaires` on a seeded database, as the demo adhérent 1000000001.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../../../demo/accounts.ts";
import { accounts, beneficiaries, persons } from "../../../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../../../tests/support/demo.ts";
import {
	createTestApp,
	latestSignInCode,
	signInThroughForms,
} from "../../../../tests/support/route-testing.ts";
import type { App } from "../../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
let handle: DatabaseHandle;
let app: App;
let cookie: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 42,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => new Date("2026-11-26T09:00:00Z"), pepper: PEPPER });
	const rows = await handle.db
		.select({ id: beneficiaries.id, firstName: persons.firstName })
		.from(beneficiaries)
		.innerJoin(persons, eq(persons.id, beneficiaries.personId))
		.innerJoin(accounts, eq(accounts.memberId, beneficiaries.memberId))
		.where(eq(accounts.space, "adherent"));
	for (const row of rows) ids[row.firstName] ??= row.id;
	const { identifier, password, email } = DEMO_ACCOUNTS.adherent1;
	cookie = await signInThroughForms(app, identifier, password, () => latestSignInCode(handle.db, email));
}, 60_000);
afterAll(() => handle.client.close());

function removal(id: number | string, body: unknown): Promise<Response> {
	return Promise.resolve(
		app.request(`/api/v1/adherent/beneficiaires/${id}/retrait`, {
			method: "POST",
			headers: { Cookie: cookie, "Content-Type": "application/json" },
			body: JSON.stringify(body),
		}),
	);
}

const valid = { lastCoveredDay: "2026-12-31", password: DEMO_ACCOUNTS.adherent1.password };

describe("the beneficiaries API", () => {
	it("lists the people covered with only the last 3 characters of their NIR", async () => {
		const response = await app.request("/api/v1/adherent/beneficiaires", { headers: { Cookie: cookie } });
		expect(response.status).toBe(200);
		const body = (await response.json()) as { beneficiaries: { firstName: string; nirEnd: string | null }[] };
		expect(body.beneficiaries.map((person) => person.firstName)).toEqual([
			"Julien",
			"Camille",
			"Léa",
			"Hugo",
		]);
		for (const person of body.beneficiaries) expect(person.nirEnd).toMatch(/^\d{3}$/);
		expect(JSON.stringify(body)).not.toMatch(/\d{15}/);
		expect((await app.request("/api/v1/adherent/beneficiaires")).status).toBe(401);
	});

	it("asks for a removal with the password again, as the form does", async () => {
		const wrong = await removal(ids.Léa ?? 0, { ...valid, password: "pas-le-bon-mot-de-passe" });
		expect(wrong.status).toBe(400);
		expect(((await wrong.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
			password: "Le mot de passe n'est pas le bon.",
		});
		const unknownKey = await removal(ids.Léa ?? 0, { ...valid, admin: true });
		expect(unknownKey.status).toBe(400);
		const created = await removal(ids.Léa ?? 0, valid);
		expect(created.status).toBe(201);
		expect(await created.json()).toEqual({
			reference: expect.stringMatching(/^B2026-\d{6}$/),
			status: "received",
		});
		expect((await removal(ids.Léa ?? 0, valid)).status).toBe(409);
		const list = (await (
			await app.request("/api/v1/adherent/beneficiaires", { headers: { Cookie: cookie } })
		).json()) as {
			requests: { kind: string; status: string; personName: string }[];
		};
		expect(list.requests).toContainEqual(
			expect.objectContaining({ kind: "beneficiary_remove", status: "received", personName: "Léa Mercier" }),
		);
	});

	it("refuses the holder (409) and answers 404 for another member's beneficiary", async () => {
		expect((await removal(ids.Julien ?? 0, valid)).status).toBe(409);
		const theirs = await removal(ids.Nathan ?? 0, valid);
		const missing = await removal(999_999, valid);
		expect(theirs.status).toBe(404);
		expect(missing.status).toBe(404);
		const message = (response: unknown) => (response as { error: { message: string } }).error.message;
		expect(message(await theirs.json())).toBe(message(await missing.json()));
		// Not an id at all: bad input (400), as everywhere in the API (schema/record-id.ts).
		expect((await removal("abc", valid)).status).toBe(400);
	});

	it("is described in the OpenAPI document", async () => {
		const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
			paths: Record<string, unknown>;
		};
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining([
				"/adherent/carte",
				"/adherent/beneficiaires",
				"/adherent/beneficiaires/{id}/retrait",
			]),
		);
	});
});
