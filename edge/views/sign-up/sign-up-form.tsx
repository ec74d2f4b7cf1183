// The sign-up form of one space: the fields that prove who the person is against the insurer's
// records, then the CGU in force (version, summary, link), the capacity statement and the box
// « J'accepte les présentes CGU » (article 2). Values are kept and each error sits by its field.

import type { SignUpSpace } from "../../../core/account-identifier.ts";
import type { CguVersion } from "../../../core/deps.ts";
import { formatLongDay } from "../../../core/format.ts";
import { SPACE_CAPACITIES } from "../../../core/sign-up.ts";
import { CAPACITY_OPTIONS } from "../cgu-acceptance.tsx";
import {
	Checkbox,
	DateField,
	ErrorSummary,
	type FieldErrors,
	RadioGroup,
	TextField,
	type TextFieldProps,
} from "../form.tsx";

/** A date field is typed as day, month and year (DateField). */
type Field = Omit<TextFieldProps, "value" | "error"> & { readonly date?: true };

const EMAIL_HINT = "L'adresse que vous avez communiquée à la mutuelle.";

/** The proof fields of each space, in the order of the form. */
export const SIGN_UP_FIELDS: Readonly<Record<SignUpSpace, readonly Field[]>> = {
	adherent: [
		{
			name: "numeroAdherent",
			label: "Numéro d'adhérent",
			hint: "Il figure sur votre carte de tiers payant.",
			inputmode: "numeric",
			maxlength: 20,
			autocomplete: "off",
		},
		{
			name: "dateNaissance",
			label: "Date de naissance",
			date: true,
			hint: "Celle de l'adhérent. Par exemple, 27 3 1980.",
			autocomplete: "bday",
		},
		{
			name: "email",
			label: "Adresse e-mail",
			type: "email",
			hint: EMAIL_HINT,
			autocomplete: "email",
			maxlength: 254,
		},
	],
	employeur: [
		{
			name: "siret",
			label: "Numéro SIRET",
			hint: "Les 14 chiffres de l'établissement qui a souscrit le contrat.",
			inputmode: "numeric",
			maxlength: 20,
			autocomplete: "off",
		},
		{
			name: "numeroContrat",
			label: "Numéro de contrat collectif",
			hint: "Il figure sur votre contrat et vos bordereaux de cotisations, par exemple GC00001234.",
			maxlength: 32,
			autocomplete: "off",
		},
		{
			name: "email",
			label: "Adresse e-mail du contact de l'entreprise",
			type: "email",
			hint: EMAIL_HINT,
			autocomplete: "email",
			maxlength: 254,
		},
	],
	professionnel: [
		{
			name: "numeroConvention",
			label: "Numéro de convention de tiers payant",
			hint: "Il figure sur votre convention, par exemple TP-00001234.",
			maxlength: 32,
			autocomplete: "off",
		},
		{
			name: "numeroProfessionnel",
			label: "Numéro RPPS ou FINESS",
			hint: "11 chiffres pour un RPPS, 9 caractères pour le FINESS d'un établissement.",
			maxlength: 14,
			autocomplete: "off",
		},
		{
			name: "email",
			label: "Adresse e-mail",
			type: "email",
			hint: EMAIL_HINT,
			autocomplete: "email",
			maxlength: 254,
		},
	],
};

const TITLES: Readonly<Record<SignUpSpace, string>> = {
	adherent: "Créer mon compte adhérent",
	employeur: "Créer mon compte employeur",
	professionnel: "Créer mon compte professionnel de santé",
};

export function signUpTitle(space: SignUpSpace): string {
	return TITLES[space];
}

export interface SignUpFormPageProps {
	readonly space: SignUpSpace;
	readonly cgu: CguVersion;
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
}

export function SignUpFormPage({ space, cgu, values, errors }: SignUpFormPageProps) {
	const capacities = CAPACITY_OPTIONS.filter((option) =>
		(SPACE_CAPACITIES[space] as readonly string[]).includes(option.value),
	);
	return (
		<>
			<h1>{TITLES[space]}</h1>
			<ErrorSummary errors={errors} />
			<p>
				Tous les champs sont obligatoires. Ces informations servent seulement à vérifier votre identité auprès
				de nos fichiers. Vous recevrez ensuite un e-mail pour choisir votre mot de passe.
			</p>
			<form method="post" action={`/inscription?espace=${space}`} novalidate>
				<input type="hidden" name="version" value={cgu.version} />
				{SIGN_UP_FIELDS[space].map(({ date, ...field }) =>
					date ? (
						<DateField
							name={field.name}
							legend={field.label}
							hint={field.hint}
							values={values}
							error={errors[field.name]}
							birthday
						/>
					) : (
						<TextField {...field} value={values[field.name]} error={errors[field.name]} />
					),
				)}
				<h2>Conditions générales d'utilisation</h2>
				<p>
					Version {cgu.version}, en vigueur depuis le {formatLongDay(cgu.effectiveDate)}. {cgu.summary}
				</p>
				<p>
					<a href="/cgu">Lire les conditions générales d'utilisation (version {cgu.version})</a>
				</p>
				<RadioGroup
					name="capacite"
					legend="À quel titre acceptez-vous ces conditions ?"
					options={capacities}
					value={values.capacite}
					error={errors.capacite}
				/>
				<Checkbox
					name="accepte"
					label="J'accepte les présentes CGU"
					checked={values.accepte === "oui"}
					error={errors.accepte}
					required
				/>
				<div class="actions">
					<button type="submit">Créer mon compte</button>
				</div>
			</form>
			<p>
				Vous avez déjà un compte ? <a href="/connexion">Se connecter</a>
			</p>
		</>
	);
}
