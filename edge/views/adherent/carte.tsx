// The page of the attestation de tiers payant: the pavé normalisé as a list, the datamatrix and
// the QR code as inline SVG (no script, no image request) each with a text alternative and its
// content also as text, the beneficiaries and the care domains as tables.
// The datamatrix's SVG comes from the route (its encoder is loaded on first use).
import { raw } from "hono/html";
import { renderSVG } from "uqr";
import {
	datamatrixContent,
	formatNir,
	type MemberCard,
	type ProfessionalAccess,
} from "../../../core/adherent/card.ts";
import { formatDay } from "../../../core/format.ts";
import { relationshipLabels } from "../../../schema/enums.ts";
import { Alert } from "../form.tsx";

/** An SVG from a barcode library, labelled as one image for assistive technologies. */
function labelledSvg(svg: string, label: string): string {
	const escaped = label.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
	return svg.replace(/^\s*<svg\b/, `<svg role="img" aria-label="${escaped}" focusable="false"`);
}

export function NoCardPage() {
	return (
		<>
			<h1>Carte de tiers payant</h1>
			<Alert kind="info">
				<p>
					Vous n'avez pas d'attestation de tiers payant en cours de validité. Si votre contrat est en cours,
					contactez-nous : une nouvelle attestation vous sera délivrée.
				</p>
			</Alert>
		</>
	);
}

export interface CardPageProps {
	readonly card: MemberCard;
	readonly access: ProfessionalAccess;
	/** The datamatrix of `datamatrixContent(card)`, from services/adherent/datamatrix.ts. */
	readonly matrixSvg: string;
}

export function CardPage({ card, access, matrixSvg }: CardPageProps) {
	const matrixText = datamatrixContent(card);
	const matrix = labelledSvg(
		matrixSvg,
		"Datamatrix de l'attestation : il reprend le pavé normalisé ci-contre.",
	);
	const qr = labelledSvg(
		renderSVG(access.url, { ecc: "M", border: 2, pixelSize: 4 }),
		"QR code réservé aux professionnels de santé : il ouvre les droits de cette attestation.",
	);
	const validity = `du ${formatDay(card.validFrom)} au ${formatDay(card.validTo)}`;
	return (
		<>
			<h1>Carte de tiers payant</h1>
			<p class="lead">
				Présentez cette attestation avec votre carte Vitale : vous n'avancez pas les frais pris en charge par
				votre complémentaire.
			</p>
			<p class="actions">
				<a class="button" href="/adherent/carte.pdf">
					Télécharger l'attestation (PDF)
				</a>
			</p>

			<section class="card" aria-labelledby="pave-titre">
				<h2 id="pave-titre">Attestation de tiers payant</h2>
				<dl class="facts">
					<dt>Période de validité</dt>
					<dd>{validity}</dd>
					<dt>Numéro AMC</dt>
					<dd>{card.amcNumber}</dd>
					<dt>Type de convention</dt>
					<dd>{card.conventionType}</dd>
					<dt>Critère secondaire de routage</dt>
					<dd>{card.routingCriterion}</dd>
					<dt>Numéro d'adhérent</dt>
					<dd>{card.memberNumber}</dd>
					<dt>Adhérent</dt>
					<dd>
						{card.holder.firstName} {card.holder.lastName}
					</dd>
					<dt>Offre</dt>
					<dd>
						{card.offer?.label ?? "–"}
						{card.offer?.responsible ? (
							<>
								{" "}
								<span class="badge badge-info" aria-hidden="true">
									R
								</span>{" "}
								Contrat responsable
							</>
						) : null}
					</dd>
				</dl>
				<figure class="qr">
					{raw(matrix)}
					<figcaption>
						Datamatrix du pavé normalisé. Contenu : <code>{matrixText}</code>
					</figcaption>
				</figure>
			</section>

			<h2 id="beneficiaires-titre">Bénéficiaires</h2>
			<section class="table-wrap" tabindex={0} aria-labelledby="beneficiaires-titre">
				<table>
					<caption>Personnes couvertes par cette attestation</caption>
					<thead>
						<tr>
							<th scope="col">Nom</th>
							<th scope="col">Prénom</th>
							<th scope="col">Qualité</th>
							<th scope="col">N° de sécurité sociale</th>
							<th scope="col">Date de naissance</th>
						</tr>
					</thead>
					<tbody>
						{card.beneficiaries.map((person) => (
							<tr>
								<td>{person.lastName.toUpperCase()}</td>
								<td>{person.firstName}</td>
								<td>{relationshipLabels[person.relationship]}</td>
								<td>{person.nir ? formatNir(person.nir) : "–"}</td>
								<td>{formatDay(person.birthDate)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>

			<h2 id="garanties-titre">Garanties en tiers payant</h2>
			<section class="table-wrap" tabindex={0} aria-labelledby="garanties-titre">
				<table>
					<caption>Domaines de soins pris en charge et niveau de prise en charge</caption>
					<thead>
						<tr>
							<th scope="col">Code</th>
							<th scope="col">Domaine de soins</th>
							<th scope="col">Niveau</th>
						</tr>
					</thead>
					<tbody>
						{card.domains.map((domain) => (
							<tr>
								<td>
									<abbr title={domain.label ?? undefined}>{domain.code}</abbr>
								</td>
								<td>{domain.label ?? domain.code}</td>
								<td>{domain.value}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>

			<h2>Pour les professionnels de santé</h2>
			<p>
				Le professionnel de santé scanne ce QR code pour consulter les droits de cette attestation sans rien
				saisir. Il est valable jusqu'au {formatDay(access.lastDay)} inclus et n'ouvre que les droits imprimés
				sur l'attestation.
			</p>
			<p>
				<a href="/adherent/verifications-droits">
					Voir les professionnels de santé qui ont vérifié mes droits
				</a>
			</p>
			<figure class="qr">
				{raw(qr)}
				<figcaption>
					Adresse contenue dans le QR code : <code>{access.url}</code>
				</figcaption>
			</figure>
		</>
	);
}
