import type { Language, LetterKind } from './input';
import type { LetterTemplate, Section } from './template';

// The shipped wording, following the invitation checklist (domain research §3): explicit offer with the
// reason as periods only, goals, voluntariness, consequences stated neutrally, participants chosen by
// the employee, Art. 13 DSGVO information, reply deadline as a date with four ways to answer, contact.
// Paragraphs are separated by blank lines; a paragraph whose lines all start with "- " is a list.

const DE_COMMON: Record<string, Section> = {
	goals: {
		key: 'goals',
		heading: 'Worum es im BEM geht',
		text:
			'Gemeinsam mit Ihnen möchten wir klären, wie Ihre Arbeitsunfähigkeit möglichst überwunden, erneuter Arbeitsunfähigkeit vorgebeugt und Ihr Arbeitsplatz erhalten werden kann. ' +
			'Das BEM ist ein offener, gemeinsamer Suchprozess ohne festgelegtes Ergebnis. Ihre eigenen Vorschläge und Ideen sind ausdrücklich erwünscht. ' +
			'Mögliche Maßnahmen sind zum Beispiel eine Anpassung des Arbeitsplatzes oder der Arbeitszeit, eine stufenweise Wiedereingliederung oder eine Qualifizierung.',
	},
	voluntariness: {
		key: 'voluntariness',
		heading: 'Ihre Teilnahme ist freiwillig',
		text:
			'Ob Sie am BEM teilnehmen, entscheiden allein Sie. Sie können das Angebot ablehnen, das Verfahren jederzeit beenden und es später wieder aufnehmen. ' +
			'Eine erteilte Einwilligung können Sie jederzeit widerrufen. Wenn Sie nicht teilnehmen, hat das keine disziplinarischen Folgen.',
	},
	participants: {
		key: 'participants',
		heading: 'Wer teilnimmt – Sie entscheiden',
		text:
			'Am BEM {{employerSideVerb}} neben Ihnen {{employerSide}} teil. Weitere Personen kommen nur hinzu, wenn Sie zustimmen:\n\n' +
			'- ein Mitglied des {{representation}}s,\n' +
			'- die Schwerbehindertenvertretung, wenn Sie schwerbehindert oder gleichgestellt sind,\n' +
			'- die Betriebsärztin oder der Betriebsarzt,\n' +
			'- eine Vertrauensperson Ihrer Wahl.\n\n' +
			'Kommen Leistungen zur Teilhabe oder begleitende Hilfen im Arbeitsleben in Betracht, beziehen wir – ebenfalls nur mit Ihrer Zustimmung – die Rehabilitationsträger oder, bei schwerbehinderten und gleichgestellten Beschäftigten, das Integrationsamt (Inklusionsamt) ein.',
	},
	dataProtection: {
		key: 'dataProtection',
		heading: 'Datenschutz (Informationen nach Art. 13 DSGVO)',
		text:
			'- Verantwortlich: {{controller}}. Datenschutzbeauftragte/r: {{dpoContact}}.\n' +
			'- Zweck: ausschließlich die Durchführung des BEM. Die Daten werden nicht für andere Entscheidungen im Arbeitsverhältnis verwendet.\n' +
			'- Rechtsgrundlage: für dieses Angebot Art. 6 Abs. 1 lit. c DSGVO in Verbindung mit § 167 Abs. 2 SGB IX; für die Durchführung des BEM Ihre Einwilligung (Art. 6 Abs. 1 lit. a, Art. 9 Abs. 2 lit. a DSGVO).\n' +
			'- Verarbeitete Daten: Ihre Kontaktdaten und die Zeiträume Ihrer Arbeitsunfähigkeit; gesundheitsbezogene Angaben nur, wenn Sie sie freiwillig mitteilen.\n' +
			'- Wer die Daten sieht: nur die BEM-Ansprechperson und die Beteiligten, denen Sie zugestimmt haben.\n' +
			'- Aufbewahrung: in einer gesonderten BEM-Akte, getrennt von der Personalakte; der Zugriff ist beschränkt und wird protokolliert. Die BEM-Akte wird {{retentionPeriod}} nach Abschluss des Verfahrens gelöscht.\n' +
			'- In die Personalakte kommt nur, dass ein BEM angeboten wurde, ob Sie es angenommen oder abgelehnt haben, und arbeitsrechtliche Maßnahmen zur Umsetzung des Ergebnisses.\n' +
			'- Ihre Rechte: Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Widerspruch sowie Widerruf Ihrer Einwilligung mit Wirkung für die Zukunft; außerdem können Sie sich bei einer Datenschutz-Aufsichtsbehörde beschweren.\n' +
			'- Eine automatisierte Entscheidungsfindung findet nicht statt.',
	},
	reply: {
		key: 'reply',
		heading: 'Ihre Antwort bis zum {{replyDueOn}}',
		text:
			'Bitte teilen Sie uns bis zum {{replyDueOn}} mit, wie Sie sich entscheiden:\n\n' +
			'- Ja, ich möchte am BEM teilnehmen.\n' +
			'- Nein, ich möchte nicht am BEM teilnehmen.\n' +
			'- Später: Ich möchte ein BEM, aber zu einem späteren Zeitpunkt – bitte sprechen Sie mich dann an.\n' +
			'- Ich möchte zuerst weitere Informationen.\n\n' +
			'Sie können online antworten, über diesen Link oder den QR-Code: {{replyLink}}\n\n' +
			'Oder antworten Sie {{contactName}} schriftlich, per E-Mail oder telefonisch. Wenn Sie zustimmen, erhalten Sie vor dem ersten Gespräch eine gesonderte Einwilligungserklärung, in der Sie Umfang, Daten und Beteiligte selbst festlegen.',
	},
	contact: {
		key: 'contact',
		heading: 'Ihre Ansprechperson',
		text:
			'Bei Fragen – auch schon vor Ihrer Entscheidung – erreichen Sie {{contactName}} unter {{contactDetails}}. ' +
			'Gern bieten wir Ihnen ein unverbindliches Informationsgespräch an, auf Wunsch auch gemeinsam mit dem {{representation}} oder der Schwerbehindertenvertretung.',
	},
};

const EN_COMMON: Record<string, Section> = {
	goals: {
		key: 'goals',
		heading: 'What BEM is for',
		text:
			'Together with you, we would like to find out how your incapacity for work can be overcome, how renewed incapacity for work can be prevented and how your job can be kept. ' +
			'BEM is an open, joint search with no fixed outcome. Your own proposals and ideas are expressly welcome. ' +
			'Possible measures include, for example, adapting your workplace or working hours, a graduated return to work or training.',
	},
	voluntariness: {
		key: 'voluntariness',
		heading: 'Taking part is voluntary',
		text:
			'Whether you take part in BEM is your decision alone. You may decline this offer, end the procedure at any time and resume it later. ' +
			'You may withdraw any consent you give at any time. Not taking part has no disciplinary consequences.',
	},
	participants: {
		key: 'participants',
		heading: 'Who takes part – you decide',
		text:
			'Besides you, {{employerSide}} {{employerSideVerb}} part. Others join only if you agree:\n\n' +
			'- a member of the {{representation}},\n' +
			'- the representative body for severely disabled employees (SBV), if you are severely disabled or have equivalent status,\n' +
			'- the company doctor,\n' +
			'- a trusted person of your own choice.\n\n' +
			'Where benefits for participation or accompanying help at work come into question, we involve – again only with your consent – the rehabilitation providers (Reha-Träger) or, for severely disabled employees and those with equivalent status, the Integrationsamt (Inklusionsamt).',
	},
	dataProtection: {
		key: 'dataProtection',
		heading: 'Data protection (information under Art. 13 GDPR)',
		text:
			'- Controller: {{controller}}. Data-protection officer: {{dpoContact}}.\n' +
			'- Purpose: carrying out the BEM only. The data are not used for any other decision about your employment.\n' +
			'- Legal basis: for this offer Art. 6(1)(c) GDPR with § 167(2) SGB IX; for carrying out the BEM your consent (Art. 6(1)(a), Art. 9(2)(a) GDPR).\n' +
			'- Data processed: your contact details and the periods of your incapacity for work; health-related information only if you choose to share it.\n' +
			'- Who sees the data: only the BEM contact person and the participants you have agreed to.\n' +
			'- Storage: in a separate BEM file, kept apart from your personnel file; access is restricted and logged. The BEM file is deleted {{retentionPeriod}} after the procedure is closed.\n' +
			'- Your personnel file records only that BEM was offered, whether you accepted or declined it, and employment-law measures taken to implement the outcome.\n' +
			'- Your rights: access, rectification, erasure, restriction of processing, objection and withdrawal of your consent with effect for the future; you may also lodge a complaint with a data-protection supervisory authority.\n' +
			'- No automated decision-making takes place.',
	},
	reply: {
		key: 'reply',
		heading: 'Your reply by {{replyDueOn}}',
		text:
			'Please let us know by {{replyDueOn}} what you decide:\n\n' +
			'- Yes, I would like to take part in BEM.\n' +
			'- No, I do not want to take part in BEM.\n' +
			'- Later: I would like a BEM, but at a later time – please contact me then.\n' +
			'- I would like more information first.\n\n' +
			'You can reply online, with this link or the QR code: {{replyLink}}\n\n' +
			'Or reply to {{contactName}} in writing, by e-mail or by phone. If you agree, you will receive a separate consent form before the first meeting, in which you decide the scope, the data and the participants yourself.',
	},
	contact: {
		key: 'contact',
		heading: 'Your contact person',
		text:
			'If you have questions – also before you decide – please contact {{contactName}} at {{contactDetails}}. ' +
			'We are happy to offer you an informal information meeting, together with the {{representation}} or the SBV if you wish.',
	},
};

const DE: Record<
	LetterKind,
	Omit<LetterTemplate, 'sections'> & { offer: Section; noReply: Section }
> = {
	first: {
		subject: 'Angebot eines Betrieblichen Eingliederungsmanagements (BEM) nach § 167 Abs. 2 SGB IX',
		greeting: '{{salutation}},',
		closing: 'Mit freundlichen Grüßen',
		offer: {
			key: 'offer',
			text:
				'in den zwölf Monaten bis zum {{reachedOn}} waren Sie {{absencePeriod}} arbeitsunfähig. Deshalb bieten wir Ihnen nach § 167 Abs. 2 SGB IX ausdrücklich ein Betriebliches Eingliederungsmanagement (BEM) an.\n\n' +
				'Das BEM ist kein Gespräch über Ihre Fehlzeiten und keine Kontrolle: Es ist ein Unterstützungsangebot, das wir allen Beschäftigten machen, die innerhalb von zwölf Monaten länger als sechs Wochen arbeitsunfähig waren.',
		},
		noReply: {
			key: 'noReply',
			heading: 'Wenn Sie nicht antworten oder ablehnen',
			text:
				'Antworten Sie bis zum {{replyDueOn}} nicht, schreiben wir Ihnen ein zweites Mal. Lehnen Sie ab oder bleibt auch die zweite Einladung unbeantwortet, schließen wir das Verfahren ab und dokumentieren dies. ' +
				'In einem späteren Rechtsstreit können Sie sich dann nicht darauf berufen, dass Ihnen kein BEM angeboten wurde. Sind die Voraussetzungen später erneut erfüllt, bieten wir Ihnen erneut ein BEM an.',
		},
	},
	second: {
		subject:
			'Erneutes Angebot eines Betrieblichen Eingliederungsmanagements (BEM) – unser Schreiben vom {{firstLetterDate}}',
		greeting: '{{salutation}},',
		closing: 'Mit freundlichen Grüßen',
		offer: {
			key: 'offer',
			text:
				'mit unserem Schreiben vom {{firstLetterDate}} haben wir Ihnen nach § 167 Abs. 2 SGB IX ein Betriebliches Eingliederungsmanagement (BEM) angeboten, weil Sie in den zwölf Monaten bis zum {{reachedOn}} {{absencePeriod}} arbeitsunfähig waren. ' +
				'Eine Antwort haben wir bisher nicht erhalten. Wir bieten Ihnen das BEM deshalb noch einmal ausdrücklich an.\n\n' +
				'Das BEM ist kein Gespräch über Ihre Fehlzeiten und keine Kontrolle: Es ist ein Unterstützungsangebot, das wir allen Beschäftigten machen, die innerhalb von zwölf Monaten länger als sechs Wochen arbeitsunfähig waren.',
		},
		noReply: {
			key: 'noReply',
			heading: 'Wenn Sie nicht antworten',
			text:
				'Erhalten wir bis zum {{replyDueOn}} keine Antwort, schließen wir das BEM-Verfahren ab und dokumentieren, dass Sie auf unser Angebot nicht geantwortet haben. ' +
				'In einem späteren Rechtsstreit können Sie sich dann nicht darauf berufen, dass Ihnen kein BEM angeboten wurde. Sie können uns auch danach jederzeit ansprechen; sind die Voraussetzungen später erneut erfüllt, bieten wir Ihnen erneut ein BEM an.',
		},
	},
};

const EN: typeof DE = {
	first: {
		subject: 'Offer of occupational integration management (BEM) under § 167(2) SGB IX',
		greeting: '{{salutation}},',
		closing: 'Kind regards',
		offer: {
			key: 'offer',
			text:
				'In the twelve months up to {{reachedOn}} you were unfit for work {{absencePeriod}}. We therefore expressly offer you occupational integration management (Betriebliches Eingliederungsmanagement, BEM) under § 167(2) SGB IX.\n\n' +
				'BEM is not a talk about your absences and not a check on you: it is an offer of support that we make to every employee who was unfit for work for more than six weeks within twelve months.',
		},
		noReply: {
			key: 'noReply',
			heading: 'If you do not reply or decline',
			text:
				'If you do not reply by {{replyDueOn}}, we will write to you a second time. If you decline, or if the second invitation also goes unanswered, we will close the procedure and document this. ' +
				'In a later legal dispute you could then not rely on BEM not having been offered to you. If the conditions are met again later, we will offer you BEM again.',
		},
	},
	second: {
		subject:
			'Renewed offer of occupational integration management (BEM) – our letter of {{firstLetterDate}}',
		greeting: '{{salutation}},',
		closing: 'Kind regards',
		offer: {
			key: 'offer',
			text:
				'In our letter of {{firstLetterDate}} we offered you occupational integration management (Betriebliches Eingliederungsmanagement, BEM) under § 167(2) SGB IX, because in the twelve months up to {{reachedOn}} you were unfit for work {{absencePeriod}}. ' +
				'We have not received a reply so far. We therefore expressly offer you BEM once more.\n\n' +
				'BEM is not a talk about your absences and not a check on you: it is an offer of support that we make to every employee who was unfit for work for more than six weeks within twelve months.',
		},
		noReply: {
			key: 'noReply',
			heading: 'If you do not reply',
			text:
				'If we receive no reply by {{replyDueOn}}, we will close the BEM procedure and document that you did not reply to our offer. ' +
				'In a later legal dispute you could then not rely on BEM not having been offered to you. You may still contact us at any time afterwards; if the conditions are met again later, we will offer you BEM again.',
		},
	},
};

/** The shipped template for a letter: a fresh copy, safe to change. */
export function defaultTemplate(kind: LetterKind, language: Language): LetterTemplate {
	const head = (language === 'en' ? EN : DE)[kind];
	const common = language === 'en' ? EN_COMMON : DE_COMMON;
	const sections = [
		head.offer,
		common.goals,
		common.voluntariness,
		common.participants,
		common.dataProtection,
		head.noReply,
		common.reply,
		common.contact,
	];
	return {
		subject: head.subject,
		greeting: head.greeting,
		closing: head.closing,
		sections: sections.map((s) => ({ ...s })),
	};
}
