import * as assert from "assert";
import { CloudWatchClient, MetricDatum, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { GetSendStatisticsCommand, SendDataPoint, SESClient } from "@aws-sdk/client-ses";
import { GetAccountCommand, GetAccountCommandOutput, SESv2Client } from "@aws-sdk/client-sesv2";
import { mockClient } from "aws-sdk-client-mock";
import {
    batchMetricData,
    handler,
    resetHandledEvents,
    ScheduledEvent,
    statisticsWindow,
    useClients,
} from "../components/sendingQuota/handler";
import { pollerCodeFiles } from "../components/sendingQuota/poller";

const sesv2 = mockClient(SESv2Client);
const ses = mockClient(SESClient);
const cloudwatch = mockClient(CloudWatchClient);

const STACK = "ses-monitoring-prod";
const NAMESPACE = "SesMonitoring/SendingApi";
const DIMENSIONS = [{ Name: "Stack", Value: STACK }];
const GAUGE_TIME = new Date(0); // gauges carry the read time: normalised to this before comparing

/** A scheduled event as EventBridge sends it (only the fields the handler reads matter). */
const scheduled = (time: string, id = `event-${time}`): ScheduledEvent => ({ id, time, "detail-type": "Scheduled Event" });

const HEALTHY: GetAccountCommandOutput = {
    $metadata: {},
    SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 12_500 },
    SendingEnabled: true,
    EnforcementStatus: "HEALTHY",
    ProductionAccessEnabled: true,
};

/**
 * Two weeks of points come back unordered and off the quarter hour (the SDK's own example shows
 * 22:43, 23:13, 21:13). With a 15-minute schedule the poll at 02:00 owns [01:15, 01:30).
 */
const POINTS: SendDataPoint[] = [
    { Timestamp: new Date("2026-11-29T01:43:00Z"), DeliveryAttempts: 40, Bounces: 0, Complaints: 0, Rejects: 0 },
    { Timestamp: new Date("2026-11-29T00:58:00Z"), DeliveryAttempts: 10, Bounces: 0, Complaints: 0, Rejects: 0 },
    { Timestamp: new Date("2026-11-29T01:28:00Z"), DeliveryAttempts: 120, Bounces: 3, Complaints: 1, Rejects: 2 },
    { Timestamp: new Date("2026-11-29T01:13:00Z"), DeliveryAttempts: 80, Bounces: 1, Complaints: 0, Rejects: 0 },
];

const gauge = (MetricName: string, Value: number, Unit: string): MetricDatum =>
    ({ MetricName, Timestamp: GAUGE_TIME, Value, Unit: Unit as MetricDatum["Unit"], Dimensions: DIMENSIONS });
const counts = (at: string, [attempts, bounces, complaints, rejects]: number[]): MetricDatum[] => [
    ["DeliveryAttempts", attempts], ["Bounces", bounces], ["Complaints", complaints], ["Rejects", rejects],
].map(([MetricName, Value]) => ({ MetricName: MetricName as string, Timestamp: new Date(at), Value: Value as number, Unit: "Count", Dimensions: DIMENSIONS }));

/** Every PutMetricData input so far, gauge timestamps checked to be the read time and normalised. */
function published(since: Date): { Namespace?: string; MetricData: MetricDatum[] }[] {
    return cloudwatch.commandCalls(PutMetricDataCommand).map((call) => {
        const input = call.args[0].input;
        return {
            Namespace: input.Namespace,
            MetricData: (input.MetricData ?? []).map((d) => {
                const isGauge = !["DeliveryAttempts", "Bounces", "Complaints", "Rejects"].includes(d.MetricName!);
                if (!isGauge) return d;
                assert.ok(d.Timestamp! >= since && d.Timestamp! <= new Date(), `gauge ${d.MetricName} not stamped with the read time`);
                return { ...d, Timestamp: GAUGE_TIME };
            }),
        };
    });
}

function throttling(operation: string): Error {
    const err = new Error(`Rate exceeded (${operation})`);
    err.name = "ThrottlingException";
    return err;
}

describe("sending API poller handler", () => {
    const env = { ...process.env };
    const original = { log: console.log, warn: console.warn, error: console.error };
    let started: Date;
    /** What the handler wrote to its log (CloudWatch Logs in Lambda), by stream. */
    let logged: { log: string[]; warn: string[]; error: string[] };

    beforeEach(() => {
        sesv2.reset();
        ses.reset();
        cloudwatch.reset();
        resetHandledEvents();
        useClients({
            sesv2: new SESv2Client({ region: "us-east-1" }),
            ses: new SESClient({ region: "us-east-1" }),
            cloudwatch: new CloudWatchClient({ region: "us-east-1" }),
        });
        process.env.SES_MONITORING_STACK = STACK;
        process.env.SES_MONITORING_SCHEDULE_MINUTES = "15";
        sesv2.on(GetAccountCommand).resolves(HEALTHY);
        ses.on(GetSendStatisticsCommand).resolves({ SendDataPoints: POINTS });
        cloudwatch.on(PutMetricDataCommand).resolves({});
        started = new Date();
        logged = { log: [], warn: [], error: [] };
        for (const level of ["log", "warn", "error"] as const) {
            console[level] = (...args: unknown[]) => { logged[level].push(args.map(String).join(" ")); };
        }
    });

    afterEach(() => Object.assign(console, original));

    after(() => {
        process.env = env;
        useClients(undefined);
    });

    it("healthy account: publishes the gauges and the one 15-minute point of its window, in one request", async () => {
        const result = await handler(scheduled("2026-11-29T02:00:00Z"));
        assert.deepStrictEqual(published(started), [{
            Namespace: NAMESPACE,
            MetricData: [
                gauge("QuotaUsedPercent", 25, "Percent"),
                gauge("SentLast24Hours", 12_500, "Count"),
                gauge("MaxSendRate", 14, "Count/Second"),
                gauge("SendingEnabled", 1, "None"),
                gauge("EnforcementStatus", 0, "None"),
                ...counts("2026-11-29T01:28:00Z", [120, 3, 1, 2]),
            ],
        }]);
        assert.deepStrictEqual(result, {
            window: { start: "2026-11-29T01:15:00.000Z", end: "2026-11-29T01:30:00.000Z" },
            points: 1,
            datums: 9,
            requests: 1,
        });
        assert.strictEqual(sesv2.commandCalls(GetAccountCommand).length, 1);
        assert.strictEqual(ses.commandCalls(GetSendStatisticsCommand).length, 1);
    });

    it("unlimited quota (Max24HourSend -1): no quota percentage, everything else", async () => {
        sesv2.on(GetAccountCommand).resolves({ ...HEALTHY, SendQuota: { Max24HourSend: -1, MaxSendRate: 500, SentLast24Hours: 2_000_000 } });
        await handler(scheduled("2026-11-29T02:00:00Z"));
        const [{ MetricData }] = published(started);
        assert.deepStrictEqual(MetricData.slice(0, 4), [
            gauge("SentLast24Hours", 2_000_000, "Count"),
            gauge("MaxSendRate", 500, "Count/Second"),
            gauge("SendingEnabled", 1, "None"),
            gauge("EnforcementStatus", 0, "None"),
        ]);
        assert.ok(!MetricData.some((d) => d.MetricName === "QuotaUsedPercent"));
    });

    it("probation: EnforcementStatus 1 while sending stays enabled", async () => {
        sesv2.on(GetAccountCommand).resolves({ ...HEALTHY, EnforcementStatus: "PROBATION" });
        await handler(scheduled("2026-11-29T02:00:00Z"));
        const [{ MetricData }] = published(started);
        assert.deepStrictEqual(MetricData.filter((d) => ["SendingEnabled", "EnforcementStatus"].includes(d.MetricName!)), [
            gauge("SendingEnabled", 1, "None"),
            gauge("EnforcementStatus", 1, "None"),
        ]);
    });

    it("sending paused (SHUTDOWN, SendingEnabled false): SendingEnabled 0 and EnforcementStatus 2", async () => {
        sesv2.on(GetAccountCommand).resolves({ ...HEALTHY, EnforcementStatus: "SHUTDOWN", SendingEnabled: false });
        await handler(scheduled("2026-11-29T02:00:00Z"));
        const [{ MetricData }] = published(started);
        assert.deepStrictEqual(MetricData.filter((d) => ["SendingEnabled", "EnforcementStatus"].includes(d.MetricName!)), [
            gauge("SendingEnabled", 0, "None"),
            gauge("EnforcementStatus", 2, "None"),
        ]);
    });

    it("an enforcement status it does not know is published as 3 (alarms as not healthy)", async () => {
        sesv2.on(GetAccountCommand).resolves({ ...HEALTHY, EnforcementStatus: "SOMETHING_NEW" });
        await handler(scheduled("2026-11-29T02:00:00Z"));
        assert.deepStrictEqual(published(started)[0].MetricData.find((d) => d.MetricName === "EnforcementStatus"), gauge("EnforcementStatus", 3, "None"));
        assert.deepStrictEqual(logged.warn, ['unknown EnforcementStatus "SOMETHING_NEW": published as 3']);
    });

    for (const [what, arrange] of [
        ["GetSendStatistics", () => ses.on(GetSendStatisticsCommand).rejects(throttling("GetSendStatistics"))],
        ["GetAccount", () => sesv2.on(GetAccountCommand).rejects(throttling("GetAccount"))],
    ] as const) {
        it(`throttling on ${what}: the invocation fails loudly and publishes nothing`, async () => {
            arrange();
            await assert.rejects(handler(scheduled("2026-11-29T02:00:00Z")), { name: "ThrottlingException" });
            assert.strictEqual(cloudwatch.commandCalls(PutMetricDataCommand).length, 0);
            assert.match(logged.error.join("\n"), new RegExp(`sending API poll failed: ThrottlingException: Rate exceeded \\(${what}\\)`));
        });
    }

    it("throttling on PutMetricData: the invocation fails too", async () => {
        cloudwatch.on(PutMetricDataCommand).rejects(throttling("PutMetricData"));
        await assert.rejects(handler(scheduled("2026-11-29T02:00:00Z")), { name: "ThrottlingException" });
    });

    it("the same statistics polled again and again are published once", async () => {
        // Every one of these five polls sees all four points; their windows are adjacent, so each
        // point is owned by exactly one poll.
        for (const time of ["01:30", "01:45", "02:00", "02:15", "02:30"]) {
            await handler(scheduled(`2026-11-29T${time}:00Z`));
        }
        const all = published(started).flatMap((p) => p.MetricData).filter((d) => d.Unit === "Count" && d.MetricName !== "SentLast24Hours");
        assert.deepStrictEqual(all, [
            ...counts("2026-11-29T00:58:00Z", [10, 0, 0, 0]),
            ...counts("2026-11-29T01:13:00Z", [80, 1, 0, 0]),
            ...counts("2026-11-29T01:28:00Z", [120, 3, 1, 2]),
            ...counts("2026-11-29T01:43:00Z", [40, 0, 0, 0]),
        ]);
        assert.strictEqual(ses.commandCalls(GetSendStatisticsCommand).length, 5);
    });

    it("the same event delivered twice (EventBridge is at-least-once) publishes once", async () => {
        await handler(scheduled("2026-11-29T02:00:00Z", "same-id"));
        const again = await handler(scheduled("2026-11-29T02:00:00Z", "same-id"));
        assert.strictEqual(cloudwatch.commandCalls(PutMetricDataCommand).length, 1);
        assert.match(again.skipped ?? "", /already published/);
    });

    it("a retry after a failed poll publishes the failed poll's window once, a poll started late keeps its slot", async () => {
        ses.on(GetSendStatisticsCommand).rejectsOnce(throttling("GetSendStatistics")).resolves({ SendDataPoints: POINTS });
        await assert.rejects(handler(scheduled("2026-11-29T02:00:00Z", "retried")));
        const retry = await handler(scheduled("2026-11-29T02:00:00Z", "retried"));
        assert.deepStrictEqual(retry.window, { start: "2026-11-29T01:15:00.000Z", end: "2026-11-29T01:30:00.000Z" });
        assert.strictEqual(published(started).flatMap((p) => p.MetricData).filter((d) => d.MetricName === "Bounces").length, 1);
        assert.deepStrictEqual(statisticsWindow(scheduled("2026-11-29T02:00:42Z"), 15), statisticsWindow(scheduled("2026-11-29T02:00:00Z"), 15));
    });

    it("an invocation without a scheduled time (a manual test) publishes the gauges only", async () => {
        const result = await handler({});
        assert.strictEqual(result.window, undefined);
        assert.deepStrictEqual(published(started)[0].MetricData.map((d) => d.MetricName),
            ["QuotaUsedPercent", "SentLast24Hours", "MaxSendRate", "SendingEnabled", "EnforcementStatus"]);
    });

    it("refuses to run without its configuration", async () => {
        delete process.env.SES_MONITORING_STACK;
        await assert.rejects(handler(scheduled("2026-11-29T02:00:00Z")), /SES_MONITORING_STACK is not set/);
        process.env.SES_MONITORING_STACK = STACK;
        process.env.SES_MONITORING_SCHEDULE_MINUTES = "7";
        await assert.rejects(handler(scheduled("2026-11-29T02:00:00Z")), /SES_MONITORING_SCHEDULE_MINUTES is "7"/);
    });

    it("an hourly schedule owns the hour of points before its settle time", async () => {
        process.env.SES_MONITORING_SCHEDULE_MINUTES = "60";
        const result = await handler(scheduled("2026-11-29T02:00:00Z"));
        // [00:30, 01:30): 00:58, 01:13, 01:28.
        assert.deepStrictEqual(result.window, { start: "2026-11-29T00:30:00.000Z", end: "2026-11-29T01:30:00.000Z" });
        assert.strictEqual(result.points, 3);
    });

    it("splits PutMetricData at 1,000 metrics and at the size limit", () => {
        const data = Array.from({ length: 2500 }, (_, i): MetricDatum => ({ MetricName: "Bounces", Value: i }));
        assert.deepStrictEqual(batchMetricData(data).map((b) => b.length), [1000, 1000, 500]);
        const size = JSON.stringify(data[0]).length;
        assert.deepStrictEqual(batchMetricData(data.slice(0, 10), 1000, size * 4).map((b) => b.length), [4, 4, 2]);
    });

    it("the packaged code (transpiled at deploy time) runs: index.handler, requiring only the SDK and ./metrics", async () => {
        const files = pollerCodeFiles();
        const required: string[] = [];
        const load = (file: string): Record<string, unknown> => {
            const module = { exports: {} as Record<string, unknown> };
            const requireInPackage = (id: string): unknown => {
                required.push(id);
                if (id.startsWith("./")) return load(`${id.slice(2)}.js`);
                if (!id.startsWith("@aws-sdk/")) throw new Error(`the package requires ${id}, which the Lambda runtime lacks`);
                return require(id);
            };
            new Function("exports", "require", "module", files[file])(module.exports, requireInPackage, module);
            return module.exports;
        };
        const packaged = load("index.js") as { handler: (e: ScheduledEvent) => Promise<unknown> };
        assert.deepStrictEqual([...new Set(required)].sort(), ["./metrics", "@aws-sdk/client-cloudwatch", "@aws-sdk/client-ses", "@aws-sdk/client-sesv2"]);
        // Its own lazily created clients are caught by the class-level mocks.
        await packaged.handler(scheduled("2026-11-29T02:00:00Z"));
        assert.strictEqual(published(started)[0].MetricData.length, 9);
    });
});
