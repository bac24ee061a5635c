import * as assert from "assert";
import { combine, evaluateExpression, isScalar, parseExpression, referencedIds } from "../components/shared/metricMath";

const evaluate = (source: string, values: Record<string, number | undefined> = {}) => evaluateExpression(parseExpression(source), values);

/**
 * The boundaries of the metric-math subset: each comparison exactly at its operand, AND / OR on
 * every truth pair, what the parser refuses (and where it says), and numbers in every written form.
 * An alarm expression means what these say, or the parser refuses it.
 */
describe("metric math: boundaries", () => {
    describe("comparisons exactly at the compared value", () => {
        // operator, then a op 5 for a = 4, 5 and 6
        const cases: [string, number[]][] = [
            [">=", [0, 1, 1]],
            [">", [0, 0, 1]],
            ["<=", [1, 1, 0]],
            ["<", [1, 0, 0]],
            ["==", [0, 1, 0]],
            ["!=", [1, 0, 1]],
        ];
        for (const [op, expected] of cases) {
            it(`a ${op} 5 at 4, 5 and 6`, () => {
                assert.deepStrictEqual([4, 5, 6].map((a) => evaluate(`a ${op} 5`, { a })), expected);
            });
        }

        it("<= and < between two series, and a missing series beside a scalar", () => {
            assert.strictEqual(evaluate("a <= b", { a: 2, b: 2 }), 1);
            assert.strictEqual(evaluate("a < b", { a: 2, b: 2 }), 0);
            assert.strictEqual(evaluate("a <= 5", { a: undefined }), undefined);
        });
    });

    describe("AND and OR on every pair", () => {
        const pairs: [number, number][] = [[0, 0], [0, 1], [1, 0], [1, 1]];
        it("AND is 1 only when both sides are non-zero (0 AND 1 is 0)", () => {
            assert.deepStrictEqual(pairs.map(([l, r]) => evaluate(`${l} AND ${r}`)), [0, 0, 0, 1]);
            assert.deepStrictEqual(pairs.map(([l, r]) => evaluate(`a && b`, { a: l * 7, b: r * -2 })), [0, 0, 0, 1]);
        });
        it("OR is 0 only when both sides are 0", () => {
            assert.deepStrictEqual(pairs.map(([l, r]) => evaluate(`${l} OR ${r}`)), [0, 1, 1, 1]);
            assert.deepStrictEqual(pairs.map(([l, r]) => evaluate(`a || b`, { a: l * 3, b: r * 0.5 })), [0, 1, 1, 1]);
        });
    });

    describe("missing datapoints in comparisons", () => {
        it("two missing series compared: no datapoint, not 0", () => {
            for (const op of [">=", ">", "<=", "<", "==", "!=", "AND", "OR"]) {
                assert.strictEqual(evaluate(`a ${op} b`, { a: undefined, b: undefined }), undefined, op);
            }
        });
        it("one missing series beside a present one counts as 0", () => {
            assert.strictEqual(evaluate("a >= b", { a: undefined, b: 0 }), 1);
            assert.strictEqual(evaluate("a < b", { a: 1, b: undefined }), 0);
            assert.strictEqual(evaluate("a OR b", { a: undefined, b: 2 }), 1);
        });
        it("a missing series beside a scalar keeps its gap on either side", () => {
            assert.strictEqual(evaluate("1 - a", { a: undefined }), undefined);
            assert.strictEqual(evaluate("a - 1", { a: undefined }), undefined);
            assert.ok(Number.isNaN(combine("+", NaN, 1, false, true)));
            assert.ok(Number.isNaN(combine("+", 1, NaN, true, false)));
            assert.strictEqual(combine("+", NaN, 1, false, false), 1);
            assert.strictEqual(combine("+", 1, NaN, false, false), 1);
        });
    });

    describe("what the parser refuses, and where it says", () => {
        it("trailing tokens after a complete expression", () => {
            assert.throws(() => parseExpression("a b"), /unexpected "b" at 2 in "a b"/);
            assert.throws(() => parseExpression("IF(a > 1, 2) 3"), /unexpected "3" at 13/);
            assert.throws(() => parseExpression("(a) )"), /unexpected "\)" at 4/);
        });
        it("a function with too many or too few arguments", () => {
            assert.throws(() => parseExpression("IF(a, 1, 2, 3)"), /IF takes 2 or 3 arguments, got 4/);
            assert.throws(() => parseExpression("IF()"), /IF takes 2 or 3 arguments, got 0/);
            assert.throws(() => parseExpression("FILL(a)"), /FILL takes 2 arguments, got 1/);
            assert.throws(() => parseExpression("FILL(a, 0, 1)"), /FILL takes 2 arguments, got 3/);
        });
        it("an unsupported function, by name", () => {
            assert.throws(() => parseExpression("RATE(a)"), /unsupported function RATE at 4/);
        });
        it("arguments not separated by commas", () => {
            assert.throws(() => parseExpression("IF(a 1, 2)"), /expected "\)" or "," at 5/);
        });
        it("an operator where an operand belongs", () => {
            assert.throws(() => parseExpression("a + )"), /unexpected "\)" at 4/);
            assert.throws(() => parseExpression("* a"), /unexpected "\*" at 0/);
            assert.throws(() => parseExpression("a AND AND b"), /unexpected "AND" at 6/);
            assert.throws(() => parseExpression("OR"), /unexpected "OR" at 0/);
            assert.throws(() => parseExpression(""), /unexpected end at 0/);
        });
        it("a character outside the subset, naming it and its position", () => {
            assert.throws(() => parseExpression("a  $ b"), /unexpected "\$" at 1 in "a  \$ b"/);
            assert.throws(() => parseExpression("a + 'x'"), /unexpected "'" at 3/);
        });
    });

    describe("what the parser accepts", () => {
        it("numbers with decimals and exponents", () => {
            assert.strictEqual(evaluate("0.5"), 0.5);
            assert.strictEqual(evaluate("1.25 * 4"), 5);
            assert.strictEqual(evaluate("1e3"), 1000);
            assert.strictEqual(evaluate("1E+2"), 100);
            assert.strictEqual(evaluate("2.5e-3 * 1000"), 2.5);
            assert.strictEqual(evaluate("1e10"), 1e10);
        });
        it("surrounding white space", () => {
            assert.strictEqual(evaluate("  a   +  1   ", { a: 1 }), 2);
            assert.strictEqual(evaluate("\ta\n>=\n1\t", { a: 1 }), 1);
        });
        it("unary minus, as a node of its own over its operand", () => {
            assert.deepStrictEqual(parseExpression("-a"), { kind: "unary", op: "-", operand: { kind: "id", name: "a" } });
            assert.strictEqual(evaluate("- -a", { a: 2 }), 2);
            assert.strictEqual(evaluate("3 - -a", { a: 2 }), 5);
        });
        it("the ids under a unary minus and in function arguments; a scalar reads none", () => {
            assert.deepStrictEqual(referencedIds(parseExpression("-a")), ["a"]);
            assert.deepStrictEqual(referencedIds(parseExpression("IF(a, -b, FILL(c, 0))")).sort(), ["a", "b", "c"]);
            assert.strictEqual(isScalar(parseExpression("-a")), false);
            assert.strictEqual(isScalar(parseExpression("-(2 * 3)")), true);
            // A negated series beside a scalar keeps its gaps: the scalar rule sees through the minus.
            assert.strictEqual(evaluate("-a + 1", { a: undefined }), undefined);
        });
    });
});
