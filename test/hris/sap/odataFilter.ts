// The part of OData v2 $filter that SAP services answer, for the test servers: eq ne lt le gt ge, `in`
// (SuccessFactors), and/or, parentheses; literals 'text' ('' escapes a quote), datetime'…', numbers,
// datetimeoffset'…Z', true/false/null. A literal of the wrong type for a property is rejected, as
// Gateway does: Edm.DateTime takes datetime'…', Edm.DateTimeOffset (lastModifiedDateTime) datetimeoffset'…'.
export type PropType = 'string' | 'dateTime' | 'dateTimeOffset' | 'decimal' | 'boolean';

type Literal =
	| { type: 'string'; value: string }
	| { type: 'dateTime'; value: number }
	| { type: 'dateTimeOffset'; value: number }
	| { type: 'number'; value: number }
	| { type: 'boolean'; value: boolean }
	| { type: 'null' };
type Expr =
	| { op: 'and' | 'or'; left: Expr; right: Expr }
	| { op: 'cmp'; prop: string; cmp: string; values: Literal[] };

const EDM: Record<PropType, string> = {
	string: 'String',
	dateTime: 'DateTime',
	dateTimeOffset: 'DateTimeOffset',
	decimal: 'Decimal',
	boolean: 'Boolean',
};

export class FilterError extends Error {}

function tokenize(text: string): string[] {
	const tokens: string[] = [];
	const re =
		/\s*(datetime(?:offset)?'[^']*'|'(?:[^']|'')*'|\(|\)|,|[A-Za-z_][\w/]*|-?\d+(?:\.\d+)?)/y;
	let m: RegExpExecArray | null;
	while (re.lastIndex < text.length && (m = re.exec(text))) tokens.push(m[1]);
	if (text.slice(re.lastIndex).trim() !== '')
		throw new FilterError(
			`Invalid filter expression near "${text.slice(re.lastIndex, re.lastIndex + 20)}"`,
		);
	return tokens;
}

function literal(token: string | undefined): Literal {
	if (token === undefined) throw new FilterError('Invalid filter expression: value missing');
	if (token.startsWith("datetimeoffset'")) {
		const text = token.slice(15, -1);
		const ms = /(Z|[+-]\d\d:\d\d)$/.test(text) ? Date.parse(text) : NaN;
		if (Number.isNaN(ms)) throw new FilterError(`Invalid datetimeoffset literal ${token}`);
		return { type: 'dateTimeOffset', value: ms };
	}
	if (token.startsWith("datetime'")) {
		const ms = Date.parse(`${token.slice(9, -1)}Z`);
		if (Number.isNaN(ms)) throw new FilterError(`Invalid datetime literal ${token}`);
		return { type: 'dateTime', value: ms };
	}
	if (token.startsWith("'"))
		return { type: 'string', value: token.slice(1, -1).replace(/''/g, "'") };
	if (token === 'true' || token === 'false') return { type: 'boolean', value: token === 'true' };
	if (token === 'null') return { type: 'null' };
	if (/^-?\d/.test(token)) return { type: 'number', value: Number(token) };
	throw new FilterError(`Invalid literal ${token}`);
}

export function parseFilter(text: string): Expr {
	const t = tokenize(text);
	let i = 0;
	const orExpr = (): Expr => {
		let left = andExpr();
		while (t[i] === 'or') {
			i++;
			left = { op: 'or', left, right: andExpr() };
		}
		return left;
	};
	const andExpr = (): Expr => {
		let left = primary();
		while (t[i] === 'and') {
			i++;
			left = { op: 'and', left, right: primary() };
		}
		return left;
	};
	const primary = (): Expr => {
		if (t[i] === '(') {
			i++;
			const e = orExpr();
			if (t[i++] !== ')') throw new FilterError('Invalid filter expression: ) expected');
			return e;
		}
		const prop = t[i++];
		const cmp = t[i++];
		if (!prop || !/^[A-Za-z_]/.test(prop))
			throw new FilterError(`Invalid filter expression at "${prop}"`);
		if (cmp === 'in') {
			const values = [literal(t[i++])];
			while (t[i] === ',') {
				i++;
				values.push(literal(t[i++]));
			}
			return { op: 'cmp', prop, cmp, values };
		}
		if (!['eq', 'ne', 'lt', 'le', 'gt', 'ge'].includes(cmp))
			throw new FilterError(`Invalid operator "${cmp}"`);
		return { op: 'cmp', prop, cmp, values: [literal(t[i++])] };
	};
	const e = orExpr();
	if (i !== t.length) throw new FilterError(`Invalid filter expression at "${t[i]}"`);
	return e;
}

/** The comparable value of a record's property ("/Date(ms)/" → ms, decimal strings → numbers). */
function valueOf(raw: unknown, type: PropType): string | number | boolean | null {
	if (raw === null || raw === undefined) return null;
	if (type === 'dateTime' || type === 'dateTimeOffset')
		return Number(/\/Date\((-?\d+)/.exec(String(raw))?.[1] ?? NaN);
	if (type === 'decimal') return Number(raw);
	if (type === 'boolean') return raw === true;
	return String(raw);
}

export function evaluate(
	expr: Expr,
	record: Record<string, unknown>,
	types: Record<string, PropType>,
): boolean {
	if (expr.op !== 'cmp') {
		const left = evaluate(expr.left, record, types);
		return expr.op === 'and'
			? left && evaluate(expr.right, record, types)
			: left || evaluate(expr.right, record, types);
	}
	const type = types[expr.prop];
	if (!type) throw new FilterError(`Property ${expr.prop} not found`);
	const actual = valueOf(record[expr.prop], type);
	const results = expr.values.map((lit) => {
		if (lit.type === 'null')
			return expr.cmp === 'eq' ? actual === null : expr.cmp === 'ne' ? actual !== null : false;
		const fits =
			(type === 'dateTime' && lit.type === 'dateTime') ||
			(type === 'dateTimeOffset' && lit.type === 'dateTimeOffset') ||
			(type === 'string' && lit.type === 'string') ||
			(type === 'decimal' && lit.type === 'number') ||
			(type === 'boolean' && lit.type === 'boolean');
		if (!fits)
			throw new FilterError(
				`Invalid parametertypes for operation ${expr.cmp}: ${expr.prop} is Edm.${EDM[type]}, the value is ${lit.type}`,
			);
		if (actual === null) return false;
		const v = lit.value as string | number | boolean;
		switch (expr.cmp) {
			case 'eq':
			case 'in':
				return actual === v;
			case 'ne':
				return actual !== v;
			case 'lt':
				return actual < v;
			case 'le':
				return actual <= v;
			case 'gt':
				return actual > v;
			default:
				return actual >= v;
		}
	});
	return results.some(Boolean);
}
