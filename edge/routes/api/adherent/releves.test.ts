// `/api/v1/adherent/garanties` and `/api/v1/adherent/releves[/{id}]` with a bearer token.
import { and, desc, eq } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../../db/client.ts";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS } from "../../../../demo/accounts.ts";
import { accounts, individualContracts, outgoingMails, statements } from "../../../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../../../tests/support/demo.ts";
import { createTestApp } from "../../../../tests/support/route-testing.ts";
import type { App } from "../../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const NOW = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let token: string;

const post = (path: string, body: unknown, bearer?: string) =>
	app.request(`/api/v1${path}`, {
		method: "POST",
		headers: { "Content-Type": "application/json", ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
		body: JSON.stringify(body),
	});
const get = (path: string, bearer: string | null = token) =>
	app.request(path.startsWith("/adherent/releves/") && path.endsWith(".pdf") ? path : `/api/v1${path}`, {
		headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
	});

async function signIn(identifier: string, password: string, code: () => Promise<string>): Promise<string> {
	const first = await post("/auth/sign-in", { identifier, password });
	const step = (await first.json()) as { token: string };
	const second = await post("/auth/second-factor", { code: await code() }, step.token);
	if (second.status !== 200) throw new Error(`second factor refused: ${second.status}`);
	return ((await second.json()) as { token: string }).token;
}

async function latestCode(email: string): Promise<string> {
	const [mail] = await handle.db
		.select()
		.from(outgoingMails)
		.where(and(eq(outgoingMails.toAddress, email), eq(outgoingMails.template, "sign-in-code")))
		.orderBy(desc(outgoingMails.id))
		.limit(1);
	return /\b(\d{6})\b/.exec(mail?.textBody ?? "")?.[1] ?? "";
}

async function statementsOf(identifier: string) {
	return handle.db
		.select({ statement: statements })
		.from(statements)
		.innerJoin(accounts, eq(accounts.memberId, statements.memberId))
		.where(eq(accounts.identifier, identifier))
		.orderBy(desc(statements.month))
		.then((rows) => rows.map((row) => row.statement));
}

beforeAll(async () => {
	handle = await createSeededTestDatabase({ scale: 1, seed: 42, pepper: PEPPER, now: NOW });
	app = createTestApp({ db: handle.db, clock: () => NOW, pepper: PEPPER });
	const { identifier, password, email } = DEMO_ACCOUNTS.adherent1;
	token = await signIn(identifier, password, () => latestCode(email));
}, 60_000);
afterAll(() => handle.client.close());

interface StatementsBody {
	years: number[];
	year: number | null;
	paperStatements: boolean;
	statements: { id: number; month: string; publishedAt: string; chargedCents: number; pdfUrl: string }[];
}

interface DetailBody {
	statement: { id: number; month: string; chargedCents: number; mutuelleCents: number };
	member: { memberNumber: string; firstName: string };
	beneficiaries: {
		firstName: string;
		lines: { chargedCents: number; mutuelleCents: number; paidTo: string }[];
		totals: { chargedCents: number };
	}[];
	totals: { chargedCents: number; mutuelleCents: number };
	transfers: { ibanLast4: string | null }[];
}

describe("the statements API", () => {
	it("lists the newest year's statements, newest first", async () => {
		const response = await get("/adherent/releves");
		expect(response.status).toBe(200);
		expect(response.headers.get("Cache-Control")).toBe("no-store");
		const body = (await response.json()) as StatementsBody;
		expect(body.year).toBe(2026);
		expect(body.years[0]).toBe(2026);
		expect(body.years.at(-1)).toBe(2016);
		expect(body.paperStatements).toBe(false);
		const months = body.statements.map((statement) => statement.month);
		expect(months[0]).toBe("2026-10");
		expect([...months].sort().reverse()).toEqual(months);
		expect(body.statements[0]?.pdfUrl).toBe(`/adherent/releves/${body.statements[0]?.id}.pdf`);
	});

	it("lists another year, and refuses what is not a year or an unknown parameter", async () => {
		const body = (await (await get("/adherent/releves?year=2019")).json()) as StatementsBody;
		expect(body.statements.length).toBeGreaterThan(0);
		expect(body.statements.every((statement) => statement.month.startsWith("2019-"))).toBe(true);
		const bad = await get("/adherent/releves?year=deux");
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields.year).toBe(
			"L'année se compose de 4 chiffres.",
		);
		expect((await get("/adherent/releves?page=2")).status).toBe(400);
	});

	it("gives one statement's lines by beneficiary, with totals that add up", async () => {
		const [latest] = await statementsOf(DEMO_ACCOUNTS.adherent1.identifier);
		const response = await get(`/adherent/releves/${latest?.id}`);
		expect(response.status).toBe(200);
		const body = (await response.json()) as DetailBody;
		expect(body.statement.month).toBe("2026-10");
		expect(body.member.memberNumber).toBe("400000001");
		const lines = body.beneficiaries.flatMap((beneficiary) => beneficiary.lines);
		expect(lines.reduce((sum, line) => sum + line.chargedCents, 0)).toBe(body.totals.chargedCents);
		expect(body.totals.chargedCents).toBe(latest?.chargedCents);
		expect(body.totals.mutuelleCents).toBe(latest?.mutuelleCents);
		for (const beneficiary of body.beneficiaries)
			expect(beneficiary.lines.reduce((sum, line) => sum + line.chargedCents, 0)).toBe(
				beneficiary.totals.chargedCents,
			);
		expect(
			body.transfers.every((transfer) => transfer.ibanLast4 === null || transfer.ibanLast4.length === 4),
		).toBe(true);
	});

	it("answers 404 for another member's statement, as for one that does not exist", async () => {
		const [theirs] = await statementsOf(DEMO_ACCOUNTS.adherent2.identifier);
		const response = await get(`/adherent/releves/${theirs?.id}`);
		expect(response.status).toBe(404);
		const body = (await response.json()) as { error: { code: string; message: string } };
		expect(body.error).toMatchObject({
			code: "not_found",
			message: "Ce relevé de prestations n'existe pas.",
		});
		expect((await get("/adherent/releves/987654321")).status).toBe(404);
		expect((await get("/adherent/releves/abc")).status).toBe(400);
	});

	it("downloads a statement's PDF with the bearer token", async () => {
		const [latest] = await statementsOf(DEMO_ACCOUNTS.adherent1.identifier);
		const response = await get(`/adherent/releves/${latest?.id}.pdf`);
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Type")).toBe("application/pdf");
		expect(new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
	});
});

describe("the guarantees API", () => {
	it("gives the offer's table and the contract's terms, the account masked", async () => {
		const response = await get("/adherent/garanties");
		expect(response.status).toBe(200);
		const raw = await response.text();
		const body = JSON.parse(raw) as {
			offer: { code: string };
			categories: {
				code: string;
				lines: { label: string; kind: string; value: number; description: string }[];
			}[];
			contract: {
				number: string;
				reimbursementIbanLast4: string;
				contributionCents: number;
				periodicity: string;
			};
			pdfUrl: string;
		};
		expect(body.offer.code).toBe("CONFORT");
		const doctors = body.categories.find((category) => category.code === "medecins");
		expect(doctors?.lines[0]).toMatchObject({ kind: "percent_br", value: 15_000 });
		expect(doctors?.lines[0]?.description.replace(/\s/g, " ")).toBe("150 % de la BR (RO inclus)");
		const [contract] = await handle.db
			.select()
			.from(individualContracts)
			.where(eq(individualContracts.number, body.contract.number));
		expect(body.contract.reimbursementIbanLast4).toBe(contract?.reimbursementIbanLast4);
		expect(body.contract).toMatchObject({
			contributionCents: contract?.contributionCents,
			periodicity: "monthly",
		});
		expect(raw).not.toContain(contract?.reimbursementIban ?? "unset");
		expect(raw).not.toContain((contract?.reimbursementIban ?? "unset").slice(0, 10));
		expect(body.pdfUrl).toBe("/adherent/garanties.pdf");
	});
});

describe("who may use these endpoints", () => {
	it("answers 401 without a completed sign-in and 403 to an employer", async () => {
		for (const path of ["/adherent/garanties", "/adherent/releves", "/adherent/releves/1"]) {
			const response = await get(path, null);
			expect(response.status, path).toBe(401);
			expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
		}
		// Identifier and password only: the second factor is still to come.
		const { identifier, password } = DEMO_ACCOUNTS.adherent2;
		const halfway = await post("/auth/sign-in", { identifier, password });
		expect(halfway.status).toBe(200);
		const { token: partial } = (await halfway.json()) as { token: string };
		expect(partial).toBeTruthy();
		expect((await get("/adherent/releves", partial)).status).toBe(401);
		const totp = new OTPAuth.TOTP({
			secret: DEMO_TOTP_SECRETS.employeur,
			digits: 6,
			period: 30,
			algorithm: "SHA1",
		});
		const employer = await signIn(
			DEMO_ACCOUNTS.employeur1.identifier,
			DEMO_ACCOUNTS.employeur1.password,
			async () => totp.generate({ timestamp: NOW.getTime() }),
		);
		for (const path of ["/adherent/garanties", "/adherent/releves", "/adherent/releves/1"])
			expect((await get(path, employer)).status, path).toBe(403);
	});

	it("are described in the OpenAPI document", async () => {
		const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
			paths: Record<string, unknown>;
		};
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining(["/adherent/garanties", "/adherent/releves", "/adherent/releves/{id}"]),
		);
	});
});
