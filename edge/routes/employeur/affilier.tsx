// « Affilier un salarié »: the form and its POST (core/employeur/affiliate.ts), which e-mails the
// employee an invitation to their espace adhérent. A wrong field comes back with a French
// message and nothing is written.
import { Hono } from "hono";
import { z } from "zod";
import { isRealDay } from "../../../core/calendar.ts";
import { affiliateEmployee } from "../../../core/employeur/affiliate.ts";
import { listCategoryChoices } from "../../../core/employeur/employees.ts";
import { parisDayOf } from "../../../core/format.ts";
import { emailAddressSchema } from "../../../core/sign-up.ts";
import { coverageOptions } from "../../../schema/enums.ts";
import { nirSchema, postalCodeSchema } from "../../../schema/identifiers.ts";
import type { AppEnv } from "../../env.ts";
import { parseForm } from "../../lib/form.ts";
import { employerScope } from "../../middleware/employer.ts";
import { AffilierPage } from "../../views/employeur/affilier-page.tsx";
import { salariePath } from "../../views/employeur/salaries-page.tsx";
import type { FieldErrors } from "../../views/form.tsx";
import { renderPage } from "../../views/page.tsx";

const TITLE = "Affilier un salarié";

const text = (label: string, max: number) =>
	z
		.string()
		.trim()
		.min(1, `${label} est obligatoire.`)
		.max(max, `${label} ne doit pas dépasser ${max} caractères.`);

const affilierSchema = z.strictObject({
	nir: nirSchema,
	nom: text("Le nom", 80),
	prenom: text("Le prénom", 80),
	dateNaissance: z.string().refine(isRealDay, "Indiquez la date de naissance (jour, mois et année)."),
	email: emailAddressSchema,
	adresse: text("L'adresse", 120),
	codePostal: postalCodeSchema,
	ville: text("La ville", 80),
	matricule: z
		.string()
		.trim()
		.max(20, "Le matricule ne doit pas dépasser 20 caractères.")
		.regex(/^[A-Za-z0-9-]*$/, "Le matricule ne contient que des lettres, des chiffres et des tirets.")
		.optional(),
	dateDebut: z.string().refine(isRealDay, "Indiquez la date d'affiliation (jour, mois et année)."),
	categorie: z
		.string()
		.regex(/^[1-9]\d{0,9}$/, "Choisissez une catégorie dans la liste.")
		.transform(Number),
	option: z.enum(coverageOptions, "Choisissez une option."),
});

const PROBLEMS: Record<string, [string, string]> = {
	unknown_category: ["categorie", "Choisissez une catégorie dans la liste."],
	nir_birth_date: ["nir", "Le numéro de sécurité sociale ne correspond pas à la date de naissance."],
	already_affiliated: ["nir", "Ce salarié est déjà affilié au contrat de votre entreprise."],
	start_before_contract: ["dateDebut", "L'affiliation ne peut pas commencer avant le contrat collectif."],
	start_too_far: ["dateDebut", "L'affiliation ne peut pas commencer plus de trois mois à l'avance."],
};

export const affilierRoutes = new Hono<AppEnv>()
	.get("/salaries/affilier", async (c) => {
		const categories = await listCategoryChoices(c.get("deps").db, employerScope(c).companyId);
		return renderPage(c, { title: TITLE }, <AffilierPage categories={categories} />);
	})
	.post("/salaries/affilier", async (c) => {
		const scope = employerScope(c);
		const { db, clock, config, randomBytes } = c.get("deps");
		const categories = await listCategoryChoices(db, scope.companyId);
		const form = await parseForm(c, affilierSchema);
		const page = (errors: FieldErrors) =>
			renderPage(
				c,
				{ title: TITLE, status: 400 },
				<AffilierPage categories={categories} values={form.values} errors={errors} />,
			);
		if (!form.ok) return page(form.errors);
		const now = clock();
		const { data } = form;
		const result = await affiliateEmployee(db, {
			scope,
			nir: data.nir,
			lastName: data.nom,
			firstName: data.prenom,
			birthDate: data.dateNaissance,
			email: data.email,
			addressLine1: data.adresse,
			postalCode: data.codePostal,
			city: data.ville,
			employeeNumber: data.matricule ? data.matricule.toUpperCase() : undefined,
			startDate: data.dateDebut,
			categoryId: data.categorie,
			option: data.option,
			today: parisDayOf(now),
			now,
			publicUrl: config.publicUrl,
			randomBytes,
			correlationId: c.get("requestId"),
		});
		if (!result.ok) {
			const [field, message] = PROBLEMS[result.reason] ?? ["_form", "Vérifiez le formulaire."];
			return page({ [field]: message });
		}
		return c.redirect(`${salariePath(result.affiliationId)}?affiliation=enregistree`, 303);
	});
