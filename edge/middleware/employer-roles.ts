// Which capability a request of the espace employeur needs, by its method and its path under
// /employeur or /api/v1/employeur (ADR 0034). Deny by default: every role reads, a write (any
// method but GET/HEAD) needs the capability of its area, and a write in an area not listed here
// needs the main administrator. A few GET pages need more than reading: the forms of actions
// (affilier, import, fin, dispense), whose answer would be a 403 anyway, and the SEPA mandate,
// which carries the whole new IBAN.
import type { EmployerCapability } from "../../core/employeur/administrators.ts";

const SAFE_METHODS = new Set(["GET", "HEAD"]);
const EMPLOYEE_FORMS = /^\/salaries\/(affilier(\/.*)?|[0-9]+\/(fin|dispense))$/;
/** The API's CSV imports of affiliations: reading one advances it (ADR 0033), so it is a write. */
const AFFILIATION_IMPORTS = /^\/affiliations\/imports(\/.*)?$/;

/** The path under the space's prefix: "/salaries/12" for "/api/v1/employeur/salaries/12". */
export function employerSubPath(path: string): string {
	const sub = path.replace(/^(\/api\/v1)?\/employeur/, "");
	return sub === "" ? "/" : sub;
}

export function capabilityFor(method: string, path: string): EmployerCapability {
	const sub = employerSubPath(path).replace(/\/+$/, "") || "/";
	const area = (prefix: string) => sub === prefix || sub.startsWith(`${prefix}/`);
	if (SAFE_METHODS.has(method.toUpperCase())) {
		if (EMPLOYEE_FORMS.test(sub) || AFFILIATION_IMPORTS.test(sub)) return "employees";
		if (sub === "/coordonnees-bancaires/mandat.pdf") return "finances";
		return "read";
	}
	if (area("/salaries") || area("/dispenses") || area("/affiliations")) return "employees";
	if (area("/coordonnees-bancaires") || area("/bordereaux")) return "finances";
	return "administrators";
}
