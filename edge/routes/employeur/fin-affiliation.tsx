// « Fin d'affiliation »: the form, its POST (the portabilité computed in core), and the
// attestation de portabilité as a PDF. Another company's employee answers 404; a wrong field
// comes back with a French message and changes nothing.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { isRealDay } from "../../../core/calendar.ts";
import { EMPLOYER_END_REASONS, endAffiliation } from "../../../core/employeur/affiliation-end.ts";
import { getCompanyIdentity } from "../../../core/employeur/dashboard.ts";
import { getEmployee } from "../../../core/employeur/employees.ts";
import { recordEmployerActivity } from "../../../core/employeur/scope.ts";
import { parisDayOf } from "../../../core/format.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { AppEnv } from "../../env.ts";
import { parseForm } from "../../lib/form.ts";
import { employerScope } from "../../middleware/employer.ts";
import { pdfResponse } from "../../pdf/response.ts";
import {
	attestationFileName,
	renderAttestationPdf,
} from "../../views/employeur/attestation-portabilite-pdf.ts";
import { FinAffiliationPage } from "../../views/employeur/fin-affiliation-page.tsx";
import { salariePath } from "../../views/employeur/salaries-page.tsx";
import type { FieldErrors } from "../../views/form.tsx";
import { renderPage } from "../../views/page.tsx";

const day = (message: string) => z.string().refine(isRealDay, message);

const finSchema = z.strictObject({
	dateFin: day("Indiquez le dernier jour du contrat de travail (jour, mois et année)."),
	motif: z.enum(EMPLOYER_END_REASONS, "Choisissez le motif du départ."),
	debutContrat: z
		.union([z.literal(""), day("La date de début du contrat n'est pas une date valide.")])
		.optional(),
	fauteLourde: z.literal("oui").optional(),
});

const PROBLEMS: Record<string, [string, string]> = {
	before_start: ["dateFin", "La fin d'affiliation ne peut pas précéder son début."],
	too_far: ["dateFin", "La fin d'affiliation ne peut pas être déclarée plus de trois mois à l'avance."],
	contract_start_after_end: ["debutContrat", "Le contrat de travail doit commencer avant sa fin."],
};

/** The company's employee named by the path's id, or null (another company's or a missing one). */
export async function employeeOf<E extends AppEnv>(c: Context<E>) {
	const id = parseRecordId(c.req.param("id"));
	if (id === null) return null;
	const { db, clock } = c.get("deps");
	return getEmployee(db, employerScope(c).companyId, id, parisDayOf(clock()));
}

function title(employee: { lastName: string; firstName: string }): string {
	return `Fin d'affiliation de ${employee.lastName.toUpperCase()} ${employee.firstName}`;
}

export const finAffiliationRoutes = new Hono<AppEnv>()
	.get("/salaries/:id/fin", async (c) => {
		const employee = await employeeOf(c);
		if (!employee) return c.notFound();
		if (employee.endDate) return c.redirect(salariePath(employee.id), 303);
		return renderPage(c, { title: title(employee) }, <FinAffiliationPage employee={employee} />);
	})
	.post("/salaries/:id/fin", async (c) => {
		const employee = await employeeOf(c);
		if (!employee) return c.notFound();
		const form = await parseForm(c, finSchema);
		const { db, clock } = c.get("deps");
		const page = (errors: FieldErrors, status: 400 | 409 = 400) =>
			renderPage(
				c,
				{ title: title(employee), status },
				<FinAffiliationPage employee={employee} values={form.values} errors={errors} />,
			);
		if (!form.ok) return page(form.errors);
		const now = clock();
		const result = await endAffiliation(db, {
			scope: employerScope(c),
			affiliationId: employee.id,
			endDate: form.data.dateFin,
			reason: form.data.motif,
			contractStart: form.data.debutContrat || undefined,
			grossMisconduct: form.data.fauteLourde === "oui",
			today: parisDayOf(now),
			now,
			correlationId: c.get("requestId"),
		});
		if (!result.ok) {
			if (result.reason === "not_found") return c.notFound();
			if (result.reason === "already_ended")
				return page({ _form: "La fin d'affiliation de ce salarié est déjà enregistrée." }, 409);
			const [field, message] = PROBLEMS[result.reason] ?? ["_form", "Vérifiez le formulaire."];
			return page({ [field]: message });
		}
		return c.redirect(`${salariePath(employee.id)}?fin=enregistree`, 303);
	})
	.get("/salaries/:id/attestation-portabilite.pdf", async (c) => {
		const employee = await employeeOf(c);
		if (!employee) return c.notFound();
		const scope = employerScope(c);
		const { db, clock } = c.get("deps");
		const company = await getCompanyIdentity(db, scope.companyId);
		const now = clock();
		const pdf = company ? await renderAttestationPdf(company, employee, now) : null;
		if (!pdf) return c.notFound();
		await recordEmployerActivity(db, scope, c.get("requestId"), now, {
			action: "employeur.portability_certificate.downloaded",
			objectType: "affiliation",
			objectId: String(employee.id),
		});
		return pdfResponse(c, pdf, attestationFileName(employee));
	});
