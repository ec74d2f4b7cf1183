// « Compte bancaire » of « Mon cabinet »: the account the insurer's transfers go to (last 4
// characters of the IBAN only), a change waiting for its cooling-off period with a cancel button,
// or the form of a change (IBAN, BIC, holder, and the password or an authenticator code again).
// Also the public page behind the e-mailed cancel link.
import { formatInstant } from "../../../core/format.ts";
import { PRACTICE_CANCEL_PATH, type PracticeBankDetails } from "../../../core/professionnel/bank-account.ts";
import { BankAccountFields } from "../bank-account-fields.tsx";
import { Alert, ErrorSummary, type FieldErrors, TextField } from "../form.tsx";

export const PRACTICE_BANK_PATH = "/professionnel/cabinet/compte-bancaire";

export interface CompteBancaireProps {
	readonly details: PracticeBankDetails;
	readonly values?: Readonly<Record<string, string | undefined>>;
	readonly errors?: FieldErrors;
	readonly notice?: "demande" | "annulee" | undefined;
}

export function CompteBancaireSection({ details, values = {}, errors = {}, notice }: CompteBancaireProps) {
	const { account, pending } = details;
	return (
		<section class="card" aria-labelledby="compte-titre" id="compte-bancaire">
			<h2 id="compte-titre">Compte bancaire</h2>
			<p>Le compte sur lequel la mutuelle vous verse les paiements du tiers payant.</p>
			{notice === "demande" ? (
				<Alert kind="success">
					Votre demande est enregistrée. Elle s'appliquera après un délai de sécurité de 48 heures, pendant
					lequel vous pouvez l'annuler ; un e-mail avec un lien d'annulation a été envoyé à l'adresse du
					cabinet.
				</Alert>
			) : null}
			{notice === "annulee" ? (
				<Alert kind="success">Le changement de compte bancaire est annulé.</Alert>
			) : null}
			{account ? (
				<dl class="facts">
					<dt>Titulaire du compte</dt>
					<dd>{account.holderName}</dd>
					<dt>IBAN</dt>
					<dd>se terminant par {account.ibanLast4}</dd>
					<dt>BIC</dt>
					<dd>{account.bic}</dd>
					<dt>En vigueur depuis le</dt>
					<dd>{formatInstant(account.activeSince)}</dd>
				</dl>
			) : (
				<p>Aucun compte bancaire n'est enregistré : les paiements sont en attente.</p>
			)}
			{pending ? (
				<>
					<h3>Changement en attente</h3>
					<dl class="facts">
						<dt>Nouveau compte</dt>
						<dd>IBAN se terminant par {pending.ibanLast4}</dd>
						<dt>Titulaire</dt>
						<dd>{pending.holderName}</dd>
						<dt>Demandé le</dt>
						<dd>{formatInstant(pending.requestedAt)}</dd>
						<dt>S'appliquera le</dt>
						<dd>{formatInstant(pending.effectiveAt)}, sauf annulation</dd>
					</dl>
					<form method="post" action={`${PRACTICE_BANK_PATH}/annulation`}>
						<button type="submit" class="button-danger">
							Annuler ce changement
						</button>
					</form>
				</>
			) : (
				<form method="post" action={PRACTICE_BANK_PATH} novalidate aria-labelledby="changer-titre">
					<h3 id="changer-titre">Changer de compte</h3>
					<p>
						Par sécurité, le changement s'applique 48 heures après votre demande. Il est annoncé par e-mail à
						l'adresse du cabinet, avec un lien pour l'annuler. Trois demandes par jour au plus.
					</p>
					<ErrorSummary errors={errors} />
					<BankAccountFields values={values} errors={errors} />
					<TextField
						name="motDePasse"
						label="Votre mot de passe"
						required={false}
						requirement="ou le code ci-dessous"
						type="password"
						hint="Pour confirmer que c'est bien vous."
						error={errors.motDePasse}
						autocomplete="current-password"
					/>
					<TextField
						name="code"
						label="Code de votre application d'authentification"
						required={false}
						requirement="ou le mot de passe"
						hint="6 chiffres."
						error={errors.code}
						autocomplete="one-time-code"
						inputmode="numeric"
						maxlength={7}
					/>
					<div class="actions">
						<button type="submit">Demander le changement</button>
					</div>
				</form>
			)}
		</section>
	);
}

/** The page behind the e-mailed cancel link: what it cancels, and a button (no change on GET). */
export function PracticeAnnulationPage({
	state,
	token,
}: {
	readonly state: "confirm" | "done" | "invalid";
	readonly token?: string | undefined;
}) {
	return (
		<>
			<h1>Annuler un changement de compte bancaire</h1>
			{state === "invalid" ? (
				<p>Ce lien n'est pas valide, ou le changement a déjà été appliqué ou annulé.</p>
			) : state === "done" ? (
				<Alert kind="success">
					Le changement de compte bancaire est annulé. Les paiements restent versés sur le compte en vigueur.
				</Alert>
			) : (
				<form method="post" action={PRACTICE_CANCEL_PATH}>
					<p>
						Le changement demandé ne s'appliquera pas : les paiements de la mutuelle resteront versés sur le
						compte en vigueur.
					</p>
					<input type="hidden" name="jeton" value={token} />
					<button type="submit" class="button-danger">
						Annuler le changement
					</button>
				</form>
			)}
		</>
	);
}
