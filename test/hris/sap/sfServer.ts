// A local SAP SuccessFactors: /oauth/token (SAML 2.0 bearer grant, assertion signature checked against
// the OAuth client's registered certificate), /odata/v2/EmployeeTime, EmpJob, WorkSchedule, User with
// __next/$skiptoken paging, OData v2 JSON as apis.md §2 shows it, 401 once a token has expired.
import type { IncomingMessage } from 'node:http';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

import { ODataTestServer, type EntitySetDef, type Reply } from './odataServer';
import { SF_MODIFIED, type SfTenant } from './sfData';

export const SF_COMPANY = 'ACMEDE';
export const SF_CLIENT_ID = 'OGQ1ZjY4YTk5ZTQxN2E0NmE1NDY0YTA1ZTA5Yg';
export const SF_USER = 'bem_api';

const dateValue = (day: string | null) =>
	day === null ? null : `/Date(${Date.parse(`${day}T00:00:00Z`)})/`;
/** Edm.DateTimeOffset as SuccessFactors sends it */
const instantValue = (iso: string | undefined) => `/Date(${Date.parse(iso ?? SF_MODIFIED)}+0000)/`;

export class SuccessFactorsServer extends ODataTestServer {
	protected readonly servicePath = '/odata/v2';
	/** lifetime of issued tokens */
	tokenSeconds = 3600;
	readonly tokens = new Map<string, number>();
	readonly assertionsSeen: string[] = [];
	/** Basic auth (legacy) still switched on */
	basicEnabled = false;
	basicPassword = 'legacy-pass';
	private issued = 0;

	constructor(
		readonly tenant: SfTenant,
		private readonly certificatePem: string,
	) {
		super();
	}

	/** Makes every token issued so far expired (the next data call gets 401). */
	expireTokens(): void {
		for (const k of this.tokens.keys()) this.tokens.set(k, 0);
	}

	protected errorBody(code: string, message: string) {
		return { error: { code, message: { lang: 'en-US', value: message } } };
	}

	protected authorize(req: IncomingMessage): Reply | null {
		const auth = req.headers.authorization ?? '';
		if (auth.startsWith('Bearer ')) {
			const expires = this.tokens.get(auth.slice(7));
			if (expires !== undefined && expires > Date.now()) return null;
			return {
				status: 401,
				body: this.errorBody(
					'LGN0006',
					'[LGN0006]INTERNAL_TOKEN_EXPIRED: the access token has expired or is invalid',
				),
			};
		}
		if (auth.startsWith('Basic ') && this.basicEnabled) {
			const [user, password] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':');
			if (user === `${SF_USER}@${SF_COMPANY}` && password === this.basicPassword) return null;
		}
		return {
			status: 401,
			body: this.errorBody('LGN0010', 'Authentication failed. Please check your credentials.'),
		};
	}

	protected async extraRoute(
		req: IncomingMessage,
		path: string,
		body: string,
	): Promise<Reply | null> {
		if (path !== '/oauth/token') return null;
		if (req.method !== 'POST' || !/x-www-form-urlencoded/.test(req.headers['content-type'] ?? ''))
			return {
				status: 400,
				body: { error: 'invalid_request', error_description: 'form POST expected' },
			};
		const form = new URLSearchParams(body);
		const bad = (description: string): Reply => ({
			status: 401,
			body: { error: 'invalid_grant', error_description: description },
		});
		if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:saml2-bearer')
			return {
				status: 400,
				body: { error: 'unsupported_grant_type', error_description: 'grant_type' },
			};
		if (form.get('company_id') !== SF_COMPANY) return bad('[LGN0008]COMPANY_NOT_FOUND');
		if (form.get('client_id') !== SF_CLIENT_ID) return bad('invalid client_id');
		const xml = Buffer.from(form.get('assertion') ?? '', 'base64').toString('utf8');
		this.assertionsSeen.push(xml);
		const problem = this.checkAssertion(xml, `${this.url}/oauth/token`);
		if (problem) return bad(problem);
		const token = `sf-token-${++this.issued}`;
		this.tokens.set(token, Date.now() + this.tokenSeconds * 1000);
		return {
			status: 200,
			body: { access_token: token, token_type: 'Bearer', expires_in: this.tokenSeconds },
		};
	}

	/** Signature against the registered certificate, then the signed content (never the unsigned document). */
	private checkAssertion(xml: string, tokenUrl: string): string | null {
		let signed: string;
		try {
			const doc = new DOMParser().parseFromString(xml, 'text/xml');
			const signatures = doc.getElementsByTagNameNS(
				'http://www.w3.org/2000/09/xmldsig#',
				'Signature',
			);
			if (signatures.length !== 1) return 'assertion must carry exactly one signature';
			const verifier = new SignedXml({ publicCert: this.certificatePem });
			verifier.loadSignature(signatures[0] as unknown as Parameters<SignedXml['loadSignature']>[0]);
			if (!verifier.checkSignature(xml)) return 'assertion signature invalid';
			const refs = verifier.getSignedReferences();
			if (refs.length !== 1) return 'one signed reference expected';
			signed = refs[0];
		} catch (error) {
			return `assertion signature invalid (${(error as Error).message.split('\n')[0]})`;
		}
		const doc = new DOMParser().parseFromString(signed, 'text/xml');
		const ns = 'urn:oasis:names:tc:SAML:2.0:assertion';
		const text = (tag: string) => doc.getElementsByTagNameNS(ns, tag)[0]?.textContent ?? null;
		const attr = (tag: string, name: string) =>
			doc.getElementsByTagNameNS(ns, tag)[0]?.getAttribute(name) ?? null;
		if (doc.documentElement?.localName !== 'Assertion')
			return 'the signed element is not the assertion';
		if (text('NameID') !== SF_USER) return 'unknown user';
		if (text('Audience') !== 'www.successfactors.com') return 'wrong audience';
		if (attr('SubjectConfirmationData', 'Recipient') !== tokenUrl) return 'wrong recipient';
		const notAfter = Date.parse(attr('Conditions', 'NotOnOrAfter') ?? '');
		const notBefore = Date.parse(attr('Conditions', 'NotBefore') ?? '');
		if (!(notBefore <= Date.now() && Date.now() < notAfter))
			return 'assertion expired or not yet valid';
		const apiKey = [...Array.from(doc.getElementsByTagNameNS(ns, 'Attribute'))].find(
			(a) => a.getAttribute('Name') === 'api_key',
		)?.textContent;
		if (apiKey !== SF_CLIENT_ID) return 'api_key attribute does not match client_id';
		return null;
	}

	protected readonly sets: Record<string, EntitySetDef> = {
		EmployeeTime: {
			type: 'SFOData.EmployeeTime',
			types: {
				externalCode: 'string',
				userId: 'string',
				timeType: 'string',
				startDate: 'dateTime',
				endDate: 'dateTime',
				startTime: 'string',
				endTime: 'string',
				quantityInDays: 'decimal',
				quantityInHours: 'decimal',
				approvalStatus: 'string',
				undeterminedEndDate: 'boolean',
				comment: 'string',
				lastModifiedDateTime: 'dateTimeOffset',
			},
			keyOf: (r) => `'${r.externalCode}'`,
			rows: () =>
				this.tenant.times.map((t) => ({
					externalCode: t.externalCode,
					userId: t.userId,
					timeType: t.timeType,
					startDate: dateValue(t.start),
					endDate: dateValue(t.end),
					startTime: null,
					endTime: null,
					quantityInDays: t.days === null ? null : String(t.days),
					quantityInHours: t.hours === null ? null : String(t.hours),
					approvalStatus: t.approvalStatus,
					undeterminedEndDate: t.open,
					comment: t.comment,
					lastModifiedDateTime: instantValue(undefined),
					countryExtensionDEU: {
						__deferred: {
							uri: `${this.url}/odata/v2/EmployeeTime('${t.externalCode}')/countryExtensionDEU`,
						},
					},
				})),
		},
		EmpJob: {
			type: 'SFOData.EmpJob',
			types: {
				userId: 'string',
				startDate: 'dateTime',
				endDate: 'dateTime',
				seqNumber: 'decimal',
				workingDaysPerWeek: 'decimal',
				standardHours: 'decimal',
				workscheduleCode: 'string',
				fte: 'decimal',
				managerId: 'string',
				location: 'string',
				lastModifiedDateTime: 'dateTimeOffset',
			},
			keyOf: (r) => `seqNumber=${r.seqNumber}L,startDate=${r.startDate},userId='${r.userId}'`,
			// effective-dated: without fromDate/toDate only the slice valid today
			rows: (q) => {
				const from = q.get('fromDate') ?? new Date().toISOString().slice(0, 10);
				const to = q.get('toDate') ?? from;
				return this.tenant.jobs
					.filter((j) => j.start <= to && j.end >= from)
					.map((j) => ({
						userId: j.userId,
						startDate: dateValue(j.start),
						endDate: dateValue(j.end),
						seqNumber: '1',
						workingDaysPerWeek: j.daysPerWeek,
						standardHours: j.weeklyHours,
						workscheduleCode: j.scheduleCode,
						fte: 1,
						managerId: j.managerId ?? 'NO_MANAGER',
						location: j.location ?? null,
						lastModifiedDateTime: instantValue(j.modified),
					}));
			},
		},
		EmpEmployment: {
			type: 'SFOData.EmpEmployment',
			types: {
				personIdExternal: 'string',
				userId: 'string',
				startDate: 'dateTime',
				endDate: 'dateTime',
				originalStartDate: 'dateTime',
				seniorityDate: 'dateTime',
				lastModifiedDateTime: 'dateTimeOffset',
			},
			keyOf: (r) => `personIdExternal='${r.personIdExternal}',userId='${r.userId}'`,
			rows: () =>
				(this.tenant.employments ?? []).map((e) => ({
					personIdExternal: `P${e.userId}`,
					userId: e.userId,
					startDate: dateValue(e.start),
					endDate: null,
					originalStartDate: dateValue(e.start),
					seniorityDate: dateValue(e.start),
					lastModifiedDateTime: instantValue(e.modified),
				})),
		},
		User: {
			type: 'SFOData.User',
			types: {
				userId: 'string',
				username: 'string',
				firstName: 'string',
				lastName: 'string',
				email: 'string',
				addressLine1: 'string',
				addressLine2: 'string',
				zipCode: 'string',
				city: 'string',
				country: 'string',
				status: 'string',
				gender: 'string',
				dateOfBirth: 'dateTime',
				department: 'string',
			},
			keyOf: (r) => `'${r.userId}'`,
			rows: () =>
				(this.tenant.users ?? []).map((u) => ({
					userId: u.userId,
					username: `user${u.userId}`,
					firstName: u.firstName,
					lastName: u.lastName,
					email: u.email,
					addressLine1: u.addressLine1,
					addressLine2: null,
					zipCode: u.zipCode,
					city: u.city,
					country: 'DEU',
					status: 'active',
					// sent when the client reads without $select: never requested by the node
					gender: 'F',
					dateOfBirth: dateValue('1980-01-01'),
					department: '50000123',
					hr: { __deferred: { uri: `${this.url}/odata/v2/User('${u.userId}')/hr` } },
				})),
		},
		WorkSchedule: {
			type: 'SFOData.WorkSchedule',
			types: {
				externalCode: 'string',
				averageWorkingDaysPerWeek: 'decimal',
				averageHoursPerDay: 'decimal',
				averageHoursPerWeek: 'decimal',
				modelCategory: 'string',
				lastModifiedDateTime: 'dateTimeOffset',
			},
			keyOf: (r) => `'${r.externalCode}'`,
			rows: () =>
				this.tenant.schedules.map((s) => ({
					externalCode: s.code,
					averageWorkingDaysPerWeek: String(s.daysPerWeek),
					averageHoursPerDay: String(s.hoursPerDay),
					averageHoursPerWeek: String(s.daysPerWeek * s.hoursPerDay),
					modelCategory: 'SIMPLE',
					lastModifiedDateTime: instantValue(s.modified),
				})),
		},
	};
}
