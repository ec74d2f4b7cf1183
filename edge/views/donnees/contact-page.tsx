// Correcting a phone and postal address (GDPR art. 16): a member's own, the company's of an
// employer, the practice's of a professional. The account's e-mail address has its own page.
import type { ContactTarget } from "../../../core/donnees/contact.ts";
import { Alert, ErrorSummary, type FieldErrors, TextField } from "../form.tsx";

const WORDING: Readonly<
	Record<ContactTarget["kind"], { title: string; saved: string; identity: string; button: string }>
> = {
	member: {
		title: "Corriger mes coordonnées",
		saved: "Vos coordonnées sont à jour.",
		identity: "Pour votre nom, votre prénom ou votre date de naissance,",
		button: "Enregistrer mes coordonnées",
	},
	company: {
		title: "Corriger les coordonnées de l'entreprise",
		saved: "Les coordonnées de l'entreprise sont à jour.",
		identity: "Pour la raison sociale, le SIREN ou le SIRET de l'entreprise, ou votre nom,",
		button: "Enregistrer les coordonnées de l'entreprise",
	},
	professional: {
		title: "Corriger les coordonnées du cabinet",
		saved: "Les coordonnées du cabinet sont à jour.",
		identity: "Pour votre nom, votre profession ou vos identifiants RPPS, ADELI ou FINESS,",
		button: "Enregistrer les coordonnées du cabinet",
	},
};

export function ContactPage({
	kind = "member",
	values,
	errors,
	saved,
}: {
	readonly kind?: ContactTarget["kind"];
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
	readonly saved: boolean;
}) {
	const wording = WORDING[kind];
	return (
		<>
			<h1>{wording.title}</h1>
			<ErrorSummary errors={errors} />
			{saved ? <Alert kind="success">{wording.saved}</Alert> : null}
			<p>
				Votre adresse e-mail, celle de votre compte, se change sur <a href="/compte/email">une page à part</a>
				, avec une confirmation. {wording.identity}{" "}
				<a href="/compte/donnees/demandes/nouvelle?droit=rectification">
					faites une demande de rectification
				</a>{" "}
				avec un justificatif.
			</p>
			<form method="post" action="/compte/donnees/coordonnees" novalidate>
				<TextField
					name="telephone"
					label="Téléphone"
					type="tel"
					autocomplete="tel"
					hint="Par exemple 06 12 34 56 78."
					value={values.telephone}
					error={errors.telephone}
					required={false}
				/>
				<TextField
					name="adresse1"
					label="Adresse"
					autocomplete="address-line1"
					value={values.adresse1}
					error={errors.adresse1}
					maxlength={100}
				/>
				<TextField
					name="adresse2"
					label="Complément d'adresse"
					autocomplete="address-line2"
					value={values.adresse2}
					error={errors.adresse2}
					required={false}
					maxlength={100}
				/>
				<TextField
					name="codePostal"
					label="Code postal"
					autocomplete="postal-code"
					inputmode="numeric"
					value={values.codePostal}
					error={errors.codePostal}
					maxlength={5}
				/>
				<TextField
					name="ville"
					label="Ville"
					autocomplete="address-level2"
					value={values.ville}
					error={errors.ville}
					maxlength={60}
				/>
				<button type="submit">{wording.button}</button>
			</form>
		</>
	);
}
