// The import API on a seeded database: a staff token created by an admin (shown once, stored
// hashed; an agent may not), a CSV and a JSON Lines file with broken lines answered by the
// report, the refusals (no token, a revoked one, an unknown kind, another format), a body larger
// than the app's body limit read as a stream, the audit entry and the OpenAPI document.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffToken, listStaffTokens, revokeStaffToken } from "../../../../core/import/staff-tokens.ts";
import type { DatabaseHandle } from "../../../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../../../demo/accounts.ts";
import { auditEvents, prestations, staffApiTokens } from "../../../../schema/tables/index.ts";
import { createSeededTestApp, createTestApp } from "../../../../tests/support/route-testing.ts";
import type { App } from "../../../app.tsx";

const now = new Date("2026-11-26T09:00:00Z");
const pepper = "test-pepper-long-enough-for-the-config-check";
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const admin = { identifier: DEMO_ACCOUNTS.gestionnaire1.identifier, now, via: "test" };
let handle: DatabaseHandle;
let app: App;
let token = "";
let memberNumber = "";
let actCode = "";

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 0.05, now }));
	const created = await createStaffToken(handle.db, { ...admin, randomBytes: random }, "Système de gestion");
	if (!created.ok) throw new Error(created.reason);
	token = created.token;
	const [row] = (
		await handle.client.execute(
			"SELECT m.member_number AS number, (SELECT code FROM acts ORDER BY code LIMIT 1) AS act FROM members m JOIN beneficiaries b ON b.member_id = m.id AND b.rank = 1 ORDER BY m.id LIMIT 1",
		)
	).rows;
	memberNumber = String(row?.number);
	actCode = String(row?.act);
}, 120_000);
afterAll(() => handle.client.close());

function send(kind: string, body: string, contentType: string, bearer = token, on = app) {
	return on.request(`/api/v1/gestion/imports/${kind}`, {
		method: "POST",
		headers: { "Content-Type": contentType, Authorization: `Bearer ${bearer}` },
		body,
	});
}

const HEADER =
	"reference;numero_adherent;rang_beneficiaire;date_soins;code_acte;montant_depense;base_remboursement;taux_ss;part_ss;part_mutuelle;reste_a_charge;paye_a";
const line = (reference: string, overrides: Partial<Record<"paye" | "montant", string>> = {}) =>
	`${reference};${memberNumber};1;2026-11-03;${actCode};${overrides.montant ?? "30,00"};30,00;70;21,00;7,00;2,00;${overrides.paye ?? "adherent"}`;

describe("staff import tokens", () => {
	it("are created by an admin only, shown once and stored hashed", async () => {
		const [row] = await handle.db.select().from(staffApiTokens);
		expect(row).toMatchObject({ name: "Système de gestion", revokedAt: null });
		expect(JSON.stringify(row)).not.toContain(token.split("_")[2] ?? "");
		const agent = await createStaffToken(
			handle.db,
			{ ...admin, identifier: DEMO_ACCOUNTS.gestionnaire2.identifier, randomBytes: random },
			"Agent",
		);
		expect(agent).toEqual({ ok: false, reason: "not_admin" });
		expect((await listStaffTokens(handle.db)).map((t) => t.hint)).toEqual([`esst_${token.slice(5, 11)}…`]);
	});
});

describe("POST /api/v1/gestion/imports/<kind>", () => {
	it("imports a CSV with broken lines and answers the report with each refusal's French reason", async () => {
		const body = `${HEADER}\n${line("API-1")}\n${line("API-2", { montant: "douze" })}\n${line("API-3", { paye: '"adh\nerent"' })}\n${line("API-4")}\n`;
		const response = await send("prestations", body, "text/csv; charset=utf-8");
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({
			kind: "prestations",
			lines: 4,
			written: 2,
			unchanged: 0,
			rejected: 2,
			rejections: [
				{ line: 3, reason: "montant_depense : « douze » n'est pas un montant en euros." },
				{ line: 4, reason: "paye_a : « adherent » ou « professionnel »." },
			],
			stopped: null,
		});
		const rows = await handle.db.select({ ref: prestations.sourceRef }).from(prestations);
		expect(rows.map((r) => r.ref).filter((ref) => ref?.startsWith("API-"))).toEqual(["API-1", "API-4"]);
		const [audit] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, "import.prestations"), eq(auditEvents.actorKind, "staff")));
		expect(audit?.details).toMatchObject({
			lines: 4,
			written: 2,
			rejected: 2,
			via: expect.stringMatching(/^api:jeton:\d+$/),
		});
		expect(audit?.accountId).not.toBeNull();

		// Sent again: nothing new, the same report.
		const again = await (await send("prestations", body, "text/csv")).json();
		expect(again).toMatchObject({ written: 2, rejected: 2 });
		expect(await handle.db.$count(prestations, eq(prestations.sourceRef, "API-1"))).toBe(1);
	});

	it("reads JSON Lines", async () => {
		const body = `${JSON.stringify({ numero_contrat: "ABSENT-1", date_fin: "2026-12-31", motif: "deces" })}\npas du json\n`;
		const report = await (await send("resiliations", body, "application/x-ndjson")).json();
		expect(report).toMatchObject({
			lines: 2,
			written: 0,
			rejected: 2,
			rejections: [
				{ line: 2, reason: "Ligne illisible : ce n'est pas un objet JSON." },
				{ line: 1, reason: "Contrat ABSENT-1 inconnu." },
			],
		});
	});

	it("streams a body larger than the app's body limit", async () => {
		const small = createTestApp({
			db: handle.db,
			clock: () => now,
			pepper,
			env: { BODY_LIMIT_BYTES: "2048" },
		});
		const lines = Array.from({ length: 40 }, (_, i) => line(`BIG-${i}`)).join("\n");
		expect(lines.length).toBeGreaterThan(2048);
		const response = await send("prestations", `${HEADER}\n${lines}\n`, "text/csv", token, small);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ lines: 40, written: 40, rejected: 0 });
	});

	it("refuses without a valid token, an unknown kind and another format, in French, importing nothing", async () => {
		const body = `${HEADER}\n${line("NO-1")}\n`;
		for (const bearer of ["", "esst_nope", `${token.slice(0, -1)}a`]) {
			const response = await send("prestations", body, "text/csv", bearer);
			expect(response.status).toBe(401);
			expect((await response.json()).error.message).toBe(
				"Présentez un jeton d'import valide (Authorization: Bearer esst_…).",
			);
		}
		const unknown = await send("contrats-x", body, "text/csv");
		expect(unknown.status).toBe(404);
		expect((await unknown.json()).error.message).toMatch(
			/^Type d'import inconnu : les types sont adherents, /,
		);
		const json = await send("prestations", JSON.stringify({ reference: "NO-1" }), "application/json");
		expect(json.status).toBe(415);
		expect(await handle.db.$count(prestations, eq(prestations.sourceRef, "NO-1"))).toBe(0);
	});

	it("stops at once when its token is revoked", async () => {
		const [row] = await handle.db.select({ id: staffApiTokens.id }).from(staffApiTokens);
		expect(await revokeStaffToken(handle.db, admin, row?.id ?? 0)).toEqual({ ok: true });
		const response = await send("prestations", `${HEADER}\n${line("REV-1")}\n`, "text/csv");
		expect(response.status).toBe(401);
		expect(await revokeStaffToken(handle.db, admin, row?.id ?? 0)).toEqual({
			ok: false,
			reason: "unknown_token",
		});
	});

	it("is described in the OpenAPI document", async () => {
		const document = await (await app.request("/api/v1/openapi.json")).json();
		const operation = document.paths["/gestion/imports/{kind}"].post;
		expect(Object.keys(operation.requestBody.content)).toEqual(["text/csv", "application/x-ndjson"]);
		expect(operation.security).toEqual([{ staffApiToken: [] }]);
		expect(document.components.schemas.ImportReport).toBeDefined();
	});
});
