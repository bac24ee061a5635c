import * as assert from "assert";
import { evaluateExpression, evaluateSeries, parseExpression, referencedIds } from "../components/shared/metricMath";

const evaluate = (source: string, values: Record<string, number | undefined> = {}) => evaluateExpression(parseExpression(source), values);

describe("metric math", () => {
    it("follows arithmetic precedence and parentheses", () => {
        assert.strictEqual(evaluate("1 + 2 * 3"), 7);
        assert.strictEqual(evaluate("(1 + 2) * 3"), 9);
        assert.strictEqual(evaluate("10 - 4 - 3"), 3);
        assert.strictEqual(evaluate("-2 * 3"), -6);
        assert.strictEqual(evaluate("100 * a / b", { a: 3, b: 600 }), 0.5);
    });

    it("^ raises to a power: tighter than * and unary minus, grouped to the right; a square root is ^ 0.5", () => {
        assert.strictEqual(evaluate("2 ^ 3"), 8);
        assert.strictEqual(evaluate("2 * 3 ^ 2"), 18);
        assert.strictEqual(evaluate("-2 ^ 2"), -4);
        assert.strictEqual(evaluate("2 ^ 3 ^ 2"), 512);
        assert.strictEqual(evaluate("(2 ^ 3) ^ 2"), 64);
        assert.strictEqual(evaluate("4 ^ -1"), 0.25);
        assert.strictEqual(evaluate("(a * 0.04) ^ 0.5", { a: 400 }), 4);
        assert.strictEqual(evaluate("a ^ 0.5", { a: undefined }), undefined);
        // Not a real number: no datapoint.
        assert.strictEqual(evaluate("a ^ 0.5", { a: -4 }), undefined);
    });

    it("compares and combines with AND / OR (&& and || alike) to 1 or 0", () => {
        assert.strictEqual(evaluate("a >= 500", { a: 500 }), 1);
        assert.strictEqual(evaluate("a > 500", { a: 500 }), 0);
        assert.strictEqual(evaluate("a >= 1 AND b < 2", { a: 1, b: 1 }), 1);
        assert.strictEqual(evaluate("a >= 1 && b < 2", { a: 1, b: 3 }), 0);
        assert.strictEqual(evaluate("a == 1 || b != 2", { a: 0, b: 2 }), 0);
        assert.strictEqual(evaluate("a == 1 OR b != 2", { a: 1, b: 2 }), 1);
    });

    it("IF without an else leaves no datapoint where the condition is false", () => {
        assert.strictEqual(evaluate("IF(a > 1, 5)", { a: 2 }), 5);
        assert.strictEqual(evaluate("IF(a > 1, 5)", { a: 0 }), undefined);
        assert.strictEqual(evaluate("IF(a > 1, 5, 6)", { a: 0 }), 6);
    });

    it("FILL replaces a missing datapoint, division by zero drops it", () => {
        assert.strictEqual(evaluate("FILL(a, 0)", { a: undefined }), 0);
        assert.strictEqual(evaluate("FILL(a, 0)", { a: 4 }), 4);
        assert.strictEqual(evaluate("a / b", { a: 1, b: 0 }), undefined);
    });

    it("treats a missing operand as 0 beside a present one, and no datapoint when both are missing", () => {
        assert.strictEqual(evaluate("a + b", { a: undefined, b: 2 }), 2);
        assert.strictEqual(evaluate("a + b", { a: undefined, b: undefined }), undefined);
    });

    describe("missing datapoints (CloudWatch User Guide, \"Use metric math\"): one case each", () => {
        it("arithmetic of two series: a missing operand counts as 0 where the other has a value", () => {
            assert.strictEqual(evaluate("a - b", { a: undefined, b: 2 }), -2);
            assert.strictEqual(evaluate("a * b", { a: 3, b: undefined }), 0);
        });

        it("arithmetic of two series with neither present: no datapoint", () => {
            assert.strictEqual(evaluate("a * b", { a: undefined, b: undefined }), undefined);
        });

        it("division by zero drops the point, also when the divisor is a missing series read as 0", () => {
            assert.strictEqual(evaluate("a / b", { a: 5, b: 0 }), undefined);
            assert.strictEqual(evaluate("a / b", { a: 5, b: undefined }), undefined);
            assert.strictEqual(evaluate("a / 0", { a: 5 }), undefined);
        });

        it("a series beside a scalar keeps its gaps: arithmetic creates no datapoint", () => {
            assert.strictEqual(evaluate("a + 1", { a: undefined }), undefined);
            assert.strictEqual(evaluate("100 * a", { a: undefined }), undefined);
            assert.strictEqual(evaluate("-a", { a: undefined }), undefined);
        });

        it("a comparison of a missing series with a scalar creates no datapoint (not 0 compared)", () => {
            assert.strictEqual(evaluate("a > -1", { a: undefined }), undefined);
            assert.strictEqual(evaluate("a < 5", { a: undefined }), undefined);
            assert.strictEqual(evaluate("5 >= a", { a: undefined }), undefined);
            assert.strictEqual(evaluate("a > -1", { a: 0 }), 1);
        });

        it("IF with a missing condition: no datapoint, whatever the branches", () => {
            assert.strictEqual(evaluate("IF(a > 1, 5, 6)", { a: undefined }), undefined);
        });

        it("IF whose chosen branch is a series with no datapoint: no datapoint", () => {
            assert.strictEqual(evaluate("IF(a > 1, b, 6)", { a: 2, b: undefined }), undefined);
            assert.strictEqual(evaluate("IF(a > 1, 6, b)", { a: 0, b: undefined }), undefined);
            // The branch not chosen may be missing.
            assert.strictEqual(evaluate("IF(a > 1, 6, b)", { a: 2, b: undefined }), 6);
        });

        it("the guard: no sends, or fewer than the guard, gives no datapoint; sends without bounces give 0", () => {
            const guard = "IF(sends >= 500, 100 * FILL(bounces, 0) / sends)";
            assert.strictEqual(evaluate(guard, { sends: undefined, bounces: 3 }), undefined);
            assert.strictEqual(evaluate(guard, { sends: 499, bounces: 30 }), undefined);
            assert.strictEqual(evaluate(guard, { sends: 500, bounces: undefined }), 0);
            assert.strictEqual(evaluate(guard, { sends: 1000, bounces: 25 }), 2.5);
        });

        it("evaluates whole columns with the same rules as one timestamp", () => {
            const out = evaluateSeries(parseExpression("IF(sends >= 2, 100 * FILL(bounces, 0) / sends)"), {
                sends: Float64Array.of(NaN, 1, 4, 10),
                bounces: Float64Array.of(1, 1, NaN, 1),
            }, 4);
            assert.ok(Number.isNaN(out[0]) && Number.isNaN(out[1]));
            assert.deepStrictEqual(Array.from(out.slice(2)), [0, 10]);
        });
    });

    it("lists the ids an expression reads", () => {
        assert.deepStrictEqual(referencedIds(parseExpression("IF(sends >= 500, 100 * FILL(bounces, 0) / sends)")).sort(), ["bounces", "sends"]);
    });

    it("refuses what it does not understand, naming the position", () => {
        assert.throws(() => parseExpression("SEARCH('{AWS/SES}', 'Sum', 300)"), /unexpected|unsupported function SEARCH/);
        assert.throws(() => parseExpression("IF(a)"), /IF takes 2 or 3 arguments, got 1/);
        assert.throws(() => parseExpression("a +"), /unexpected end at 3/);
        assert.throws(() => parseExpression("(a"), /expected "\)"/);
        assert.throws(() => evaluate("a + c", { a: 1 }), /no metric or expression with id "c"/);
    });
});
