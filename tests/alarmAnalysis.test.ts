import * as assert from "assert";
import { analyzeAlarm, formatNumber, isSesMetric, measuresOf, unitText, ValueKind } from "../policy/alarmAnalysis";
import { UNKNOWN } from "../policy/unknowns";

/**
 * How the policy pack reads an alarm's unit: the rule that decides whether a threshold is held to
 * the review level as a percent or as a fraction. A metric read the wrong way, or an expression
 * given a unit it does not have, makes the pack pass an alarm above AWS's review level or refuse a
 * good one; an "unknown" says the pack cannot tell, and the policy says so instead of guessing.
 */
const ses = (metricName: string, stat = "Sum") => ({ namespace: "AWS/SES", metricName, dimensions: { "ses:configuration-set": "main" }, period: 3600, stat });
const metricQuery = (id: string, metricName: string, stat = "Sum") => ({ id, returnData: false, metric: ses(metricName, stat) });

/** The kind of the one returned value of an alarm returning `expression` over sends, bounces, complaints and the reputation rate. */
function kindOf(expression: string, stats: Record<string, string> = {}): ValueKind {
    const analysis = analyzeAlarm({
        metricQueries: [
            metricQuery("sends", "Send", stats.sends),
            metricQuery("bounces", "Bounce", stats.bounces),
            metricQuery("complaints", "Complaint", stats.complaints),
            metricQuery("reputation", "Reputation.BounceRate", stats.reputation ?? "Average"),
            { id: "e", returnData: true, expression },
        ],
    });
    assert.strictEqual(analysis.returned.length, 1);
    return analysis.returned[0].value;
}
/** The kind of a single-metric alarm. */
const single = (metricName: string, statistic?: string, namespace = "AWS/SES") => analyzeAlarm({ namespace, metricName, statistic }).returned[0].value;

describe("policy: reading an alarm's unit", () => {
    describe("metrics", () => {
        it("an SES event metric read as Sum or SampleCount (or without a statistic) is a count", () => {
            for (const stat of ["Sum", "SampleCount", undefined]) assert.deepStrictEqual(single("Bounce", stat), { kind: "count", scale: 1 }, String(stat));
        });
        it("an SES event metric read as Average (or Maximum) is not a count: the unit is unknown", () => {
            assert.deepStrictEqual(single("Bounce", "Average"), { kind: "unknown", why: "Bounce read as Average is not a count" });
            assert.deepStrictEqual(single("Complaint", "Maximum"), { kind: "unknown", why: "Complaint read as Maximum is not a count" });
            assert.deepStrictEqual(kindOf("100 * bounces / sends", { bounces: "Average" }), { kind: "unknown", why: "Bounce read as Average is not a count" });
        });
        it("a Reputation.* metric is a fraction, unless read as Sum or SampleCount", () => {
            for (const stat of ["Average", "Maximum", undefined]) assert.deepStrictEqual(single("Reputation.BounceRate", stat), { kind: "rate", scale: 1 }, String(stat));
            assert.deepStrictEqual(single("Reputation.ComplaintRate", "Sum"), { kind: "unknown", why: "Reputation.ComplaintRate read as Sum is not a rate" });
            assert.deepStrictEqual(single("Reputation.BounceRate", "SampleCount"), { kind: "unknown", why: "Reputation.BounceRate read as SampleCount is not a rate" });
        });
        it("a misspelt AWS/SES metric is neither a count nor a fraction", () => {
            assert.deepStrictEqual(single("Bounces"), { kind: "unknown", why: "AWS/SES Bounces is neither an event count nor a reputation rate" });
            assert.deepStrictEqual(single("Reputation.Bouncerate", "Average"), { kind: "unknown", why: "AWS/SES Reputation.Bouncerate is neither an event count nor a reputation rate" });
        });
        it("a metric of another namespace is not an SES metric", () => {
            assert.deepStrictEqual(single("Bounce", "Sum", "Custom/Mail"), { kind: "unknown", why: "Custom/Mail Bounce is not an SES metric" });
        });
        it("a metric unknown during preview is unknown for that reason only", () => {
            assert.deepStrictEqual(analyzeAlarm({ namespace: UNKNOWN, metricName: "Bounce", statistic: "Sum" }).returned[0].value, { kind: "unknown", why: "the metric is unknown during preview", preview: true });
            assert.deepStrictEqual(analyzeAlarm({ namespace: "AWS/SES", metricName: "Bounce", statistic: UNKNOWN }).returned[0].value.kind, "unknown");
            const r = analyzeAlarm({ namespace: "AWS/SES", metricName: UNKNOWN, statistic: "Sum" }).returned[0];
            assert.deepStrictEqual([r.source, r.value], ["(unknown metric)", { kind: "unknown", why: "the metric is unknown during preview", preview: true }]);
        });
        it("the single-metric form: the statistic or the extended statistic, the dimensions as given", () => {
            const a = analyzeAlarm({ namespace: "AWS/SES", metricName: "Reputation.BounceRate", extendedStatistic: "p90", dimensions: { a: "b" } });
            assert.deepStrictEqual(a, {
                metrics: [{ namespace: "AWS/SES", metricName: "Reputation.BounceRate", dimensions: { a: "b" }, stat: "p90" }],
                returned: [{ source: "Reputation.BounceRate", value: { kind: "rate", scale: 1 }, metrics: [{ namespace: "AWS/SES", metricName: "Reputation.BounceRate", dimensions: { a: "b" }, stat: "p90" }] }],
                partial: false,
            });
            assert.deepStrictEqual(analyzeAlarm({ namespace: "AWS/SES", metricName: "Send", dimensions: UNKNOWN }).metrics[0].dimensions, UNKNOWN);
            assert.deepStrictEqual(analyzeAlarm({ namespace: "AWS/SES", metricName: "Send" }).metrics[0].dimensions, {});
            assert.deepStrictEqual(analyzeAlarm({}), { metrics: [], returned: [], partial: false });
            assert.deepStrictEqual(analyzeAlarm({ metricQueries: [] }), { metrics: [], returned: [], partial: false });
            // An empty metricQueries list (as the provider reports an unset one) leaves the single-metric form.
            assert.deepStrictEqual(analyzeAlarm({ metricQueries: [], namespace: "AWS/SES", metricName: "Bounce", statistic: "Sum" }).returned[0].value, { kind: "count", scale: 1 });
        });
    });

    describe("expressions", () => {
        it("count / count is a fraction; times 100 a percent, however the product is grouped", () => {
            assert.deepStrictEqual(kindOf("bounces / sends"), { kind: "rate", scale: 1 });
            for (const e of ["100 * bounces / sends", "bounces / sends * 100", "100 * (bounces / sends)", "(bounces * 100) / sends", "IF(sends >= 500, 100 * FILL(bounces, 0) / sends)"]) {
                assert.deepStrictEqual(kindOf(e), { kind: "rate", scale: 100 }, e);
            }
        });
        it("constants fold: 2 * 50 is 100, 1000 / 10 is 100, 50 + 50 and 150 - 50 too", () => {
            for (const c of ["2 * 50", "1000 / 10", "(50 + 50)", "(150 - 50)"]) assert.deepStrictEqual(kindOf(`${c} * bounces / sends`), { kind: "rate", scale: 100 }, c);
        });
        it("a power of constants folds (10 ^ 2 is 100); a power of a metric is no rate the pack can compare", () => {
            assert.deepStrictEqual(kindOf("10 ^ 2 * bounces / sends"), { kind: "rate", scale: 100 });
            assert.deepStrictEqual(kindOf("bounces / sends * 4 ^ 0.5"), { kind: "rate", scale: 2 });
            const power = { kind: "unknown", why: "a power of a metric (not a rate this pack compares with AWS's levels)" };
            for (const e of ["bounces ^ 0.5", "(100 * bounces / sends) ^ 2", "2 ^ reputation"]) assert.deepStrictEqual(kindOf(e), power, e);
            // The component's confidence bound: a test statistic, not a rate.
            assert.deepStrictEqual(kindOf("IF(sends > 0, 2 * ((FILL(bounces, 0)) ^ 0.5 - (0.01 * sends) ^ 0.5))"), power);
        });
        it("dividing by a constant divides the scale; dividing by zero is unknown", () => {
            assert.deepStrictEqual(kindOf("reputation / 0.01"), { kind: "rate", scale: 100 });
            assert.deepStrictEqual(kindOf("bounces / 2"), { kind: "count", scale: 0.5 });
            assert.deepStrictEqual(kindOf("bounces / 0"), { kind: "unknown", why: "a ratio that is not count / count" });
        });
        it("Reputation.BounceRate / Send is not a rate; nor is a rate over a rate or a constant over a count", () => {
            for (const e of ["reputation / sends", "reputation / reputation", "100 / sends", "sends / reputation"]) {
                assert.deepStrictEqual(kindOf(e), { kind: "unknown", why: "a ratio that is not count / count" }, e);
            }
        });
        it("a product of two metrics is unknown; a scaled fraction keeps its unit", () => {
            assert.deepStrictEqual(kindOf("bounces * sends"), { kind: "unknown", why: "a product of two metrics" });
            assert.deepStrictEqual(kindOf("reputation * 100"), { kind: "rate", scale: 100 });
            assert.deepStrictEqual(kindOf("100 * reputation"), { kind: "rate", scale: 100 });
        });
        it("counts add up, and a rate plus a rate of the same scale stays a rate; mixed sums are unknown", () => {
            assert.deepStrictEqual(kindOf("(bounces + complaints) / sends"), { kind: "rate", scale: 1 });
            assert.deepStrictEqual(kindOf("bounces - complaints"), { kind: "count", scale: 1 });
            assert.deepStrictEqual(kindOf("reputation + reputation"), { kind: "rate", scale: 1 });
            assert.deepStrictEqual(kindOf("reputation + 100 * reputation"), { kind: "unknown", why: "rate + rate" });
            assert.deepStrictEqual(kindOf("reputation + bounces"), { kind: "unknown", why: "rate + count" });
            assert.deepStrictEqual(kindOf("bounces + 1"), { kind: "unknown", why: "count + constant" });
        });
        it("comparisons and AND / OR are conditions", () => {
            for (const op of [">=", ">", "<=", "<", "==", "!=", "AND", "OR"]) assert.deepStrictEqual(kindOf(`bounces ${op} sends`), { kind: "condition" }, op);
        });
        it("a condition is not a value: scaled, divided or added it is unknown", () => {
            assert.deepStrictEqual(kindOf("100 * (bounces > sends)"), { kind: "unknown", why: "a product of two metrics" });
            assert.deepStrictEqual(kindOf("(bounces > 1) / 2"), { kind: "unknown", why: "a ratio that is not count / count" });
            assert.deepStrictEqual(kindOf("(bounces > 1) + (sends > 1)"), { kind: "unknown", why: "condition + condition" });
        });
        it("a count over a scaled count divides the scales", () => {
            assert.deepStrictEqual(kindOf("bounces / (sends / 100)"), { kind: "rate", scale: 100 });
            assert.deepStrictEqual(kindOf("(bounces / 2) / (sends / 4)"), { kind: "rate", scale: 2 });
        });
        it("a negated metric is unknown", () => {
            assert.deepStrictEqual(kindOf("-bounces"), { kind: "unknown", why: "a negated value" });
            assert.deepStrictEqual(kindOf("-(bounces / sends)"), { kind: "unknown", why: "a negated value" });
        });
        it("a negated constant is a constant: x * 10 ^ -2 scales x by 0.01, and - -100 is 100", () => {
            assert.deepStrictEqual(kindOf("reputation * 10 ^ -2"), { kind: "rate", scale: 0.01 });
            assert.deepStrictEqual(kindOf("bounces / sends * 10 ^ -2"), { kind: "rate", scale: 0.01 });
            assert.deepStrictEqual(kindOf("- -100 * bounces / sends"), { kind: "rate", scale: 100 });
            assert.deepStrictEqual(kindOf("bounces / sends * (0 - -100)"), { kind: "rate", scale: 100 });
        });
        it("IF keeps its branch's unit when the other is absent, a constant or the same unit", () => {
            assert.deepStrictEqual(kindOf("IF(sends > 10, bounces / sends)"), { kind: "rate", scale: 1 });
            assert.deepStrictEqual(kindOf("IF(sends > 10, bounces / sends, 0)"), { kind: "rate", scale: 1 });
            assert.deepStrictEqual(kindOf("IF(sends > 10, bounces / sends, reputation)"), { kind: "rate", scale: 1 });
            assert.deepStrictEqual(kindOf("IF(sends > 10, 100 * bounces / sends, reputation)"), { kind: "unknown", why: "IF branches of different units" });
            assert.deepStrictEqual(kindOf("IF(sends > 10, bounces, complaints)"), { kind: "count", scale: 1 });
            assert.deepStrictEqual(kindOf("IF(sends > 10, bounces, reputation)"), { kind: "unknown", why: "IF branches of different units" });
            assert.deepStrictEqual(kindOf("IF(sends > 10, 1, reputation)"), { kind: "unknown", why: "IF branches of different units" });
            assert.deepStrictEqual(kindOf("FILL(reputation, 0)"), { kind: "rate", scale: 1 });
            // An unknown branch (not a preview one) makes the branches differ.
            assert.deepStrictEqual(kindOf("IF(sends > 10, -bounces, bounces)"), { kind: "unknown", why: "IF branches of different units" });
            assert.deepStrictEqual(kindOf("IF(sends > 10, bounces, -bounces)"), { kind: "unknown", why: "IF branches of different units" });
        });
        it("an unknown operand makes the whole unknown, with its reason", () => {
            assert.deepStrictEqual(kindOf("100 * bounces / missing"), { kind: "unknown", why: "no query with id missing" });
            assert.deepStrictEqual(kindOf("100 * -bounces"), { kind: "unknown", why: "a negated value" });
            assert.deepStrictEqual(kindOf("-bounces * 100"), { kind: "unknown", why: "a negated value" });
        });
    });

    describe("which query returns, and what it reads", () => {
        it("the query marked returnData; its metrics through expressions, the expression as its source", () => {
            const a = analyzeAlarm({ metricQueries: [metricQuery("sends", "Send"), metricQuery("bounces", "Bounce"), { id: "x", returnData: false, expression: "bounces / sends" }, { id: "r", returnData: true, expression: "100 * x" }] });
            assert.strictEqual(a.metrics.length, 2);
            assert.deepStrictEqual(a.returned.map((r) => [r.source, r.value, r.metrics.map((m) => m.metricName)]), [["100 * x", { kind: "rate", scale: 100 }, ["Bounce", "Send"]]]);
            assert.strictEqual(a.partial, false);
        });
        it("a lone query returns without returnData; with several unmarked, each that is not false is a candidate", () => {
            assert.deepStrictEqual(analyzeAlarm({ metricQueries: [{ id: "m", metric: ses("Reputation.BounceRate", "Average") }] }).returned.map((r) => r.source), ["Reputation.BounceRate"]);
            const several = analyzeAlarm({ metricQueries: [metricQuery("sends", "Send"), { id: "a", expression: "sends" }, { id: "b", expression: "sends * 2" }] });
            assert.deepStrictEqual(several.returned.map((r) => r.source), ["sends", "sends * 2"]);
            // One marked true among unmarked ones: only it returns.
            const marked = analyzeAlarm({ metricQueries: [{ id: "sends", metric: ses("Send") }, { id: "bounces", metric: ses("Bounce") }, { id: "r", returnData: true, expression: "bounces / sends" }] });
            assert.deepStrictEqual(marked.returned.map((r) => r.source), ["bounces / sends"]);
            const lone = analyzeAlarm({ metricQueries: [{ id: "m", returnData: false, metric: ses("Send") }] });
            assert.deepStrictEqual(lone.returned.map((r) => r.source), ["Send"]);
        });
        it("an expression that reads itself is unknown rather than endless", () => {
            const a = analyzeAlarm({ metricQueries: [{ id: "x", returnData: true, expression: "x + 1" }] });
            assert.deepStrictEqual(a.returned[0].value, { kind: "unknown", why: "query x refers to itself" });
        });
        it("a query with neither metric nor expression, and an expression outside the subset", () => {
            assert.deepStrictEqual(analyzeAlarm({ metricQueries: [{ id: "q", returnData: true }] }).returned[0], { source: "query q", value: { kind: "unknown", why: "query q has neither a metric nor an expression" }, metrics: [] });
            const a = analyzeAlarm({ metricQueries: [metricQuery("bounces", "Bounce"), metricQuery("other", "Send"), { id: "e", returnData: true, expression: "RATE(bounces)" }] });
            assert.deepStrictEqual(a.returned[0].value, { kind: "unknown", why: '"RATE(bounces)" uses metric math this pack does not analyse' });
            // The metrics it names are still known: the measure is, though the unit is not.
            assert.deepStrictEqual(a.returned[0].metrics.map((m) => m.metricName), ["Bounce"]);
        });
        it("partial when queries, a query, its metric, its expression or returnData are unknown at preview", () => {
            assert.deepStrictEqual(analyzeAlarm({ metricQueries: UNKNOWN }), { metrics: [], returned: [], partial: true });
            assert.strictEqual(analyzeAlarm({ metricQueries: [UNKNOWN, metricQuery("m", "Send")] }).partial, true);
            assert.strictEqual(analyzeAlarm({ metricQueries: [{ id: UNKNOWN, expression: "1" }, metricQuery("m", "Send")] }).partial, true);
            assert.strictEqual(analyzeAlarm({ metricQueries: [{ id: "m", metric: UNKNOWN, returnData: true }] }).partial, true);
            assert.strictEqual(analyzeAlarm({ metricQueries: [metricQuery("m", "Send"), { id: "e", expression: UNKNOWN, returnData: true }] }).partial, true);
            assert.strictEqual(analyzeAlarm({ metricQueries: [metricQuery("m", "Send"), { id: "e", expression: "m", returnData: UNKNOWN }] }).partial, true);
            const e = analyzeAlarm({ metricQueries: [metricQuery("m", "Send"), { id: "e", expression: UNKNOWN, returnData: true }] }).returned[0];
            assert.deepStrictEqual([e.source, e.value], ["query e", { kind: "unknown", why: "the expression of query e is unknown during preview", preview: true }]);
        });
        it("an IF whose branch is unknown only at preview stays a preview unknown", () => {
            const a = analyzeAlarm({ metricQueries: [metricQuery("sends", "Send"), { id: "p", returnData: false, expression: UNKNOWN }, { id: "e", returnData: true, expression: "IF(sends > 1, p, sends)" }] });
            assert.strictEqual((a.returned[0].value as { preview?: boolean }).preview, true);
            const b = analyzeAlarm({ metricQueries: [metricQuery("sends", "Send"), { id: "p", returnData: false, expression: UNKNOWN }, { id: "e", returnData: true, expression: "IF(sends > 1, sends, p)" }] });
            assert.strictEqual((b.returned[0].value as { preview?: boolean }).preview, true);
        });
        it("a metric's dimensions: as given, unknown, or none", () => {
            const dims = (metric: unknown) => analyzeAlarm({ metricQueries: [{ id: "m", returnData: true, metric }] }).metrics[0].dimensions;
            assert.deepStrictEqual(dims({ namespace: "AWS/SES", metricName: "Send", dimensions: { a: "b" } }), { a: "b" });
            assert.strictEqual(dims({ namespace: "AWS/SES", metricName: "Send", dimensions: UNKNOWN }), UNKNOWN);
            assert.deepStrictEqual(dims({ namespace: "AWS/SES", metricName: "Send" }), {});
            assert.deepStrictEqual(dims({ namespace: "AWS/SES", metricName: "Send", dimensions: "a=b" }), {});
        });
        it("a metric without a name, or whose name is unknown at preview, in a query", () => {
            const nameless = analyzeAlarm({ metricQueries: [{ id: "m", returnData: true, metric: { namespace: "AWS/SES", stat: "Sum" } }] }).returned[0];
            assert.deepStrictEqual(nameless.value, { kind: "unknown", why: "AWS/SES undefined is not an SES metric" });
            const unknown = analyzeAlarm({ metricQueries: [{ id: "m", returnData: true, metric: { namespace: "AWS/SES", metricName: UNKNOWN, stat: "Sum" } }] }).returned[0];
            assert.deepStrictEqual([unknown.source, unknown.value.kind], ["(unknown metric)", "unknown"]);
        });
    });

    describe("measures and units for messages", () => {
        const m = (metricName: unknown, namespace: unknown = "AWS/SES") => ({ namespace: namespace as string, metricName: metricName as string, dimensions: {}, stat: "Sum" });
        it("Bounce and Reputation.BounceRate feed the bounce measure, Complaint and Reputation.ComplaintRate the complaint one", () => {
            assert.deepStrictEqual(measuresOf(m("Bounce")), ["bounce"]);
            assert.deepStrictEqual(measuresOf(m("Reputation.BounceRate")), ["bounce"]);
            assert.deepStrictEqual(measuresOf(m("Complaint")), ["complaint"]);
            assert.deepStrictEqual(measuresOf(m("Reputation.ComplaintRate")), ["complaint"]);
            assert.deepStrictEqual(measuresOf(m("Send")), []);
            assert.deepStrictEqual(measuresOf(m("Bounce", "Custom")), []);
            assert.strictEqual(measuresOf(m(UNKNOWN)), UNKNOWN);
            assert.strictEqual(measuresOf(m("Bounce", UNKNOWN)), UNKNOWN);
        });
        it("an SES metric by namespace, maybe when unknown", () => {
            assert.deepStrictEqual([isSesMetric(m("Send")), isSesMetric(m("Send", "Custom")), isSesMetric(m("Send", UNKNOWN))], [true, false, "maybe"]);
        });
        it("names the unit of a scale, with six significant digits", () => {
            assert.deepStrictEqual([unitText(100), unitText(1), unitText(1000), unitText(1 / 3)], ["percent", "a fraction", "the fraction times 1000", "the fraction times 0.333333"]);
            assert.strictEqual(formatNumber(0.1 + 0.2), "0.3");
        });
    });
});
