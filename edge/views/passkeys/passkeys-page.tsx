// « Clés d'accès » (`/compte/cles-d-acces`): the account's passkeys (name, creation, last use,
// state) with a button to revoke each, and the form that adds one. Only the ceremony needs
// JavaScript (the page says so); listing and revoking are plain HTML.
import { formatInstant } from "../../../core/format.ts";
import { PASSKEY_NAME_MAX } from "../../../core/passkeys/registration.ts";
import type { Passkey } from "../../../schema/tables/index.ts";
import { Alert, ErrorSummary, type FieldErrors, TextField } from "../form.tsx";

export const PASSKEYS_PATH = "/compte/cles-d-acces";
export const CEREMONY_SCRIPT = "/cles-d-acces.js";

/** The form of a ceremony: the options for the script, the hidden answer, a place for its errors. */
export function CeremonyForm(props: {
	readonly action: string;
	readonly ceremony: "register" | "authenticate";
	readonly options: unknown;
	readonly button: string;
	readonly next?: string | undefined;
	readonly children?: unknown;
}) {
	return (
		<form
			method="post"
			action={props.action}
			data-passkey={props.ceremony}
			data-options={JSON.stringify(props.options)}
		>
			{props.next ? <input type="hidden" name="next" value={props.next} /> : null}
			{props.children as never}
			<input type="hidden" name="reponse" value="" />
			<p class="field-error" role="alert" data-passkey-error hidden />
			<div class="actions">
				<button type="submit">{props.button}</button>
			</div>
			<script src={CEREMONY_SCRIPT} defer />
		</form>
	);
}

export interface PasskeysPageProps {
	readonly passkeys: readonly Passkey[];
	readonly options: unknown;
	readonly notice?: string | undefined;
	readonly errors: FieldErrors;
	readonly name?: string | undefined;
}

export function PasskeysPage({ passkeys, options, notice, errors, name }: PasskeysPageProps) {
	return (
		<>
			<h1>Clés d'accès</h1>
			{notice ? <Alert kind="success">{notice}</Alert> : null}
			<ErrorSummary errors={errors} />
			<p class="lead">
				Une clé d'accès (passkey) vous connecte sans mot de passe, avec le déverrouillage de votre téléphone
				ou de votre ordinateur (empreinte, visage ou code), ou une clé de sécurité. Elle sert aussi de second
				facteur après votre mot de passe.
			</p>
			<h2>Mes clés d'accès</h2>
			{passkeys.length === 0 ? (
				<p>Aucune clé d'accès n'est enregistrée.</p>
			) : (
				<section class="table-wrap" tabindex={0} aria-labelledby="cles-titre">
					<table>
						<caption id="cles-titre">Clés d'accès de votre compte</caption>
						<thead>
							<tr>
								<th scope="col">Nom</th>
								<th scope="col">Ajoutée le</th>
								<th scope="col">Dernière utilisation</th>
								<th scope="col">Action</th>
							</tr>
						</thead>
						<tbody>
							{passkeys.map((key) => (
								<tr>
									<td>{key.name}</td>
									<td>{formatInstant(key.createdAt)}</td>
									<td>{key.lastUsedAt ? formatInstant(key.lastUsedAt) : "Jamais"}</td>
									<td>
										{key.revokedAt ? (
											`Supprimée le ${formatInstant(key.revokedAt)}`
										) : (
											<form method="post" action={`${PASSKEYS_PATH}/${key.id}/supprimer`} class="inline-form">
												<button type="submit" class="button-secondary">
													Supprimer<span class="sr-only"> la clé {key.name}</span>
												</button>
											</form>
										)}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</section>
			)}
			<h2>Ajouter une clé d'accès</h2>
			<p>
				Cette étape utilise JavaScript : votre navigateur dialogue avec votre appareil pour créer la clé. Le
				reste de cette page fonctionne sans JavaScript.
			</p>
			<CeremonyForm
				action={PASSKEYS_PATH}
				ceremony="register"
				options={options}
				button="Ajouter une clé d'accès"
			>
				<TextField
					name="nom"
					label="Nom de la clé"
					hint="Pour la reconnaître dans la liste, par exemple « Mon téléphone »."
					maxlength={PASSKEY_NAME_MAX}
					value={name}
					error={errors.nom}
				/>
			</CeremonyForm>
			<ul class="link-list">
				<li>
					<a href="/compte/securite">Retour à la sécurité de mon compte</a>
				</li>
			</ul>
		</>
	);
}

/** Signing in with a passkey: alone (`/connexion/cle-d-acces`) or as the second factor. */
export function PasskeySignInPage(props: {
	readonly action: string;
	readonly options: unknown;
	readonly secondFactor: boolean;
	readonly next?: string | undefined;
	readonly errors: FieldErrors;
}) {
	return (
		<>
			<h1>
				{props.secondFactor ? "Vérification avec une clé d'accès" : "Se connecter avec une clé d'accès"}
			</h1>
			<ErrorSummary errors={props.errors} />
			<p>
				Votre navigateur vous propose les clés d'accès enregistrées pour votre compte : déverrouillez votre
				appareil pour confirmer. Cette étape utilise JavaScript.
			</p>
			<CeremonyForm
				action={props.action}
				ceremony="authenticate"
				options={props.options}
				button="Utiliser ma clé d'accès"
				next={props.next}
			/>
			<ul class="link-list">
				<li>
					<a href={props.secondFactor ? "/connexion/verification" : "/connexion"}>
						{props.secondFactor
							? "Utiliser plutôt un code"
							: "Se connecter avec mon identifiant et mon mot de passe"}
					</a>
				</li>
			</ul>
		</>
	);
}
