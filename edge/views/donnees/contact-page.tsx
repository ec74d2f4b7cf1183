// Correcting one's phone and postal address (GDPR art. 16); the e-mail address has its own page.
import { Alert, ErrorSummary, type FieldErrors, TextField } from "../form.tsx";

export function ContactPage({
	values,
	errors,
	saved,
}: {
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
	readonly saved: boolean;
}) {
	return (
		<>
			<h1>Corriger mes coordonnées</h1>
			<ErrorSummary errors={errors} />
			{saved ? <Alert kind="success">Vos coordonnées sont à jour.</Alert> : null}
			<p>
				Votre adresse e-mail se change sur <a href="/compte/email">une page à part</a>, avec une confirmation.
				Pour votre nom, votre prénom ou votre date de naissance,{" "}
				<a href="/compte/donnees/demandes/nouvelle">faites une demande de rectification</a> avec un
				justificatif.
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
				<button type="submit">Enregistrer mes coordonnées</button>
			</form>
		</>
	);
}
