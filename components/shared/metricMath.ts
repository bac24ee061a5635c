/**
 * A parser and evaluator for the subset of CloudWatch metric math the module generates:
 * numbers, metric ids, `+ - * /`, comparisons, `AND`/`&&`, `OR`/`||`, `IF(cond, a[, b])` and
 * `FILL(x, value)`. Used to prove what an alarm expression computes (tests), and by the offline
 * tools that replay traffic through the alarms.
 *
 * Evaluation is per timestamp. A value is a number or `undefined` (no datapoint). Semantics follow
 * the CloudWatch User Guide ("Using metric math", "Alarms and missing data"):
 * - in arithmetic and comparisons a series with no datapoint at a timestamp counts as 0 when the
 *   other operand has one; with neither there is no datapoint;
 * - division by zero drops the datapoint;
 * - `IF(cond, a)` without an else gives no datapoint where `cond` is false;
 * - `FILL(x, v)` gives `v` where `x` has no datapoint.
 */

export type Expr =
    | { kind: "number"; value: number }
    | { kind: "id"; name: string }
    | { kind: "unary"; op: "-"; operand: Expr }
    | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr }
    | { kind: "call"; fn: "IF" | "FILL"; args: Expr[] };

type BinaryOp = "+" | "-" | "*" | "/" | ">=" | ">" | "<=" | "<" | "==" | "!=" | "AND" | "OR";

const FUNCTIONS = { IF: [2, 3], FILL: [2, 2] } as const;

interface Token {
    kind: "number" | "word" | "op" | "(" | ")" | "," | "end";
    text: string;
    at: number;
}

function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    const pattern = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(>=|<=|==|!=|&&|\|\||[-+*/<>])|([(),]))/y;
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

    // Precedence, lowest first: OR, AND, comparisons, + -, * /, unary minus.
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
        return primary();
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

/** Evaluates an expression at one timestamp, given each id's datapoint there (or none). */
export function evaluateExpression(expr: Expr, values: Record<string, Datapoint>): Datapoint {
    switch (expr.kind) {
        case "number":
            return expr.value;
        case "id":
            if (!Object.prototype.hasOwnProperty.call(values, expr.name)) {
                throw new ReferenceError(`metric math: no metric or expression with id "${expr.name}"`);
            }
            return values[expr.name];
        case "unary": {
            const v = evaluateExpression(expr.operand, values);
            return v === undefined ? undefined : -v;
        }
        case "binary": {
            let l = evaluateExpression(expr.left, values);
            let r = evaluateExpression(expr.right, values);
            if (l === undefined && r === undefined) return undefined;
            l ??= 0;
            r ??= 0;
            switch (expr.op) {
                case "+": return l + r;
                case "-": return l - r;
                case "*": return l * r;
                case "/": return r === 0 ? undefined : l / r;
                case ">=": return l >= r ? 1 : 0;
                case ">": return l > r ? 1 : 0;
                case "<=": return l <= r ? 1 : 0;
                case "<": return l < r ? 1 : 0;
                case "==": return l === r ? 1 : 0;
                case "!=": return l !== r ? 1 : 0;
                case "AND": return l !== 0 && r !== 0 ? 1 : 0;
                case "OR": return l !== 0 || r !== 0 ? 1 : 0;
                default: return undefined;
            }
        }
        case "call": {
            if (expr.fn === "FILL") {
                const v = evaluateExpression(expr.args[0], values);
                return v === undefined ? evaluateExpression(expr.args[1], values) : v;
            }
            const cond = evaluateExpression(expr.args[0], values);
            if (cond === undefined) return undefined;
            if (cond !== 0) return evaluateExpression(expr.args[1], values);
            return expr.args.length === 3 ? evaluateExpression(expr.args[2], values) : undefined;
        }
        default:
            return undefined;
    }
}
