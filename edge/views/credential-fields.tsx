// The fields every password step shows: the sign-in, and linking a FranceConnect or Pro Santé
// Connect identity (ADR 0039); and the recovery-code choice of the authenticator app's step.
import { type FieldErrors, TextField } from "./form.tsx";

/** Identifier and password, as every password step asks them (sign-in, linking an identity). */
export function CredentialFields({
	values,
	errors,
}: {
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
}) {
	return (
		<>
			<TextField
				name="identifiant"
				label="Identifiant"
				hint="Les 10 chiffres reçus par e-mail lors de votre inscription."
				value={values.identifiant}
				error={errors.identifiant}
				autocomplete="username"
				inputmode="numeric"
				maxlength={10}
			/>
			<TextField
				name="motDePasse"
				label="Mot de passe"
				type="password"
				error={errors.motDePasse}
				autocomplete="current-password"
			/>
		</>
	);
}

/** The choice of a recovery code instead of the authenticator app's code. */
export function RecoveryChoice() {
	return (
		<div class="field">
			<label class="choice" for="champ-secours">
				<input id="champ-secours" type="checkbox" name="secours" value="oui" />
				<span>J'utilise un code de secours (si je n'ai plus accès à mon application)</span>
			</label>
		</div>
	);
}
