// Shown once a fraud report is recorded: the account is blocked, what happens next, how to get
// back in. The reference is in the acknowledgement e-mail, not in the address of this page.
import { Alert } from "../form.tsx";

export function FraudReportRecordedPage() {
	return (
		<>
			<h1>Votre signalement est enregistré</h1>
			<Alert kind="success">
				<p>
					La connexion à votre compte est bloquée et toutes les sessions ouvertes ont été fermées. Un e-mail
					de confirmation avec la référence de votre signalement vient de vous être envoyé.
				</p>
			</Alert>
			<h2>Et ensuite ?</h2>
			<ul>
				<li>
					Choisissez dès maintenant un nouveau mot de passe avec le lien reçu par e-mail (valable 30 minutes).
					Si le lien a expiré, vous pourrez en demander un nouveau depuis la page de connexion une fois votre
					compte rouvert.
				</li>
				<li>
					Nos services vérifient les opérations faites depuis votre compte et vous contactent si nécessaire.
				</li>
				<li>Dès que votre compte est rouvert, vous vous connectez avec votre nouveau mot de passe.</li>
			</ul>
			<p>
				Une question ? <a href="/informations/contact">Contactez-nous</a>.
			</p>
		</>
	);
}
