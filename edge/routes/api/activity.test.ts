import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.ts";
import { apiTokenOfDemoMember, createSeededTestApp } from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const NOW = new Date("2026-11-26T09:00:00.000Z");
let handle: DatabaseHandle;
let app: App;
let token: string;

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 0.2, now: NOW }));
	token = await apiTokenOfDemoMember(app, handle.db, "adherent1");
}, 120_000);

afterAll(() => handle?.client.close());

function call(path: string, init: RequestInit = {}) {
	return app.request(`/api/v1${path}`, {
		...init,
		headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...init.headers },
	});
}

describe("/api/v1/auth/activity", () => {
	it("lists the account's verified activity, filtered by kind", async () => {
		const response = await call("/auth/activity?kind=connexion");
		expect(response.status).toBe(200);
		const body = (await response.json()) as {
			lines: { action: string; actor: string; kind: string; verified: boolean }[];
			chainIntact: boolean;
		};
		expect(body.chainIntact).toBe(true);
		expect(body.lines.length).toBeGreaterThan(0);
		expect(body.lines.every((line) => line.kind === "connexion" && line.verified)).toBe(true);
		expect(body.lines).toContainEqual(
			expect.objectContaining({ action: "auth.sign_in.completed", actor: "self" }),
		);
	});

	it("refuses a wrong criterion with a French message, and a request without a token", async () => {
		const bad = await call("/auth/activity?kind=tout");
		expect(bad.status).toBe(400);
		expect(JSON.stringify(await bad.json())).toContain(
			"Le type doit valoir connexion, consultation ou operation.",
		);
		expect((await app.request("/api/v1/auth/activity")).status).toBe(401);
	});
});

describe("/api/v1/auth/notifications", () => {
	it("reads and stores the optional alerts, and keeps the security ones on", async () => {
		const before = (await (await call("/auth/notifications")).json()) as {
			email: Record<string, boolean>;
			alwaysOn: string[];
		};
		expect(before.email.payment_made).toBe(true);
		expect(before.alwaysOn.sort()).toEqual(["new_sign_in", "security_change"]);
		const put = await call("/auth/notifications", {
			method: "PUT",
			body: JSON.stringify({
				email: { statement_available: true, payment_made: false, request_answered: true, cgu_update: true },
			}),
		});
		expect(put.status).toBe(204);
		const after = (await (await call("/auth/notifications")).json()) as { email: Record<string, boolean> };
		expect(after.email).toMatchObject({ payment_made: false, statement_available: true, new_sign_in: true });
		const mandatory = await call("/auth/notifications", {
			method: "PUT",
			body: JSON.stringify({
				email: {
					statement_available: true,
					payment_made: true,
					request_answered: true,
					cgu_update: true,
					new_sign_in: false,
				},
			}),
		});
		expect(mandatory.status).toBe(400);
	});
});
