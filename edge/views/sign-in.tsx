// The sign-in pages: identifier and password, then the second factor.
import { Alert, ErrorSummary, type FieldErrors, TextField } from "./form.tsx";

export interface SignInPageProps {
	readonly next: string;
	readonly notice?: string | undefined;
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
}

export function SignInPage({ next, notice, values, errors }: SignInPageProps) {
	return (
		<>
			<h1>Se connecter</h1>
			{notice ? <Alert kind="success">{notice}</Alert> : null}
			<ErrorSummary errors={errors} />
			<form method="post" action="/connexion" novalidate>
				{next ? <input type="hidden" name="next" value={next} /> : null}
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
				<div class="actions">
					<button type="submit">Se connecter</button>
				</div>
			</form>
			<ul class="link-list">
				<li>
					<a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
				</li>
				<li>
					<a href="/inscription">Créer mon compte</a>
				</li>
			</ul>
		</>
	);
}

export interface SecondFactorPageProps {
	readonly method: "email" | "totp";
	readonly next: string;
	readonly errors: FieldErrors;
	readonly resent?: boolean;
}

export function SecondFactorPage({ method, next, errors, resent = false }: SecondFactorPageProps) {
	return (
		<>
			<h1>Vérification de connexion</h1>
			{resent ? <Alert kind="success">Un nouveau code vous a été envoyé par e-mail.</Alert> : null}
			<ErrorSummary errors={errors} />
			<p>
				{method === "email"
					? "Pour protéger votre compte, saisissez le code à 6 chiffres que nous venons de vous envoyer par e-mail. Il est valable 10 minutes."
					: "Pour protéger votre compte, saisissez le code à 6 chiffres affiché par votre application d'authentification."}
			</p>
			<form method="post" action="/connexion/verification" novalidate>
				{next ? <input type="hidden" name="next" value={next} /> : null}
				<TextField
					name="code"
					label="Code de vérification"
					error={errors.code}
					autocomplete="one-time-code"
					inputmode="numeric"
					maxlength={32}
				/>
				{method === "totp" ? (
					<div class="field">
						<label class="choice" for="champ-secours">
							<input id="champ-secours" type="checkbox" name="secours" value="oui" />
							<span>J'utilise un code de secours (si je n'ai plus accès à mon application)</span>
						</label>
					</div>
				) : null}
				<div class="actions">
					<button type="submit">Valider</button>
				</div>
			</form>
			{method === "email" ? (
				<form method="post" action="/connexion/verification/renvoyer" class="inline-form">
					<button type="submit" class="button-secondary">
						Recevoir un nouveau code
					</button>
				</form>
			) : null}
			<form method="post" action="/deconnexion" class="inline-form">
				<button type="submit" class="button-link">
					Annuler et revenir à la connexion
				</button>
			</form>
		</>
	);
}
