// Strict input everywhere (issue 11): only the canonical decimal form of an id, no duplicate JSON
// keys, no repeated query parameters, a path parameter that cannot break the audit trail, and no
// full NIR in an API response. Signed in through the real forms and the real API, on the demo
// population.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../core/audit.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { requests } from "../../schema/tables/index.ts";
import { demoAccount } from "../../tests/support/demo.ts";
import {
	apiTokenOfDemoMember,
	createSeededTestApp,
	signInDemoMember,
	withCookie,
} from "../../tests/support/route-testing.ts";
import type { App } from "../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let token: string;
let cookie: string;

const api = (path: string, init: RequestInit = {}) =>
	app.request(`/api/v1${path}`, {
		...init,
		headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
	});
const postJsonText = (path: string, text: string) =>
	api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: text });

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 1, now, pepper: PEPPER }));
	token = await apiTokenOfDemoMember(app, handle.db, "adherent1");
	cookie = await signInDemoMember(app, handle.db, "adherent1");
}, 60_000);
afterAll(() => handle.client.close());

const LAX_IDS = ["0x1", "%201", "1.0", "+1", "01", "1e0", "%00", "-1", "1%20"];

async function firstIds(): Promise<{
	line: number;
	statement: number;
	complaint: number;
	beneficiary: number;
}> {
	const lines = (await (await api("/adherent/remboursements")).json()) as { items: { id: number }[] };
	const statements = (await (await api("/adherent/releves")).json()) as { statements: { id: number }[] };
	const { id: accountId } = await demoAccount(handle.db, "adherent1");
	const [complaint] = await handle.db
		.select({ id: requests.id })
		.from(requests)
		.where(and(eq(requests.accountId, accountId), eq(requests.kind, "complaint")))
		.limit(1);
	const people = (await (await api("/adherent/beneficiaires")).json()) as { beneficiaries: { id: number }[] };
	return {
		line: lines.items[0]?.id ?? 0,
		statement: statements.statements[0]?.id ?? 0,
		complaint: complaint?.id ?? 0,
		beneficiary: people.beneficiaries[1]?.id ?? 0,
	};
}

describe("identifiers", () => {
	it("are accepted only in their canonical decimal form: 400 on the API, 404 on pages", async () => {
		const ids = await firstIds();
		expect(Object.values(ids).every((id) => id > 0)).toBe(true);
		const apiPaths = (id: string) => [
			`/adherent/remboursements/${id}`,
			`/adherent/releves/${id}`,
			`/adherent/reclamations/${id}`,
		];
		const pagePaths = (id: string) => [
			`/adherent/remboursements/${id}`,
			`/adherent/releves/${id}`,
			`/adherent/releves/${id}.pdf`,
			`/adherent/reclamations/${id}`,
			`/adherent/beneficiaires/${id}/retrait`,
		];
		// The canonical form of real ids answers.
		for (const [path, id] of [
			["/adherent/remboursements/", ids.line],
			["/adherent/releves/", ids.statement],
			["/adherent/reclamations/", ids.complaint],
		] as const) {
			expect((await api(`${path}${id}`)).status, path).toBe(200);
			expect((await app.request(`${path}${id}`, withCookie(cookie))).status, path).toBe(200);
		}
		expect(
			(await app.request(`/adherent/beneficiaires/${ids.beneficiary}/retrait`, withCookie(cookie))).status,
		).toBe(200);
		for (const lax of LAX_IDS) {
			for (const path of apiPaths(lax)) expect((await api(path)).status, path).toBe(400);
			const removal = await api(`/adherent/beneficiaires/${lax}/retrait`, {
				method: "POST",
				headers: { "Content-Type": "application/json" },
				body: JSON.stringify({ lastDay: "2026-12-31", password: "x" }),
			});
			expect(removal.status, `retrait ${lax}`).toBe(400);
			for (const path of pagePaths(lax))
				expect((await app.request(path, withCookie(cookie))).status, path).toBe(404);
		}
	});

	it("cannot break the audit trail, even a NUL character in a path", async () => {
		const response = await api("/adherent/remboursements/%00");
		expect(response.status).toBe(400);
		expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true });
	});
});

describe("request bodies and queries", () => {
	it("refuse a JSON body with a duplicate key (400) and change nothing", async () => {
		const before = await handle.db.$count(requests);
		const response = await postJsonText(
			"/adherent/reclamations",
			'{"category":"autre","text":"Une réclamation de test assez longue.","category":"remboursement"}',
		);
		expect(response.status).toBe(400);
		const body = (await response.json()) as { error: { message: string } };
		expect(body.error.message).toMatch(/plusieurs fois/);
		// Nested objects too, and an escaped spelling of the same key.
		expect((await postJsonText("/adherent/reclamations", '{"a":{"b":1,"\\u0062":2}}')).status).toBe(400);
		expect(await handle.db.$count(requests)).toBe(before);
	});

	it("refuse a repeated query parameter on pages (400)", async () => {
		for (const path of [
			"/adherent/releves?annee=2025&annee=2026",
			"/adherent/remboursements?page=1&page=2",
			"/adherent/reclamations?envoyee=1&envoyee=1",
		]) {
			const response = await app.request(path, withCookie(cookie));
			expect(response.status, path).toBe(400);
			expect(await response.text()).toContain("plusieurs fois");
		}
		expect((await app.request("/adherent/releves?annee=2025", withCookie(cookie))).status).toBe(200);
	});
});

describe("the card in the API", () => {
	it("masks the NIR as the screens do: its last 3 characters only", async () => {
		const response = await api("/adherent/carte");
		expect(response.status).toBe(200);
		const text = await response.text();
		expect(text).not.toMatch(/[1-478]\d{4}(?:\d{2}|2[AB])\d{8}/);
		const body = JSON.parse(text) as { beneficiaries: Record<string, unknown>[] };
		expect(body.beneficiaries.length).toBeGreaterThan(0);
		for (const person of body.beneficiaries) {
			expect(person).not.toHaveProperty("nir");
			expect(person.nirEnd === null || /^[0-9]{3}$/.test(String(person.nirEnd))).toBe(true);
		}
	});
});
