// The contract, the dispenses and the administrators of the espace employeur in the JSON API, with
// bearer tokens of the demo employers: what the pages show, the main administrator's writes
// (invite, change a role, revoke: the revoked token stops at once), the « lecture » administrator
// refused every write, another company's administrator not found, French messages, the OpenAPI
// document.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getGroupContract } from "../../../../core/employeur/contract.ts";
import { listDispenses } from "../../../../core/employeur/dispenses.ts";
import type { DatabaseHandle } from "../../../../db/client.ts";
import { demoAccount } from "../../../../tests/support/demo.ts";
import { apiTokenOfDemoEmployer } from "../../../../tests/support/employer-testing.ts";
import { createSeededTestApp, createTestApp, latestMail } from "../../../../tests/support/route-testing.ts";
import type { App } from "../../../app.tsx";

const NOW = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let principal: string;
let baker: string;
let reader: string;
let companyId: number;
let readerId: number;

function get(path: string, token: string) {
	return app.request(`/api/v1/employeur${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

function post(path: string, token: string, body?: unknown) {
	return app.request(`/api/v1/employeur${path}`, {
		method: "POST",
		headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
}

async function errorOf(response: Response): Promise<{ message: string; fields?: Record<string, string> }> {
	return ((await response.json()) as { error: { message: string; fields?: Record<string, string> } }).error;
}

interface Administrators {
	role: string;
	administrators:
		| { accountId: number; identifier: string; role: string; status: string; email: string }[]
		| null;
	journal: { action: string; by: { identifier: string } }[] | null;
}

beforeAll(async () => {
	const seeded = await createSeededTestApp({ scale: 1, now: NOW });
	handle = seeded.handle;
	app = createTestApp({
		db: handle.db,
		clock: () => NOW,
		pepper: "test-pepper-long-enough-for-the-config-check",
	});
	principal = await apiTokenOfDemoEmployer(app, "employeur1", NOW);
	baker = await apiTokenOfDemoEmployer(app, "employeur2", NOW);
	reader = await apiTokenOfDemoEmployer(app, "employeurLecture", NOW);
	companyId = (await demoAccount(handle.db, "employeur1")).companyId ?? 0;
	readerId = (await demoAccount(handle.db, "employeurLecture")).id;
}, 120_000);
afterAll(() => handle?.client.close());

describe("the contract and the dispenses through the API", () => {
	it("gives the contract in force with its categories, shares and guarantee lines, to every role", async () => {
		const expected = await getGroupContract(handle.db, companyId, "2026-11-26");
		const response = await get("/contrat", reader);
		expect(response.status).toBe(200);
		const body = (await response.json()) as {
			number: string;
			categories: { employerShareBp: number; guarantees: { lines: { description: string }[] }[] }[];
			pdfUrl: string;
		};
		expect(body.number).toBe(expected?.number);
		expect(body.categories).toHaveLength(expected?.categories.length ?? -1);
		for (const category of body.categories) expect(category.employerShareBp).toBeGreaterThanOrEqual(5000);
		expect(body.categories[0]?.guarantees[0]?.lines[0]?.description).toMatch(/\S/);
		expect(body.pdfUrl).toBe("/employeur/contrat.pdf");
	});

	it("lists the dispenses in force as the page does, each with its document's address", async () => {
		const expected = await listDispenses(handle.db, companyId, "2026-11-26");
		const body = (await (await get("/dispenses", principal)).json()) as {
			dispenses: { id: number; reason: string; hasDocument: boolean; documentUrl: string | null }[];
		};
		expect(body.dispenses.map((dispense) => dispense.id)).toEqual(expected.map((dispense) => dispense.id));
		for (const dispense of body.dispenses)
			expect(dispense.documentUrl).toBe(
				dispense.hasDocument ? `/employeur/dispenses/${dispense.id}/demande` : null,
			);
	});
});

describe("the administrators through the API", () => {
	it("gives the main administrator the list and the journal, and every other role only its own role", async () => {
		const main = (await (await get("/administrateurs", principal)).json()) as Administrators;
		expect(main.role).toBe("principal");
		expect(main.administrators?.find((admin) => admin.accountId === readerId)?.role).toBe("lecture");
		expect(Array.isArray(main.journal)).toBe(true);
		expect((await (await get("/administrateurs", reader)).json()) as Administrators).toEqual({
			role: "lecture",
			administrators: null,
			journal: null,
		});
	});

	it("invites an administrator, who gets the activation e-mail and appears as invited; refuses bad input in French", async () => {
		const invitation = {
			firstName: "Lina",
			lastName: "Morel",
			email: "lina.morel@exemple.fr",
			role: "finances",
		};
		const response = await post("/administrateurs", principal, invitation);
		expect(response.status).toBe(201);
		const created = (await response.json()) as { accountId: number; identifier: string };
		expect(created.identifier).toMatch(/^\d+$/);
		const mail = await latestMail(handle.db, "lina.morel@exemple.fr", "account-activation");
		expect(mail?.textBody).toContain(created.identifier);
		const list = (await (await get("/administrateurs", principal)).json()) as Administrators;
		expect(list.administrators?.find((admin) => admin.accountId === created.accountId)).toMatchObject({
			role: "finances",
			status: "invited",
		});
		expect(list.journal?.[0]).toMatchObject({ action: "employeur.administrator.invited" });

		const twice = await post("/administrateurs", principal, invitation);
		expect(twice.status).toBe(409);
		expect((await errorOf(twice)).message).toBe(
			"Cette adresse est déjà celle d'un administrateur de votre entreprise.",
		);
		const bad = await post("/administrateurs", principal, { ...invitation, firstName: "L1na", role: "chef" });
		expect(bad.status).toBe(400);
		const fields = (await errorOf(bad)).fields ?? {};
		expect(fields.firstName).toBe(
			"Le prénom ne contient que des lettres, des espaces, des tirets et des apostrophes.",
		);
		expect(fields.role).toBe("Choisissez le rôle de la personne invitée.");
		expect((await post("/administrateurs", principal, { ...invitation, extra: 1 })).status).toBe(400);
	});

	it("refuses every write to the « lecture » administrator, and another company's administrator is not found", async () => {
		const invitation = { firstName: "Noé", lastName: "Roux", email: "noe.roux@exemple.fr", role: "lecture" };
		expect((await post("/administrateurs", reader, invitation)).status).toBe(403);
		expect((await post(`/administrateurs/${readerId}/role`, reader, { role: "gestion" })).status).toBe(403);
		expect((await post(`/administrateurs/${readerId}/revocation`, reader)).status).toBe(403);
		expect((await post(`/administrateurs/${readerId}/role`, baker, { role: "gestion" })).status).toBe(404);
		expect((await post(`/administrateurs/${readerId}/revocation`, baker)).status).toBe(404);
		expect((await post("/administrateurs/999999/role", principal, { role: "gestion" })).status).toBe(404);
		expect((await post("/administrateurs/abc/revocation", principal)).status).toBe(400);
		expect(
			((await (await get("/administrateurs", principal)).json()) as Administrators).administrators,
		).toContainEqual(expect.objectContaining({ accountId: readerId, role: "lecture", status: "active" }));
	});

	it("changes a role (from, to), refuses the same role, then revokes: the token stops at once", async () => {
		const changed = await post(`/administrateurs/${readerId}/role`, principal, { role: "gestion" });
		expect(changed.status).toBe(200);
		expect(await changed.json()).toEqual({ from: "lecture", to: "gestion" });
		expect(((await (await get("/administrateurs", reader)).json()) as Administrators).role).toBe("gestion");
		const same = await post(`/administrateurs/${readerId}/role`, principal, { role: "gestion" });
		expect(same.status).toBe(400);
		expect((await errorOf(same)).message).toBe("Cet administrateur a déjà ce rôle.");

		const revoked = await post(`/administrateurs/${readerId}/revocation`, principal);
		expect(revoked.status).toBe(200);
		expect(((await revoked.json()) as { sessionsEnded: number }).sessionsEnded).toBeGreaterThanOrEqual(1);
		expect((await get("/administrateurs", reader)).status).toBe(401);
		expect(await (await post(`/administrateurs/${readerId}/revocation`, principal)).json()).toEqual({
			revoked: true,
			sessionsEnded: 0,
		});
		const late = await post(`/administrateurs/${readerId}/role`, principal, { role: "lecture" });
		expect(late.status).toBe(409);
		const [audit] = (
			await handle.client.execute({
				sql: "SELECT count(*) AS n FROM audit_events WHERE action IN ('employeur.administrator.role_changed', 'employeur.administrator.revoked') AND object_id = :id",
				args: { id: String(readerId) },
			})
		).rows;
		expect(Number(audit?.n)).toBe(2);
	});

	it("is in the OpenAPI document", async () => {
		const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
			paths: Record<string, unknown>;
		};
		for (const path of [
			"/employeur/contrat",
			"/employeur/dispenses",
			"/employeur/administrateurs",
			"/employeur/administrateurs/{id}/revocation",
			"/employeur/administrateurs/{id}/role",
		])
			expect(Object.keys(doc.paths)).toContain(path);
	});
});
