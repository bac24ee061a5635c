import * as assert from "assert";
import { metricKey } from "../tools/backtest/evaluation";
import { readMetricDataFile } from "../tools/backtest/replay";

const SEND = "AWS/SES Send ses:configuration-set=main";
const BOUNCE = "AWS/SES Bounce ses:configuration-set=main";
const KNOWN = new Set([SEND, BOUNCE, "AWS/SES Reputation.BounceRate"]);
const FILE = "exports/march.json";

const result = (Label: string, Timestamps: unknown[], Values: unknown[], extra: Record<string, unknown> = {}) => ({ Id: "m0", Label, Timestamps, Values, StatusCode: "Complete", ...extra });
const page = (...results: unknown[]) => ({ MetricDataResults: results });
const T = ["2026-03-02T02:00:00Z", "2026-03-02T01:00:00Z", "2026-03-02T00:00:00Z"];
const good = () => page(result(SEND, T, [1000, 1000, 1000]), result(BOUNCE, T, [5, 4, 3]));
const read = (json: unknown, set?: string) => readMetricDataFile(FILE, typeof json === "string" ? json : JSON.stringify(json), KNOWN, set);

/** Each bad input, and what the error must say: the file, and the series and point where it applies. */
const BAD: [string, unknown, RegExp][] = [
    ["invalid JSON", "{ \"MetricDataResults\": [", /^metrics file exports\/march\.json: not valid JSON/],
    ["NaN, which JSON cannot hold", "{ \"MetricDataResults\": [ { \"Label\": \"x\", \"Values\": [NaN] } ] }", /exports\/march\.json: not valid JSON/],
    ["a bare number", 42, /exports\/march\.json: the answer is not the JSON of `aws cloudwatch get-metric-data`/],
    ["null", null, /the answer is not the JSON of/],
    ["an empty list of pages", [], /an empty list/],
    ["a page without MetricDataResults", [good(), { NextToken: "abc" }], /page 2 is not the JSON of/],
    ["a result that is not an object", page("Send"), /the answer, result 1 is not an object/],
    ["a result without a label or id", page({ Timestamps: [], Values: [] }), /the answer, result 1 has no Label \(or Id\)/],
    ["a value that is a string", page(result(SEND, T, [1000, "1000", 1000]), result(BOUNCE, T, [5, 4, 3])),
        /series AWS\/SES Send ses:configuration-set=main \(the answer, result 1\), point 2 \(2026-03-02T01:00:00Z\): value "1000" is not a number/],
    ["a value \"NaN\" as text", page(result(SEND, T, [1000, 1000, "NaN"])), /point 3 \(2026-03-02T00:00:00Z\): value "NaN" is not a number/],
    ["a null value", page(result(SEND, T, [1000, null, 1000])), /point 2 .*: value null is not a number/],
    ["a negative count", page(result(SEND, T, [1000, -5, 1000])), /point 2 .*: value -5 is not a count or rate/],
    ["a timestamp without an offset", page(result(SEND, ["2026-03-02T02:00:00", T[1], T[2]], [1, 1, 1])),
        /series AWS\/SES Send ses:configuration-set=main \(the answer, result 1\), point 1: timestamp "2026-03-02T02:00:00" is not an ISO 8601 time with an offset/],
    ["a date without a time", page(result(SEND, ["2026-03-02", T[1], T[2]], [1, 1, 1])), /point 1: timestamp "2026-03-02" is not an ISO 8601 time with an offset/],
    ["a timestamp as epoch seconds", page(result(SEND, [1772416800, T[1], T[2]], [1, 1, 1])), /point 1: timestamp 1772416800 is not an ISO 8601 time/],
    ["an impossible date", page(result(SEND, ["2026-02-31T25:00:00Z", T[1], T[2]], [1, 1, 1])), /point 1: timestamp "2026-02-31T25:00:00Z" is not a real time/],
    ["a timestamp twice in one result", page(result(SEND, [T[0], T[0], T[2]], [1, 1, 1])), /point 2: timestamp 2026-03-02T02:00:00Z repeats the point before it/],
    ["unordered timestamps", page(result(SEND, [T[1], T[0], T[2]], [1, 1, 1])), /point 3: timestamp 2026-03-02T00:00:00Z is out of order/],
    ["the same page twice", [good(), good()], /series AWS\/SES Send ses:configuration-set=main has timestamp 2026-03-02T00:00:00.000Z twice \(is a page in the file twice\?\)/],
    ["more timestamps than values", page(result(SEND, T, [1, 1])), /series AWS\/SES Send .* has 3 timestamps and 2 values/],
    ["Timestamps that are not a list", page(result(SEND, "2026-03-02T02:00:00Z" as never, [1])), /Timestamps and Values must be lists/],
    ["a failed query", page(result(SEND, [], [], { StatusCode: "Forbidden" })), /series AWS\/SES Send .* has StatusCode "Forbidden"/],
    ["an empty Send series", page(result(SEND, [], []), result(BOUNCE, T, [1, 1, 1])), /series AWS\/SES Send ses:configuration-set=main is empty/],
    ["nothing that matches the alarms", page(result("AWS/SES Open ses:configuration-set=main", T, [1, 1, 1])), /no result matched a metric of the alarms \(labels: AWS\/SES Open/],
    ["a span longer than CloudWatch keeps", page(result(SEND, ["2026-03-02T00:00:00Z", "2020-01-01T00:00:00Z"], [1, 1])), /spans 2252 days .* more than the 455 days CloudWatch keeps/],
];

describe("backtest --metrics reader", () => {
    for (const [name, json, message] of BAD) {
        it(`refuses ${name}, naming the file and where`, () => {
            assert.throws(() => read(json), (err: Error) => {
                assert.match(err.message, /^metrics file exports\/march\.json: /);
                assert.match(err.message, message);
                return true;
            });
        });
    }

    it("has at least 20 bad-input cases", () => assert.ok(BAD.length >= 20));

    it("reads a good export: ascending series, offsets converted to UTC, pages of one series merged", () => {
        const data = read([
            page(result(SEND, T, [1000, 1000, 1000]), result(BOUNCE, ["2026-03-02T03:00:00+02:00"], [7])),
            page(result(SEND, ["2026-03-02T03:00:00Z"], [900])),
        ]);
        const send = data.series.get(SEND)!;
        assert.deepStrictEqual(Array.from(send.timestamps), [0, 1, 2, 3].map((h) => Date.UTC(2026, 2, 2, h) / 1000));
        assert.deepStrictEqual(Array.from(send.values), [1000, 1000, 1000, 900]);
        // 03:00+02:00 is 01:00 UTC.
        assert.deepStrictEqual(Array.from(data.series.get(BOUNCE)!.timestamps), [Date.UTC(2026, 2, 2, 1) / 1000]);
        assert.strictEqual(data.start, Date.UTC(2026, 2, 2, 0) / 1000);
    });

    it("reads a bare metric name as the metric of the set being replayed, and lists what it ignored", () => {
        const data = read(page(result("Send", T, [1, 1, 1], { StatusCode: "Complete" }), result("AWS/SES Open ses:configuration-set=main", T, [1, 1, 1])), "main");
        assert.ok(data.series.has(metricKey({ namespace: "AWS/SES", metricName: "Send", dimensions: { "ses:configuration-set": "main" } })));
        assert.deepStrictEqual(data.unmatched, ["AWS/SES Open ses:configuration-set=main"]);
    });

    it("accepts an empty event series (no bounces in the range is no datapoint, as SES publishes)", () => {
        const data = read(page(result(SEND, T, [1, 1, 1]), result(BOUNCE, [], [])));
        assert.strictEqual(data.series.get(BOUNCE)!.timestamps.length, 0);
    });
});
