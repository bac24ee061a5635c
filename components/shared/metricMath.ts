/**
 * A parser and evaluator for the subset of CloudWatch metric math the module generates:
 * numbers, metric ids, `+ - * / ^`, comparisons, `AND`/`&&`, `OR`/`||`, `IF(cond, a[, b])` and
 * `FILL(x, value)`. Used to prove what an alarm expression computes (tests), and by the offline
 * tools that replay traffic through the alarms.
 *
 * Evaluation is per timestamp. A value is a number or `undefined` (no datapoint). Semantics follow
 * the CloudWatch User Guide, "Use metric math"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html) and
 * "Configuring how CloudWatch alarms treat missing data":
 * - a scalar (an expression that reads no metric) has a value at every timestamp; a series only
 *   where it has a datapoint;
 * - a series combined with a scalar (arithmetic or comparison) is computed for each datapoint of
 *   the series, so where the series has none there is none: `m > -1` creates no datapoint where
 *   `m` has none;
 * - two series combined: a series with no datapoint at a timestamp counts as 0 when the other
 *   has one; with neither there is no datapoint;
 * - division by zero drops the datapoint;
 * - `^` is one of the arithmetic operators the guide lists ("+ - * / ^"), usable in alarms
 *   (`x ^ 0.5` is a square root; metric math has no SQRT function). The guide states neither its
 *   precedence nor what a negative base with a fractional exponent gives: here `^` binds tighter
 *   than `*` and unary minus and groups to the right (`a ^ b ^ c` = `a ^ (b ^ c)`), and a result
 *   that is not a real number drops the datapoint. Expressions the module generates put every
 *   operand of `^` in parentheses and never raise a negative number, so neither choice matters for them;
 * - `IF(cond, a[, b])`: no datapoint where `cond` has none; where `cond` is true the value of `a`
 *   there, where false that of `b`, and no datapoint where the chosen branch has none (or there is
 *   no else);
 * - `FILL(x, v)` gives `v` where `x` has no datapoint.
 */

export type Expr =
    | { kind: "number"; value: number }
    | { kind: "id"; name: string }
    | { kind: "unary"; op: "-"; operand: Expr }
    | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr }
    | { kind: "call"; fn: "IF" | "FILL"; args: Expr[] };

export type BinaryOp = "+" | "-" | "*" | "/" | "^" | ">=" | ">" | "<=" | "<" | "==" | "!=" | "AND" | "OR";

const FUNCTIONS = { IF: [2, 3], FILL: [2, 2] } as const;

interface Token {
    kind: "number" | "word" | "op" | "(" | ")" | "," | "end";
    text: string;
    at: number;
}

function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    const pattern = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(>=|<=|==|!=|&&|\|\||[-+*/^<>])|([(),]))/y;
    let at = 0;
    while (at < source.length) {
        if (/^\s*$/.test(source.slice(at))) break;
        pattern.lastIndex = at;
        const m = pattern.exec(source);
        if (!m) throw new SyntaxError(`metric math: unexpected "${source.slice(at).trim()[0]}" at ${at} in "${source}"`);
        const start = m.index + m[0].length - (m[1] ?? m[2] ?? m[3] ?? m[4]).length;
        if (m[1]) tokens.push({ kind: "number", text: m[1], at: start });
        else if (m[2]) tokens.push({ kind: "word", text: m[2], at: start });
        else if (m[3]) tokens.push({ kind: "op", text: m[3] === "&&" ? "AND" : m[3] === "||" ? "OR" : m[3], at: start });
        else tokens.push({ kind: m[4] as "(" | ")" | ",", text: m[4], at: start });
        at = pattern.lastIndex;
    }
    tokens.push({ kind: "end", text: "", at: source.length });
    return tokens;
}

/** Parses an expression; throws a SyntaxError naming the position on anything outside the subset. */
export function parseExpression(source: string): Expr {
    const tokens = tokenize(source);
    let i = 0;
    const peek = () => tokens[i];
    const fail = (what: string): never => {
        throw new SyntaxError(`metric math: ${what} at ${peek().at} in "${source}"`);
    };
    const isOp = (...ops: string[]) => (peek().kind === "op" || peek().kind === "word") && ops.includes(peek().text);

    // Precedence, lowest first: OR, AND, comparisons, + -, * /, unary minus, ^ (right-assoc).
    const levels: string[][] = [["OR"], ["AND"], [">=", ">", "<=", "<", "==", "!="], ["+", "-"], ["*", "/"]];
    const binary = (level: number): Expr => {
        if (level === levels.length) return unary();
        let left = binary(level + 1);
        while (isOp(...levels[level])) {
            const op = tokens[i++].text as BinaryOp;
            left = { kind: "binary", op, left, right: binary(level + 1) };
        }
        return left;
    };
    const unary = (): Expr => {
        if (peek().kind === "op" && peek().text === "-") {
            i++;
            return { kind: "unary", op: "-", operand: unary() };
        }
        return power();
    };
    const power = (): Expr => {
        const base = primary();
        if (peek().kind !== "op" || peek().text !== "^") return base;
        i++;
        // Right-associative; the exponent may carry its own sign (`x ^ -1`).
        return { kind: "binary", op: "^", left: base, right: unary() };
    };
    const primary = (): Expr => {
        const t = peek();
        if (t.kind === "number") {
            i++;
            return { kind: "number", value: Number(t.text) };
        }
        if (t.kind === "(") {
            i++;
            const inner = binary(0);
            if (peek().kind !== ")") fail('expected ")"');
            i++;
            return inner;
        }
        if (t.kind === "word" && t.text !== "AND" && t.text !== "OR") {
            i++;
            if (peek().kind !== "(") return { kind: "id", name: t.text };
            const fn = t.text.toUpperCase();
            if (!(fn in FUNCTIONS)) fail(`unsupported function ${t.text}`);
            i++;
            const args: Expr[] = [];
            if (peek().kind !== ")") {
                args.push(binary(0));
                while (peek().kind === ",") {
                    i++;
                    args.push(binary(0));
                }
            }
            if (peek().kind !== ")") fail('expected ")" or ","');
            i++;
            const [min, max] = FUNCTIONS[fn as keyof typeof FUNCTIONS];
            if (args.length < min || args.length > max) fail(`${fn} takes ${min === max ? min : `${min} or ${max}`} arguments, got ${args.length}`);
            return { kind: "call", fn: fn as "IF" | "FILL", args };
        }
        return fail(t.kind === "end" ? "unexpected end" : `unexpected "${t.text}"`);
    };

    const expr = binary(0);
    if (peek().kind !== "end") fail(`unexpected "${peek().text}"`);
    return expr;
}

/** The metric or expression ids an expression reads. */
export function referencedIds(expr: Expr): string[] {
    const ids = new Set<string>();
    const walk = (e: Expr): void => {
        switch (e.kind) {
            case "id": ids.add(e.name); break;
            case "unary": walk(e.operand); break;
            case "binary": walk(e.left); walk(e.right); break;
            case "call": e.args.forEach(walk); break;
            default: break;
        }
    };
    walk(expr);
    return [...ids];
}

export type Datapoint = number | undefined;

/** True when the expression reads no metric: a scalar, with a value at every timestamp. */
export function isScalar(expr: Expr): boolean {
    return referencedIds(expr).length === 0;
}

/**
 * One binary operation at one timestamp, NaN standing for "no datapoint". `leftScalar` /
 * `rightScalar`: whether that operand is a scalar (module comment: a series beside a scalar
 * keeps its gaps; two series fill each other's gaps with 0).
 */
export function combine(op: BinaryOp, l: number, r: number, leftScalar: boolean, rightScalar: boolean): number {
    const lMissing = Number.isNaN(l);
    const rMissing = Number.isNaN(r);
    if (lMissing || rMissing) {
        if (lMissing && rMissing) return NaN;
        if (lMissing && rightScalar) return NaN;
        if (rMissing && leftScalar) return NaN;
        if (lMissing) l = 0;
        else r = 0;
    }
    switch (op) {
        case "+": return l + r;
        case "-": return l - r;
        case "*": return l * r;
        case "/": return r === 0 ? NaN : l / r;
        case "^": return l ** r; // NaN (no datapoint) where the result is not a real number
        case ">=": return l >= r ? 1 : 0;
        case ">": return l > r ? 1 : 0;
        case "<=": return l <= r ? 1 : 0;
        case "<": return l < r ? 1 : 0;
        case "==": return l === r ? 1 : 0;
        case "!=": return l !== r ? 1 : 0;
        case "AND": return l !== 0 && r !== 0 ? 1 : 0;
        case "OR": return l !== 0 || r !== 0 ? 1 : 0;
        default: return NaN;
    }
}

/** Evaluates an expression at one timestamp, given each id's datapoint there (or none). */
export function evaluateExpression(expr: Expr, values: Record<string, Datapoint>): Datapoint {
    const columns: Record<string, Float64Array> = {};
    for (const [id, v] of Object.entries(values)) columns[id] = Float64Array.of(v === undefined ? NaN : v);
    const v = evaluateSeries(expr, columns, 1)[0];
    return Number.isNaN(v) ? undefined : v;
}

/**
 * Evaluates an expression over whole columns at once: `columns[id][i]` is the datapoint of `id`
 * at timestamp i (NaN: none); the result holds NaN where there is no datapoint. The backtest
 * evaluates every alarm at every minute of a month this way, one pass per node.
 */
export function evaluateSeries(expr: Expr, columns: Record<string, ArrayLike<number>>, length: number): Float64Array {
    switch (expr.kind) {
        case "number":
            return new Float64Array(length).fill(expr.value);
        case "id": {
            if (!Object.prototype.hasOwnProperty.call(columns, expr.name)) {
                throw new ReferenceError(`metric math: no metric or expression with id "${expr.name}"`);
            }
            const column = columns[expr.name];
            const out = new Float64Array(length);
            for (let i = 0; i < length; i++) out[i] = column[i];
            return out;
        }
        case "unary": {
            const out = evaluateSeries(expr.operand, columns, length);
            for (let i = 0; i < length; i++) out[i] = -out[i];
            return out;
        }
        case "binary": {
            const l = evaluateSeries(expr.left, columns, length);
            const r = evaluateSeries(expr.right, columns, length);
            const ls = isScalar(expr.left);
            const rs = isScalar(expr.right);
            for (let i = 0; i < length; i++) l[i] = combine(expr.op, l[i], r[i], ls, rs);
            return l;
        }
        case "call": {
            const a = evaluateSeries(expr.args[0], columns, length);
            const b = evaluateSeries(expr.args[1], columns, length);
            if (expr.fn === "FILL") {
                for (let i = 0; i < length; i++) if (Number.isNaN(a[i])) a[i] = b[i];
                return a;
            }
            const c = expr.args.length === 3 ? evaluateSeries(expr.args[2], columns, length) : undefined;
            for (let i = 0; i < length; i++) {
                const cond = a[i];
                a[i] = Number.isNaN(cond) ? NaN : cond !== 0 ? b[i] : c ? c[i] : NaN;
            }
            return a;
        }
        default:
            return new Float64Array(length).fill(NaN);
    }
}
