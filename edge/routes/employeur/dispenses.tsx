// « Dispenses d'adhésion »: the company's dispenses in force with their legal case and end, the
// form recording one for a covered employee (with their signed request, typed from its bytes and
// kept in the document storage), and that request downloaded. Another company's employee or
// dispense answers 404; a wrong field comes back with a French message and changes nothing.
import { Hono } from "hono";
import { z } from "zod";
import { isRealDay } from "../../../core/calendar.ts";
import { storeUploadedDocument } from "../../../core/documents.ts";
import {
	type DispenseProblem,
	findDispenseDocument,
	recordDispense,
} from "../../../core/employeur/dispense-record.ts";
import { listDispenses } from "../../../core/employeur/dispenses.ts";
import { recordEmployerActivity } from "../../../core/employeur/scope.ts";
import {
	DOCUMENT_TYPES,
	FORM_OVERHEAD_BYTES,
	isDocumentType,
	MAX_DOCUMENT_BYTES,
	readMultipartWithLimit,
	sniffDocumentType,
} from "../../../core/file-type.ts";
import { parisDayOf } from "../../../core/format.ts";
import { resolveDocumentStorage } from "../../../core/storage.ts";
import { dispenseReasons } from "../../../schema/enums.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import type { AppEnv } from "../../env.ts";
import { joinDateParts } from "../../lib/date-parts.ts";
import { employerScope } from "../../middleware/employer.ts";
import { DispenseFormPage } from "../../views/employeur/dispense-form-page.tsx";
import { DispensesPage } from "../../views/employeur/dispenses-page.tsx";
import { salariePath } from "../../views/employeur/salaries-page.tsx";
import type { FieldErrors } from "../../views/form.tsx";
import { renderPage } from "../../views/page.tsx";
import { employeeOf } from "./fin-affiliation.tsx";

const day = (message: string) => z.string().refine(isRealDay, message);

const dispenseSchema = z.strictObject({
	motif: z.enum(dispenseReasons, "Choisissez le cas de dispense."),
	dateDemande: day("Indiquez la date de la demande écrite du salarié (jour, mois et année)."),
	dateDebut: day("Indiquez le premier jour de la dispense (jour, mois et année)."),
	dateFin: z.union([z.literal(""), day("La fin de la dispense n'est pas une date valide.")]).optional(),
});

const FIELDS = new Set(["motif", "dateDemande", "dateDebut", "dateFin", "demande"]);

const PROBLEMS: Record<DispenseProblem, [string, string]> = {
	requested_in_future: ["dateDemande", "La demande écrite ne peut pas être datée d'un jour à venir."],
	start_before_affiliation: [
		"dateDebut",
		"La dispense ne peut pas commencer avant l'affiliation du salarié.",
	],
	start_too_far: ["dateDebut", "La dispense ne peut pas commencer plus de trois mois à l'avance."],
	end_required: [
		"dateFin",
		"Indiquez la fin de la dispense : la fin du contrat à durée déterminée ou l'échéance du contrat individuel.",
	],
	end_before_start: ["dateFin", "La fin de la dispense ne peut pas précéder son début."],
};

const TOO_LARGE = "La demande signée dépasse 5 Mo : envoyez un fichier plus léger.";

function title(employee: { lastName: string; firstName: string }): string {
	return `Dispense d'adhésion de ${employee.lastName.toUpperCase()} ${employee.firstName}`;
}

export const dispensesRoutes = new Hono<AppEnv>()
	.get("/dispenses", async (c) => {
		const { db, clock } = c.get("deps");
		const dispenses = await listDispenses(db, employerScope(c).companyId, parisDayOf(clock()));
		const notice = c.req.query("enregistree")
			? "La dispense est enregistrée avec la demande signée."
			: undefined;
		return renderPage(
			c,
			{ title: "Dispenses d'adhésion" },
			<DispensesPage dispenses={dispenses} notice={notice} />,
		);
	})
	.get("/salaries/:id/dispense", async (c) => {
		const employee = await employeeOf(c);
		if (!employee) return c.notFound();
		if (employee.endDate || employee.dispenseReason) return c.redirect(salariePath(employee.id), 303);
		return renderPage(c, { title: title(employee) }, <DispenseFormPage employee={employee} />);
	})
	.post("/salaries/:id/dispense", async (c) => {
		const employee = await employeeOf(c);
		if (!employee) return c.notFound();
		const page = (
			errors: FieldErrors,
			values: Readonly<Record<string, string>> = {},
			status: 400 | 409 | 413 = 400,
		) =>
			renderPage(
				c,
				{ title: title(employee), status },
				<DispenseFormPage employee={employee} values={values} errors={errors} />,
			);
		const multipart = await readMultipartWithLimit(c.req.raw, MAX_DOCUMENT_BYTES + FORM_OVERHEAD_BYTES);
		if (!multipart.ok)
			return multipart.reason === "too_large"
				? page({ demande: TOO_LARGE }, {}, 413)
				: page({ _form: "Le formulaire envoyé n'a pas pu être lu. Réessayez." });
		const typed: Record<string, string> = {};
		let file: File | null = null;
		for (const [key, value] of multipart.form.entries()) {
			if (typeof value === "string") typed[key] = value;
			else if (key === "demande" && value.size > 0) file = value;
		}
		const fields = joinDateParts(typed);
		const values = { ...typed, ...fields };
		const unexpected =
			[...multipart.form.entries()].some(([key, value]) => typeof value !== "string" && key !== "demande") ||
			Object.keys(fields).some((key) => !FIELDS.has(key));
		if (unexpected)
			return page(
				{ _form: "Le formulaire contient des champs inattendus. Rechargez la page et réessayez." },
				values,
			);
		const parsed = dispenseSchema.safeParse({
			motif: fields.motif,
			dateDemande: fields.dateDemande,
			dateDebut: fields.dateDebut,
			dateFin: fields.dateFin,
		});
		const errors: Record<string, string> = {};
		if (!parsed.success)
			for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
		const bytes = file && file.size <= MAX_DOCUMENT_BYTES ? new Uint8Array(await file.arrayBuffer()) : null;
		const type = bytes ? sniffDocumentType(bytes) : null;
		if (!file) errors.demande = "Joignez la demande signée du salarié.";
		else if (!bytes) errors.demande = TOO_LARGE;
		else if (!type) errors.demande = "La demande signée doit être un document PDF, JPEG ou PNG.";
		if (!parsed.success || !file || !bytes || !type || Object.keys(errors).length > 0)
			return page(errors, values);
		const deps = c.get("deps");
		const now = deps.clock();
		const stored = await storeUploadedDocument(
			deps,
			{ bytes, contentType: type, fileName: file.name },
			now,
			"demande-de-dispense",
		);
		const result = await recordDispense(deps.db, {
			scope: employerScope(c),
			affiliationId: employee.id,
			reason: parsed.data.motif,
			requestedOn: parsed.data.dateDemande,
			startDate: parsed.data.dateDebut,
			endDate: parsed.data.dateFin || null,
			document: stored.record,
			today: parisDayOf(now),
			now,
			correlationId: c.get("requestId"),
		}).catch(async (error: unknown) => {
			await stored.discard();
			throw error;
		});
		if (!result.ok) {
			await stored.discard();
			if (result.reason === "not_found") return c.notFound();
			if (result.reason === "not_covered")
				return page(
					{ _form: "Ce salarié n'est plus couvert : sa dispense ne peut pas être enregistrée." },
					values,
					409,
				);
			const [field, message] = PROBLEMS[result.reason];
			return page({ [field]: message }, values);
		}
		return c.redirect("/employeur/dispenses?enregistree=1", 303);
	})
	.get("/dispenses/:id/demande", async (c) => {
		const id = parseRecordId(c.req.param("id"));
		if (id === null) return c.notFound();
		const scope = employerScope(c);
		const deps = c.get("deps");
		const found = await findDispenseDocument(deps.db, scope.companyId, id);
		const stored = found ? await (await resolveDocumentStorage(deps)).get(found.storageKey) : null;
		if (!found || !stored) return c.notFound();
		await recordEmployerActivity(deps.db, scope, c.get("requestId"), deps.clock(), {
			action: "employeur.dispense_request.downloaded",
			objectType: "affiliation",
			objectId: String(id),
		});
		// The name as uploaded may hold any letter; the header gets a plain one of the right type.
		const extension = isDocumentType(found.contentType) ? DOCUMENT_TYPES[found.contentType].extension : "bin";
		return c.body(stored.bytes.slice().buffer, 200, {
			"Content-Type": found.contentType,
			"Content-Disposition": `attachment; filename="demande-de-dispense-${id}.${extension}"`,
			"Cache-Control": "private, no-store",
		});
	});
