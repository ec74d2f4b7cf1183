// `/api/v1/adherent/remboursements` with a bearer token, on a seeded database: the same lines,
// filters and pages as the HTML list, and the same walls (401, 403, 404).
import { and, desc, eq, gte, lte } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../../db/client.ts";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS } from "../../../../demo/accounts.ts";
import { beneficiaries, prestations } from "../../../../schema/tables/index.ts";
import { createSeededTestDatabase, demoMemberId } from "../../../../tests/support/demo.ts";
import { createTestApp, latestSignInCode } from "../../../../tests/support/route-testing.ts";
import type { App } from "../../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let memberToken: string;
let employerToken: string;
let memberId: number;
let otherMemberId: number;

const post = (path: string, body: unknown, token?: string) =>
	app.request(`/api/v1${path}`, {
		method: "POST",
		headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
		body: JSON.stringify(body),
	});
const get = (path: string, token?: string) =>
	app.request(`/api/v1${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

async function signIn(identifier: string, password: string, code: () => Promise<string>): Promise<string> {
	const first = (await (await post("/auth/sign-in", { identifier, password })).json()) as { token: string };
	const second = await post("/auth/second-factor", { code: await code() }, first.token);
	if (second.status !== 200) throw new Error(`second factor refused: ${second.status}`);
	return ((await second.json()) as { token: string }).token;
}

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 42,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
	const { adherent1, employeur1 } = DEMO_ACCOUNTS;
	memberToken = await signIn(adherent1.identifier, adherent1.password, () =>
		latestSignInCode(handle.db, adherent1.email),
	);
	const totp = new OTPAuth.TOTP({
		secret: DEMO_TOTP_SECRETS.employeur,
		digits: 6,
		period: 30,
		algorithm: "SHA1",
	});
	employerToken = await signIn(employeur1.identifier, employeur1.password, async () =>
		totp.generate({ timestamp: now.getTime() }),
	);
	memberId = await demoMemberId(handle.db, "adherent1");
	otherMemberId = await demoMemberId(handle.db, "adherent2");
}, 60_000);
afterAll(() => handle.client.close());

interface Page {
	items: {
		id: number;
		careDate: string;
		beneficiary: { id: number };
		mutuelleCents: number;
		paidTo: string;
	}[];
	page: number;
	pageSize: number;
	pageCount: number;
	total: number;
}

describe("the reimbursements API", () => {
	it("lists the member's lines newest first, 25 a page, with the totals", async () => {
		const response = await get("/adherent/remboursements", memberToken);
		expect(response.status).toBe(200);
		const body = (await response.json()) as Page;
		const total = await handle.db.$count(prestations, eq(prestations.memberId, memberId));
		expect(body).toMatchObject({ page: 1, pageSize: 25, total, pageCount: Math.ceil(total / 25) });
		const newest = await handle.db
			.select({ id: prestations.id })
			.from(prestations)
			.where(eq(prestations.memberId, memberId))
			.orderBy(desc(prestations.careDate), desc(prestations.id))
			.limit(25);
		expect(body.items.map((item) => item.id)).toEqual(newest.map((row) => row.id));
		expect(response.headers.get("Cache-Control")).toBe("no-store");
	});

	it("applies the same filters as the page", async () => {
		const [child] = await handle.db
			.select({ id: beneficiaries.id })
			.from(beneficiaries)
			.where(and(eq(beneficiaries.memberId, memberId), eq(beneficiaries.relationship, "enfant")))
			.limit(1);
		const query = `beneficiaryId=${child?.id}&from=2020-01-01&to=2025-12-31&category=medecins&page=1`;
		const body = (await (await get(`/adherent/remboursements?${query}`, memberToken)).json()) as Page;
		const expected = await handle.db.$count(
			prestations,
			and(
				eq(prestations.memberId, memberId),
				eq(prestations.beneficiaryId, child?.id ?? 0),
				eq(prestations.categoryCode, "medecins"),
				gte(prestations.careDate, "2020-01-01"),
				lte(prestations.careDate, "2025-12-31"),
			),
		);
		expect(expected).toBeGreaterThan(0);
		expect(body.total).toBe(expected);
		expect(body.items.every((item) => item.beneficiary.id === child?.id)).toBe(true);
	});

	it("answers bad criteria with 400 and a French message per field", async () => {
		for (const [query, field] of [
			["from=2026-02-30", "from"],
			["from=2026-03-01&to=2026-02-01", "to"],
			["page=-1", "page"],
			["category=Pharmacie", "category"],
			[
				`beneficiaryId=${(await handle.db.select({ id: beneficiaries.id }).from(beneficiaries).where(eq(beneficiaries.memberId, otherMemberId)))[0]?.id}`,
				"beneficiaryId",
			],
			["category=astrologie", "category"],
		] as const) {
			const response = await get(`/adherent/remboursements?${query}`, memberToken);
			expect(response.status, query).toBe(400);
			const body = (await response.json()) as { error: { message: string; fields: Record<string, string> } };
			expect(body.error.fields[field], query).toMatch(/[éèà]|Choisissez|valide|nombre/);
		}
		expect((await get("/adherent/remboursements?sort=amount", memberToken)).status).toBe(400);
		expect((await get("/adherent/remboursements?page=999", memberToken)).status).toBe(404);
	});

	it("gives the detail of a line, and 404 for another member's line exactly as for a missing one", async () => {
		const [line] = await handle.db
			.select()
			.from(prestations)
			.where(eq(prestations.memberId, memberId))
			.orderBy(desc(prestations.careDate))
			.limit(1);
		const response = await get(`/adherent/remboursements/${line?.id}`, memberToken);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			id: line?.id,
			careDate: line?.careDate,
			chargedCents: line?.chargedCents,
			ssPaidCents: line?.ssPaidCents,
			mutuelleCents: line?.mutuelleCents,
			remainingCents: line?.remainingCents,
			report: null,
		});
		const [theirs] = await handle.db
			.select({ id: prestations.id })
			.from(prestations)
			.where(eq(prestations.memberId, otherMemberId))
			.limit(1);
		const other = await get(`/adherent/remboursements/${theirs?.id}`, memberToken);
		const missing = await get("/adherent/remboursements/999999999", memberToken);
		expect(other.status).toBe(404);
		expect(missing.status).toBe(404);
		const message = async (r: Response) => ((await r.json()) as { error: { message: string } }).error.message;
		expect(await message(other)).toBe(await message(missing));
		// Not an id at all: bad input (400), as everywhere in the API (schema/record-id.ts).
		expect((await get("/adherent/remboursements/abc", memberToken)).status).toBe(400);
	});

	it("answers 401 without a signed-in session and 403 to another space", async () => {
		expect((await get("/adherent/remboursements")).status).toBe(401);
		const half = (await (
			await post("/auth/sign-in", {
				identifier: DEMO_ACCOUNTS.adherent2.identifier,
				password: DEMO_ACCOUNTS.adherent2.password,
			})
		).json()) as { token: string };
		const pending = await get("/adherent/remboursements", half.token);
		expect(pending.status).toBe(401);
		expect(await pending.json()).toMatchObject({ error: { code: "unauthenticated" } });
		for (const path of ["/adherent/remboursements", "/adherent/remboursements/1"]) {
			const response = await get(path, employerToken);
			expect(response.status, path).toBe(403);
			expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
		}
	});

	it("is described in the OpenAPI document", async () => {
		const doc = (await (await get("/openapi.json")).json()) as {
			paths: Record<string, unknown>;
			components: { schemas: Record<string, unknown> };
		};
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining(["/adherent/remboursements", "/adherent/remboursements/{id}"]),
		);
		expect(Object.keys(doc.components.schemas)).toEqual(
			expect.arrayContaining(["Prestation", "PrestationPage", "PrestationDetail"]),
		);
	});
});
