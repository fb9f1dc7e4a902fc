import company from '../fixtures/letters/company.json';
import {
	composeLetter,
	defaultTemplate,
	HealthDetailError,
	LetterInputError,
	LetterTemplateError,
	letterHtml,
	looksLikeHealthDetail,
	renderLetter,
	replyDueOn,
	type LetterKind,
} from '../../core';
import { letterInput } from './input';
import { pdfPageCount, pdfText } from './pdfText';

const input = letterInput;

// Each element of the invitation checklist (domain research §3), as the reader finds it in the letter.
const CHECKLIST: Record<'de' | 'en', Record<string, RegExp[]>> = {
	de: {
		'explicit offer under §167 Abs. 2': [
			/§\u00a0167\u00a0Abs\.\u00a02\u00a0SGB\u00a0IX/,
			/ausdrücklich/,
			/Betriebliches Eingliederungsmanagement \(BEM\)/,
		],
		'reason as a period, no diagnosis': [
			/in den zwölf Monaten bis zum 20\.11\.2026/,
			/wiederholt, insgesamt länger als sechs Wochen, arbeitsunfähig/,
		],
		goals: [
			/Arbeitsunfähigkeit möglichst überwunden/,
			/erneuter Arbeitsunfähigkeit vorgebeugt/,
			/Arbeitsplatz erhalten/,
			/offener, gemeinsamer Suchprozess/,
			/eigenen Vorschläge/,
		],
		voluntariness: [
			/freiwillig/,
			/Angebot ablehnen/,
			/jederzeit beenden/,
			/wieder aufnehmen/,
			/jederzeit widerrufen/,
			/keine disziplinarischen Folgen/,
		],
		'data protection (Art. 13)': [
			/Art\.\u00a013\u00a0DSGVO/,
			/Verantwortlich: Muster Maschinenbau GmbH, Personalabteilung, Industriestraße 5, 34117 Kassel/,
			/Datenschutzbeauftragte\/r: Datenschutzbeauftragter, datenschutz@muster-maschinenbau\.example/,
			/Zweck: ausschließlich die Durchführung des BEM/,
			/Rechtsgrundlage/,
			/Zeiträume Ihrer Arbeitsunfähigkeit/,
			/Wer die Daten sieht: nur/,
			/gesonderten BEM-Akte/,
			/3 Jahre nach Abschluss/,
			/Personalakte kommt nur/,
			/Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Widerspruch/,
			/Datenschutz-Aufsichtsbehörde/,
			/automatisierte Entscheidungsfindung findet nicht statt/,
		],
		participants: [
			/nur hinzu, wenn Sie zustimmen/,
			/Mitglied des Betriebsrats/,
			/Schwerbehindertenvertretung, wenn Sie schwerbehindert oder gleichgestellt/,
			/Betriebsarzt/,
			/Vertrauensperson Ihrer Wahl/,
			/Rehabilitationsträger/,
			/Integrationsamt/,
		],
		'how to reply': [
			/Ja, ich möchte am BEM teilnehmen/,
			/Nein, ich möchte nicht/,
			/Später: Ich möchte ein BEM, aber zu einem späteren Zeitpunkt/,
			/zuerst weitere Informationen/,
			/bem-reply\?token=/,
		],
		'contact person': [
			/Jana Beispiel/,
			/Telefon 0561 1234-56 oder E-Mail bem@muster-maschinenbau\.example/,
			/Informationsgespräch/,
		],
		'consequences of no reply': [
			/schließen wir das (BEM-)?Verfahren ab und dokumentieren/,
			/erneut ein BEM an/,
		],
	},
	en: {
		'explicit offer under §167 Abs. 2': [
			/§\u00a0167\(2\)\u00a0SGB\u00a0IX/,
			/expressly offer/,
			/occupational integration management \(Betriebliches Eingliederungsmanagement, BEM\)/,
		],
		'reason as a period, no diagnosis': [
			/in the twelve months up to 20 November 2026 you were unfit for work repeatedly, for more than six weeks in total/i,
		],
		goals: [
			/incapacity for work can be overcome/,
			/renewed incapacity for work can be prevented/,
			/job can be kept/,
			/open, joint search/,
			/own proposals/,
		],
		voluntariness: [
			/voluntary/,
			/decline this offer/,
			/end the procedure at any time/,
			/resume it later/,
			/withdraw any consent/,
			/no disciplinary consequences/,
		],
		'data protection (Art. 13)': [
			/Art\.\u00a013\u00a0GDPR/,
			/Controller: Muster Maschinenbau GmbH/,
			/Data-protection officer: Datenschutzbeauftragter/,
			/Purpose: carrying out the BEM only/,
			/Legal basis/,
			/periods of your incapacity for work/,
			/Who sees the data: only/,
			/separate BEM file/,
			/deleted 3 years after/,
			/personnel file records only/,
			/access, rectification, erasure, restriction of processing, objection/,
			/supervisory authority/,
			/No automated decision-making/,
		],
		participants: [
			/Others join only if you agree/,
			/member of the works council/,
			/severely disabled or have equivalent status/,
			/company doctor/,
			/trusted person of your own choice/,
			/rehabilitation providers/,
			/Integrationsamt/,
		],
		'how to reply': [
			/Yes, I would like to take part/,
			/No, I do not want to take part/,
			/Later: I would like a BEM, but at a later time/,
			/more information first/,
			/bem-reply\?token=/,
		],
		'contact person': [
			/Jana Beispiel/,
			/phone 0561 1234-56 or e-mail bem@muster-maschinenbau\.example/,
			/information meeting/,
		],
		'consequences of no reply': [/close the (BEM )?procedure and document/, /offer you BEM again/],
	},
};

const DEADLINE = {
	first: { de: '28.12.2026', en: '28 December 2026' },
	second: { de: '12.01.2027', en: '12 January 2027' },
};
const FIRST_DATE = { de: '11.12.2026', en: '11 December 2026' };

describe.each([
	['first', 'de'],
	['first', 'en'],
	['second', 'de'],
	['second', 'en'],
] as const)('the %s letter in %s', (kind, language) => {
	let rendered: Awaited<ReturnType<typeof renderLetter>>;
	let printed: string;
	beforeAll(async () => {
		rendered = await renderLetter(input(kind, language));
		printed = pdfText(rendered.pdf!);
	});

	it.each(Object.entries(CHECKLIST[language]))(
		'carries the checklist element: %s (text and HTML)',
		(_element, patterns) => {
			for (const pattern of patterns) {
				expect(rendered.text).toMatch(pattern);
				// the HTML holds the same sentences (escaped; none of these contain markup characters)
				expect(
					rendered.html
						.replace(/<[^>]+>/g, ' ')
						.replace(/&amp;/g, '&')
						// non-breaking spaces (&nbsp;) stay what they are; other white space is one space
						.replace(/&nbsp;/g, '\u00a0')
						.replace(/[ \t\r\n]+/g, ' '),
				).toMatch(new RegExp(pattern.source.replace(/ /g, '\\s+'), pattern.flags));
			}
		},
	);

	it('states the reply deadline as a date, in subject-free body, HTML and PDF', () => {
		expect(rendered.replyDueOn).toBe(kind === 'first' ? '2026-12-28' : '2027-01-12');
		const due = DEADLINE[kind][language];
		expect(rendered.text).toContain(due);
		expect(rendered.html).toContain(due);
		expect(printed).toContain(due);
	});

	it(
		kind === 'second'
			? 'refers to the first letter and says it will close without a reply'
			: 'announces a second letter if there is no reply',
		() => {
			if (kind === 'second') {
				expect(rendered.subject).toContain(FIRST_DATE[language]);
				expect(rendered.text).toContain(FIRST_DATE[language]);
				expect(rendered.text).toMatch(
					language === 'de'
						? /Erhalten wir bis zum 12\.01\.2027 keine Antwort, schließen wir das BEM-Verfahren ab und dokumentieren/
						: /If we receive no reply by 12 January 2027, we will close the BEM procedure and document/,
				);
			} else {
				expect(rendered.text).toMatch(
					language === 'de' ? /schreiben wir Ihnen ein zweites Mal/ : /write to you a second time/,
				);
			}
		},
	);

	it('is a valid PDF letter: header, trailer, pages, letterhead, address, subject, signature', () => {
		const pdf = rendered.pdf!;
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
		expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
		expect(printed).toContain('Muster Maschinenbau GmbH');
		expect(printed).toContain('Lindenweg 3');
		expect(printed).toContain('Erika Mustermann');
		expect(printed).toContain(
			language === 'de'
				? 'Kassel, ' + (kind === 'first' ? '11.12.2026' : '29.12.2026')
				: 'Kassel, ' + (kind === 'first' ? '11 December 2026' : '29 December 2026'),
		);
		expect(printed).toContain(
			language === 'de' ? 'Aktenzeichen: case-7f3a' : 'Reference: case-7f3a',
		);
		expect(printed).toContain(language === 'de' ? 'Mit freundlichen Grüßen' : 'Kind regards');
		expect(printed).toContain('BEM-Beauftragte');
		expect(printed).toMatch(language === 'de' ? /Seite 1 von \d/ : /Page 1 of \d/);
	});

	it('prints no health detail anywhere', () => {
		for (const out of [rendered.subject, rendered.text, rendered.html, printed]) {
			expect(looksLikeHealthDetail(out)).toBe(false);
			expect(out).not.toMatch(
				/diagnos|befund|symptom|krankheit|erkrankung|illness|disease|\bICD\b/i,
			);
		}
	});
});

describe('reply deadline', () => {
	it.each([
		// sent Fri 11.12.2026: +14 = Fri 25.12. (1st Christmas day), 26.12. holiday and Saturday, 27.12. Sunday -> Mon 28.12.
		['2026-12-11', 'DE', '2026-12-28'],
		// sent Sat 07.03.2026: +14 = Sat 21.03. -> Mon 23.03.
		['2026-03-07', 'DE', '2026-03-23'],
		// +14 = Thu 04.06.2026 = Fronleichnam: a holiday in Hessen and Bavaria, not in Berlin or nationwide
		['2026-05-21', 'HE', '2026-06-05'],
		['2026-05-21', 'BY', '2026-06-05'],
		['2026-05-21', 'BE', '2026-06-04'],
		['2026-05-21', 'DE', '2026-06-04'],
		// +14 = Fri 03.04.2026 Good Friday, Sat, Sun, Mon 06.04. Easter Monday -> Tue 07.04.
		['2026-03-20', 'DE', '2026-04-07'],
		// an ordinary Wednesday stays
		['2026-09-02', 'DE', '2026-09-16'],
	])('sent %s in %s is due %s', (sentOn, state, due) => {
		expect(replyDueOn(sentOn, state as never)).toBe(due);
		const letter = composeLetter(
			input('first', 'de', { sentOn, reachedOn: '2026-01-31', company: { ...company, state } }),
		);
		expect(letter.replyDueOn).toBe(due);
		const [y, m, d] = due.split('-');
		expect(letter.text).toContain(`bis zum ${d}.${m}.${y}`);
	});
});

describe('reply deadline kept on the case', () => {
	it('states the deadline the BEM case keeps when given', () => {
		const letter = composeLetter(input('first', 'de', { replyDueOn: '2026-12-30' }));
		expect(letter.replyDueOn).toBe('2026-12-30');
		expect(letter.text).toContain('bis zum 30.12.2026');
		expect(letter.text).not.toContain('28.12.2026');
	});

	it('refuses a deadline on or before the letter date', () => {
		expect(() => composeLetter(input('first', 'de', { replyDueOn: '2026-12-11' }))).toThrow(
			/replyDueOn 2026-12-11 must be after the letter date 2026-12-11/,
		);
		expect(() => composeLetter(input('first', 'de', { replyDueOn: '30.12.2026' }))).toThrow(
			/replyDueOn must be a date/,
		);
	});
});

describe('template overrides', () => {
	const refused = (kind: LetterKind, template: unknown) => {
		try {
			composeLetter(input(kind, 'de', { template }));
		} catch (error) {
			return error as Error;
		}
		throw new Error('the template was accepted');
	};

	it('changes wording, adds a section in a chosen place and keeps the rest', () => {
		const letter = composeLetter(
			input('first', 'de', {
				template: {
					subject: 'Ihr BEM-Angebot (Az. {{caseId}})',
					sections: {
						goals: {
							text: 'Wir möchten mit Ihnen gemeinsam Wege finden, wie Sie gut weiterarbeiten können.',
						},
						worksAgreement: {
							heading: 'Betriebsvereinbarung',
							text: 'Das Verfahren folgt unserer Betriebsvereinbarung BEM vom 01.03.2024.',
						},
					},
					order: ['offer', 'worksAgreement'],
				},
			}),
		);
		expect(letter.subject).toBe('Ihr BEM-Angebot (Az. case-7f3a)');
		expect(letter.text).toContain('Wege finden, wie Sie gut weiterarbeiten können');
		expect(letter.text).not.toContain('möglichst überwunden');
		const at = (s: string) => letter.text.indexOf(s);
		expect(at('Betriebsvereinbarung BEM')).toBeGreaterThan(at('§\u00a0167\u00a0Abs.\u00a02'));
		expect(at('Betriebsvereinbarung BEM')).toBeLessThan(at('Ihre Teilnahme ist freiwillig'));
		expect(letter.text).toContain('Ihre Teilnahme ist freiwillig');
	});

	it('refuses a template without the voluntariness section, naming it', () => {
		const error = refused('first', { sections: { voluntariness: null } });
		expect(error).toBeInstanceOf(LetterTemplateError);
		expect(error.message).toMatch(
			/the voluntariness section \("voluntariness"\) is missing \(it was removed, but it is mandatory\)/,
		);
	});

	it('refuses a template without the data-protection section, naming it', () => {
		const error = refused('second', { sections: { dataProtection: null } });
		expect(error.message).toMatch(
			/data-protection \(Art\. 13 DSGVO\) section \("dataProtection"\) is missing/,
		);
	});

	it('refuses a data-protection section that drops the retention period or the DPO', () => {
		const error = refused('first', {
			sections: { dataProtection: { text: 'Wir verarbeiten Ihre Daten nur für das BEM.' } },
		});
		expect(error.message).toMatch(/retention period \(\{\{retentionPeriod\}\}\)/);
		expect(error.message).toMatch(/data-protection officer \(\{\{dpoContact\}\}\)/);
	});

	it('refuses a template without the deadline placeholder', () => {
		const error = refused('first', {
			sections: {
				reply: { heading: 'Ihre Antwort', text: 'Bitte antworten Sie uns bald: {{replyLink}}' },
				noReply: { text: 'Ohne Antwort schreiben wir Ihnen erneut.' },
			},
		});
		expect(error.message).toMatch(/reply deadline placeholder \{\{replyDueOn\}\} is missing/);
	});

	it('refuses a second letter that neither refers to the first nor announces the closing', () => {
		const error = refused('second', {
			subject: 'Erneutes BEM-Angebot',
			sections: {
				offer: { text: 'wir bieten Ihnen erneut ein BEM an ({{reachedOn}}).' },
				noReply: null,
			},
		});
		expect(error.message).toMatch(/closing-without-reply notice section \("noReply"\) is missing/);
		expect(error.message).toMatch(/must refer to the first one \(\{\{firstLetterDate\}\}\)/);
	});

	it('refuses unknown placeholders and lists the known ones', () => {
		const error = refused('first', {
			sections: { goals: { text: 'Hallo {{vorname}}, {{ employeeName }}.' } },
		});
		expect(error.message).toMatch(
			/unknown placeholder \{\{vorname\}\} \(known: absencePeriod, caseId,/,
		);
		expect(error.message).not.toMatch(/employeeName\}\} \(known/);
	});

	it('refuses {{firstLetterDate}} in the first letter', () => {
		expect(
			refused('first', { sections: { goals: { text: 'Seit {{firstLetterDate}}.' } } }).message,
		).toMatch(/only available in the second letter/);
	});

	it('refuses unbalanced braces', () => {
		expect(
			refused('first', { sections: { goals: { text: 'Hallo {{employeeName}.' } } }).message,
		).toMatch(/unbalanced braces in section "goals"/);
	});

	it('refuses health placeholders, health keys and health wording', () => {
		const placeholder = refused('first', {
			sections: { goals: { text: 'Wegen {{diagnosis}} bieten wir an.' } },
		});
		expect(placeholder.message).toMatch(
			/placeholder \{\{diagnosis\}\} would put health detail into the letter/,
		);
		const key = refused('first', { sections: { diagnosisNote: { text: 'x' } } });
		expect(key).toBeInstanceOf(HealthDetailError);
		expect(key.message).toMatch(/^template\.sections\.diagnosisNote looks like health detail/);
		const wording = refused('first', {
			sections: { goals: { text: 'Nach Ihrer Erkrankung möchten wir helfen.' } },
		});
		expect(wording.message).toMatch(/section "goals" carries health detail/);
	});

	it('refuses an override of the wrong shape with the field named', () => {
		const error = refused('first', { sections: { goals: { body: 'x' } } });
		expect(error).toBeInstanceOf(LetterInputError);
		expect(error.message).toMatch(/unknown field\(s\) template\.sections\.goals\.body/);
	});

	it('reports every problem at once', () => {
		const error = refused('first', {
			sections: { voluntariness: null, dataProtection: null, goals: { text: '{{foo}}' } },
		}) as LetterTemplateError;
		expect(error.problems).toHaveLength(3);
	});

	it('ships templates that pass their own validation', () => {
		for (const kind of ['first', 'second'] as const)
			for (const lang of ['de', 'en'] as const)
				expect(defaultTemplate(kind, lang).sections.length).toBeGreaterThanOrEqual(8);
	});
});

describe('input validation', () => {
	const fails = (extra: Record<string, unknown>, kind: LetterKind = 'first') => {
		try {
			composeLetter(input(kind, 'de', extra));
		} catch (error) {
			return error as Error;
		}
		throw new Error('accepted');
	};

	it('refuses health detail in any key or value of the input', () => {
		const key = fails({
			employee: {
				name: 'Erika Mustermann',
				salutation: 'Frau',
				address: ['Lindenweg 3', '34119 Kassel'],
				diagnosis: 'J06.9',
			},
		});
		expect(key).toBeInstanceOf(HealthDetailError);
		expect(key.message).toMatch(/^employee\.diagnosis looks like health detail/);
		const value = fails({
			employee: {
				name: 'Erika Mustermann',
				address: ['Lindenweg 3', 'AU wegen F32.1', '34119 Kassel'],
			},
		});
		expect(value.message).toMatch(/^employee\.address\[1\] looks like health detail/);
		expect(fails({ diagnosis: 'x' })).toBeInstanceOf(HealthDetailError);
	});

	it('names the field of bad input', () => {
		expect(fails({ sentOn: '11.12.2026' }).message).toBe("sentOn must be a date 'YYYY-MM-DD'");
		expect(fails({ reachedOn: '2026-12-20' }).message).toMatch(
			/reachedOn 2026-12-20 is after the letter date 2026-12-11/,
		);
		expect(fails({ firstLetterDate: undefined }, 'second').message).toMatch(
			/firstLetterDate \(the date of the first invitation\) is required/,
		);
		expect(fails({ replyLink: 'javascript:alert(1)' }).message).toMatch(
			/replyLink must be an http\(s\) URL/,
		);
		expect(fails({ replyLink: '' }).message).toMatch(
			/replyLink is required: the letter prints the link/,
		);
		expect(fails({ company: { ...company, contact: { name: 'Jana Beispiel' } } }).message).toMatch(
			/company\.contact needs a phone number or an e-mail address/,
		);
		expect(fails({ company: { ...company, dpoContact: '' } }).message).toMatch(
			/company\.dpoContact \(data-protection officer contact\) is required/,
		);
		expect(fails({ company: { ...company, state: 'XX' } }).message).toMatch(
			/company\.state must be a German state code/,
		);
		expect(fails({ language: 'fr' }).message).toBe(
			"language: language must be 'de' or 'en'".replace('language: ', ''),
		);
		expect(fails({ nickname: 'x' }).message).toBe('unknown field(s) nickname');
		expect(fails({ employee: { name: '{{replyLink}}', address: ['a', 'b'] } }).message).toMatch(
			/employee\.name must not contain \{\{ or \}\}/,
		);
	});

	it('uses the configured retention and representation', () => {
		const letter = composeLetter(
			input('first', 'de', {
				company: { ...company, retentionYears: 1, representation: 'staffCouncil' },
			}),
		);
		expect(letter.text).toContain('1 Jahr nach Abschluss');
		expect(letter.text).toContain('Mitglied des Personalrats');
		expect(
			composeLetter(input('first', 'en', { company: { ...company, retentionYears: 5 } })).text,
		).toContain('deleted 5 years after');
	});

	it('greets by salutation and language', () => {
		const greeting = (lang: 'de' | 'en', salutation: string) =>
			composeLetter(
				input('first', lang, {
					employee: { name: 'Jürgen Weiß', lastName: 'Weiß', salutation, address: ['a', 'b'] },
				}),
			).greeting;
		expect(greeting('de', 'Herr')).toBe('Sehr geehrter Herr Weiß,');
		expect(greeting('de', 'Frau')).toBe('Sehr geehrte Frau Weiß,');
		expect(greeting('de', '')).toBe('Guten Tag Jürgen Weiß,');
		expect(greeting('en', 'mr')).toBe('Dear Mr Weiß,');
		expect(greeting('en', 'divers')).toBe('Dear Jürgen Weiß,');
	});
});

describe('HTML', () => {
	it('escapes names, addresses and the link', async () => {
		const letter = composeLetter(
			input('first', 'de', {
				employee: {
					name: 'Anna <script>alert("x")</script> O\'Neil & Co',
					salutation: 'neutral',
					address: ['Weg 1', '12345 Ort'],
				},
				replyLink: 'https://n8n.example/form/reply?token=a"b&lang=de',
			}),
		);
		const html = letterHtml(letter);
		expect(html).not.toContain('<script');
		expect(html).toContain(
			'Guten Tag Anna &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Neil &amp; Co,',
		);
		expect(html).toContain('<a href="https://n8n.example/form/reply?token=a%22b&amp;lang=de">');
		// the link is one URL everywhere: percent-encoded in the text (and PDF) too
		expect(letter.text).toContain('https://n8n.example/form/reply?token=a%22b&lang=de');
		// the only tags are the letter's own
		expect(new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]))).toEqual(
			// the reply link's QR code is an inline SVG (issue 15)
			new Set(['div', 'p', 'h3', 'ul', 'li', 'br', 'a', 'svg', 'rect', 'path']),
		);
	});
});

describe('PDF', () => {
	it('prints German umlauts, ß and € with the embedded letter font', async () => {
		const rendered = await renderLetter(
			input('first', 'de', {
				employee: {
					name: 'Jürgen Weiß-Öztürk',
					salutation: 'Herr',
					lastName: 'Weiß-Öztürk',
					address: ['Äußere Straße 7', '80331 München'],
				},
				company: { ...company, letterhead: [...company.letterhead, 'Stammkapital 25.000 €'] },
			}),
		);
		const raw = rendered.pdf!.toString('latin1');
		// DejaVu Sans, embedded as a subset (no standard font that a viewer might substitute)
		expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
		expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
		expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
		const printed = pdfText(rendered.pdf!);
		for (const s of [
			'Jürgen Weiß-Öztürk',
			'Äußere Straße 7',
			'80331 München',
			'Stammkapital 25.000 €',
			'Sehr geehrter Herr Weiß-Öztürk',
			'Grüßen',
			'Maßnahmen',
		])
			expect(printed).toContain(s);
	});

	it('is the same bytes for the same letter (a re-run archives an identical copy)', async () => {
		const a = await renderLetter(input('second', 'de'));
		const b = await renderLetter(input('second', 'de'));
		expect(a.pdf!.equals(b.pdf!)).toBe(true);
	});

	it('skips the PDF when asked', async () => {
		expect((await renderLetter(input('first', 'en'), { pdf: false })).pdf).toBeUndefined();
	});
});
