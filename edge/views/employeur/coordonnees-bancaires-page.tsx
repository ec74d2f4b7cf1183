// « Coordonnées bancaires »: the mandate in force (last 4 characters of the IBAN only), a change
// waiting for its cooling-off period with its mandate to sign and a cancel button, or the form of
// a change (IBAN, BIC, account holder, and the password again).
import type { BankDetails } from "../../../core/employeur/bank-details.ts";
import { formatDay, formatInstant } from "../../../core/format.ts";
import { BankAccountFields } from "../bank-account-fields.tsx";
import { Alert, ErrorSummary, type FieldErrors, TextField } from "../form.tsx";

export const BANK_PATH = "/employeur/coordonnees-bancaires";

const SEQUENCE_LABELS = {
	OOFF: "Ponctuel",
	FRST: "Récurrent",
	RCUR: "Récurrent",
	FNAL: "Récurrent (dernier prélèvement)",
};

export interface CoordonneesBancairesPageProps {
	readonly details: BankDetails;
	readonly values?: Readonly<Record<string, string | undefined>>;
	readonly errors?: FieldErrors;
	readonly notice?: "demande" | "annulee" | undefined;
	/** The administrator's role covers the finances: the change, its cancellation, the new mandate. */
	readonly mayManage?: boolean;
}

export function CoordonneesBancairesPage({
	details,
	values = {},
	errors = {},
	notice,
	mayManage = false,
}: CoordonneesBancairesPageProps) {
	const { mandate, pending } = details;
	return (
		<>
			<h1>Coordonnées bancaires</h1>
			<p class="lead">Le compte sur lequel les cotisations de votre entreprise sont prélevées.</p>
			{notice === "demande" ? (
				<Alert kind="success">
					Votre demande est enregistrée. Elle s'appliquera après un délai de sécurité de 48 heures, pendant
					lequel vous pouvez l'annuler ; un e-mail avec un lien d'annulation a été envoyé.
				</Alert>
			) : null}
			{notice === "annulee" ? (
				<Alert kind="success">Le changement de coordonnées bancaires est annulé.</Alert>
			) : null}
			<h2>Mandat de prélèvement en vigueur</h2>
			{mandate ? (
				<dl class="facts">
					<dt>Titulaire du compte</dt>
					<dd>{mandate.holderName}</dd>
					<dt>IBAN</dt>
					<dd>se terminant par {mandate.ibanLast4}</dd>
					<dt>BIC</dt>
					<dd>{mandate.bic ?? "–"}</dd>
					<dt>Référence unique du mandat</dt>
					<dd>{mandate.rum}</dd>
					<dt>Identifiant créancier SEPA</dt>
					<dd>{mandate.ics}</dd>
					<dt>Type de paiement</dt>
					<dd>{SEQUENCE_LABELS[mandate.sequenceType]}</dd>
					<dt>Signé le</dt>
					<dd>{formatDay(mandate.signedOn)}</dd>
				</dl>
			) : (
				<p>Aucun mandat de prélèvement n'est en vigueur.</p>
			)}
			{pending ? (
				<section aria-labelledby="changement-titre">
					<h2 id="changement-titre">Changement en attente</h2>
					<dl class="facts">
						<dt>Nouveau compte</dt>
						<dd>IBAN se terminant par {pending.ibanLast4}</dd>
						<dt>Titulaire</dt>
						<dd>{pending.holderName}</dd>
						<dt>Demandé le</dt>
						<dd>{formatInstant(pending.requestedAt)}</dd>
						<dt>S'appliquera le</dt>
						<dd>{formatInstant(pending.effectiveAt)}, sauf annulation</dd>
						<dt>Référence du nouveau mandat</dt>
						<dd>{pending.rum}</dd>
					</dl>
					{mayManage ? (
						<>
							<p>
								<a class="button" href={`${BANK_PATH}/mandat.pdf`} download>
									Télécharger le mandat de prélèvement SEPA (PDF)
								</a>
							</p>
							<form method="post" action={`${BANK_PATH}/annulation`}>
								<button type="submit" class="button-danger">
									Annuler ce changement
								</button>
							</form>
						</>
					) : null}
				</section>
			) : !mayManage ? (
				<p>
					Seul un administrateur chargé des finances, ou l'administrateur principal, peut changer de compte.
				</p>
			) : (
				<form method="post" action={BANK_PATH} novalidate aria-labelledby="changer-titre">
					<h2 id="changer-titre">Changer de compte</h2>
					<p>
						Par sécurité, le changement s'applique 48 heures après votre demande. Il est annoncé par e-mail à
						l'adresse de contact de l'entreprise, avec un lien pour l'annuler. Trois demandes par jour au
						plus.
					</p>
					<ErrorSummary errors={errors} />
					<BankAccountFields values={values} errors={errors} />
					<TextField
						name="motDePasse"
						label="Votre mot de passe"
						type="password"
						hint="Pour confirmer que c'est bien vous."
						error={errors.motDePasse}
						autocomplete="current-password"
					/>
					<div class="actions">
						<button type="submit">Demander le changement</button>
					</div>
				</form>
			)}
		</>
	);
}

/** The page behind the e-mailed cancel link: what it cancels, and a button (no change on GET). */
export function AnnulationPage({
	state,
	token,
}: {
	readonly state: "confirm" | "done" | "invalid";
	readonly token?: string | undefined;
}) {
	return (
		<>
			<h1>Annuler un changement de coordonnées bancaires</h1>
			{state === "invalid" ? (
				<p>Ce lien n'est pas valide, ou le changement a déjà été appliqué ou annulé.</p>
			) : state === "done" ? (
				<Alert kind="success">
					Le changement de coordonnées bancaires est annulé. Le compte en vigueur reste prélevé.
				</Alert>
			) : (
				<form method="post" action="/coordonnees-bancaires/annulation">
					<p>
						Le changement demandé ne s'appliquera pas : les cotisations resteront prélevées sur le compte en
						vigueur.
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
