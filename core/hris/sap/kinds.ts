// Which SAP absence codes count as AU, and as which contract kind. SuccessFactors time type codes and
// SAP HCM absence types (AWART, table T554S) are customer-defined, so the mapping is a list of rules:
// first match wins, `*` is a wildcard, case-insensitive. A rule may map to 'ignore' to keep codes out
// that a later rule would catch (child sick days are not the employee's own AU).

export const CONTRACT_KINDS = [
	'sick',
	'sick_uncertified',
	'hospital',
	'rehab',
	'accident',
	'graduated_return',
] as const;
export const IGNORE = 'ignore';

export interface KindRule {
	/** a code or pattern: 'SICK_DE', '*KRANK*', '0200' */
	code: string;
	/** a contract kind, or 'ignore' */
	kind: string;
}

/**
 * SuccessFactors defaults. Time type codes differ per tenant; these patterns catch the usual English
 * and German naming (SICK_DE, KRANK, HOSPITAL_STAY, REHA, WORK_ACCIDENT, WIEDEREINGLIEDERUNG) and keep
 * child sick days (SICK_CHILD_DE, KIND_KRANK) out. Check them against Admin Center → Time Types.
 */
export const SF_DEFAULT_KIND_RULES: KindRule[] = [
	{ code: '*CHILD*', kind: IGNORE },
	{ code: '*KIND*', kind: IGNORE },
	{ code: '*HOSP*', kind: 'hospital' },
	{ code: '*KRANKENHAUS*', kind: 'hospital' },
	{ code: '*REHA*', kind: 'rehab' },
	{ code: '*ACCIDENT*', kind: 'accident' },
	{ code: '*UNFALL*', kind: 'accident' },
	{ code: '*GRADUAL*', kind: 'graduated_return' },
	{ code: '*WIEDEREIN*', kind: 'graduated_return' },
	{ code: '*SICK*', kind: 'sick' },
	{ code: '*KRANK*', kind: 'sick' },
];

/**
 * SAP HCM defaults: 0200 (illness with certificate) and 0210 (illness without certificate), the
 * codes of SAP's German sample customizing. Customers' T554S differ — list yours.
 */
export const HCM_DEFAULT_KIND_RULES: KindRule[] = [
	{ code: '0200', kind: 'sick' },
	{ code: '0210', kind: 'sick_uncertified' },
];

function patternOf(code: string): RegExp {
	const escaped = code
		.trim()
		.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
		.replace(/\*/g, '.*');
	return new RegExp(`^${escaped}$`, 'i');
}

export class KindMapping {
	private readonly compiled: Array<{ pattern: RegExp; kind: string; exact: string | null }>;

	constructor(readonly rules: KindRule[]) {
		this.compiled = rules
			.filter((r) => r.code.trim() !== '')
			.map((r) => ({
				pattern: patternOf(r.code),
				kind: r.kind.trim() || 'sick',
				exact: r.code.includes('*') ? null : r.code.trim(),
			}));
	}

	/** The contract kind of a code, or null if it does not count (no rule, or an 'ignore' rule). */
	kindOf(code: string): string | null {
		const rule = this.compiled.find((r) => r.pattern.test(code.trim()));
		return !rule || rule.kind === IGNORE ? null : rule.kind;
	}

	/** The exact codes that count, when no rule has a wildcard (so the server can filter); else null. */
	exactCodes(): string[] | null {
		if (this.compiled.some((r) => r.exact === null)) return null;
		return this.compiled.filter((r) => r.kind !== IGNORE).map((r) => r.exact as string);
	}
}
