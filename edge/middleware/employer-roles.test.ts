// What each request of the espace employeur needs (ADR 0034), pages and API alike, and which
// roles have it: deny by default for a write outside the listed areas.
import { describe, expect, it } from "vitest";
import { mayDo } from "../../core/employeur/administrators.ts";
import { capabilityFor } from "./employer-roles.ts";

describe("capabilityFor", () => {
	it.each([
		["GET", "/employeur", "read"],
		["GET", "/employeur/salaries/12", "read"],
		["HEAD", "/api/v1/employeur/salaries", "read"],
		["GET", "/employeur/administrateurs", "read"],
		["GET", "/employeur/salaries/affilier", "employees"],
		["GET", "/employeur/salaries/affilier/import/3", "employees"],
		["GET", "/employeur/salaries/12/fin", "employees"],
		["GET", "/employeur/salaries/12/dispense", "employees"],
		["GET", "/employeur/coordonnees-bancaires/mandat.pdf", "finances"],
		["POST", "/employeur/salaries/affilier", "employees"],
		["POST", "/employeur/salaries/affilier/import/3/confirmer", "employees"],
		["POST", "/api/v1/employeur/salaries", "employees"],
		["POST", "/api/v1/employeur/salaries/12/fin", "employees"],
		["POST", "/employeur/dispenses/", "employees"],
		["POST", "/employeur/coordonnees-bancaires", "finances"],
		["POST", "/api/v1/employeur/coordonnees-bancaires", "finances"],
		["DELETE", "/employeur/bordereaux/4", "finances"],
		["POST", "/employeur/administrateurs", "administrators"],
		["POST", "/employeur/administrateurs/9/revocation", "administrators"],
		["POST", "/employeur", "administrators"],
		["PUT", "/employeur/contrat", "administrators"],
		["POST", "/employeur/salariesX", "administrators"],
		["POST", "/api/v1/employeur/affiliations/imports", "employees"],
		["POST", "/api/v1/employeur/affiliations/imports/3/confirmation", "employees"],
		["GET", "/api/v1/employeur/affiliations/imports/3", "employees"],
	] as const)("%s %s needs %s", (method, path, capability) => {
		expect(capabilityFor(method, path)).toBe(capability);
	});

	it("lets « lecture » read only, and each other role its own area", () => {
		expect(
			["read", "employees", "finances", "administrators"].filter((c) => mayDo("lecture", c as never)),
		).toEqual(["read"]);
		expect(mayDo("gestion", "employees") && !mayDo("gestion", "finances")).toBe(true);
		expect(mayDo("finances", "finances") && !mayDo("finances", "employees")).toBe(true);
		expect(mayDo("principal", "administrators") && !mayDo("gestion", "administrators")).toBe(true);
	});
});
