/**
 * Monthly CloudWatch cost of what a stack registers, itemised. Reads the registered resources'
 * inputs (what `pulumi up` would send), so every alarm, dashboard and event destination is priced
 * from its one definition, whichever part of the module created it.
 */
import { AUTO_PAUSE_ENV, CANARY_ENV, sendingQuota } from "../../components";
import type { RegisteredResource } from "../pulumiMocks";

const { POLLER_ENV, SENDING_API_METRICS } = sendingQuota;

/**
 * CloudWatch prices, us-east-1, USD per month. Source: Amazon CloudWatch pricing page
 * (aws.amazon.com/cloudwatch/pricing), as recorded in the project's reference notes, checked
 * 2026-11. Other regions differ by a few percent.
 */
export const PRICES = {
    source: "Amazon CloudWatch pricing, us-east-1 (aws.amazon.com/cloudwatch/pricing), checked 2026-11",
    /** Standard-resolution alarm, per metric it reads (a math alarm on Send and Bounce reads 2). */
    alarmMetric: 0.10,
    /** High-resolution (period < 60 s) alarm, per metric. */
    highResolutionAlarmMetric: 0.30,
    compositeAlarm: 0.50,
    dashboard: 3.00,
    /** Custom metrics, tiered by the account's count: first 10,000, next 240,000, next 750,000, over 1,000,000. */
    customMetricTiers: [
        { upTo: 10_000, price: 0.30 },
        { upTo: 250_000, price: 0.10 },
        { upTo: 1_000_000, price: 0.05 },
        { upTo: Infinity, price: 0.02 },
    ],
    /**
     * SES Virtual Deliverability Manager subscription, per account and region, on SES's à la carte
     * pricing (the Pro and Enterprise plans include it). Unconfirmed: read from a third-party
     * extraction of the AWS Price List API (AmazonSES, us-east-1, published 2026-07-22, usage type
     * USE1-Subscription-VirtDelivMgr); AWS's pricing page (aws.amazon.com/ses/pricing) could not be
     * read here. Check it before turning VDM on.
     */
    vdmSubscription: 1250.00,
    /**
     * SES outbound messages: $0.10 per 1,000 (Amazon SES pricing, aws.amazon.com/ses/pricing).
     * Mail to the mailbox simulator is billed like any other (SES Developer Guide, "Using the
     * mailbox simulator manually"). Only the canary's messages are priced: a stack's own mail is not
     * the monitoring's cost.
     */
    sesMessage: 0.0001,
    /**
     * Lambda, us-east-1: $0.20 per million requests, $0.0000133334 per GB-second on arm64 (first tier).
     * AWS Lambda pricing (aws.amazon.com/lambda/pricing); read here from third-party copies of that
     * page, not from AWS's own. Lambda's free tier (1 million requests, 400,000 GB-seconds a month)
     * is not taken off.
     */
    lambdaRequest: 0.0000002,
    lambdaArmGbSecond: 0.0000133334,
    /** Billed duration assumed per canary run (two SendEmail calls; a cold start included). */
    canaryRunSeconds: 1,
    /** Billed duration assumed per sending API poll (two SES reads, one PutMetricData): about a second (monitoring-methods.md). */
    pollerRunSeconds: 1,
    /** CloudWatch API requests other than GetMetricData and the like (PutMetricData): $0.01 per 1,000 (same CloudWatch pricing page). */
    apiRequest: 0.00001,
    /** Hours in the month the plan prices by (AWS's pricing examples use 730). */
    hoursPerMonth: 730,
    /** Always free, per account: 10 alarm metrics, 10 custom metrics, 3 dashboards (of up to 50 metrics). */
    freeTier: { alarmMetrics: 10, customMetrics: 10, dashboards: 3, metricsPerFreeDashboard: 50 },
} as const;

export interface CostItem {
    item: string;
    quantity: number;
    unitUsd: number;
    monthlyUsd: number;
    note?: string;
}

export interface CostEstimate {
    /** Monthly estimate before the free tier (which the account may already spend elsewhere). */
    totalUsd: number;
    items: CostItem[];
    /** What the always-free tier would take off, if nothing else in the account uses it. */
    freeTier: { alarmMetrics: number; customMetrics: number; dashboards: number; savingUsd: number; totalAfterFreeTierUsd: number };
    /** Parts billed by usage, not by count (no figure without traffic). */
    usagePriced: string[];
    prices: string;
}

const round = (usd: number) => Math.round(usd * 100) / 100;

/** Tiered custom-metric price for `count` metrics (the stack's own, as if alone in the account). */
export function customMetricsUsd(count: number): number {
    let remaining = count;
    let floor = 0;
    let usd = 0;
    for (const tier of PRICES.customMetricTiers) {
        const inTier = Math.max(0, Math.min(remaining, tier.upTo - floor));
        usd += inTier * tier.price;
        remaining -= inTier;
        floor = tier.upTo;
        if (remaining <= 0) break;
    }
    return usd;
}

/**
 * Metrics an alarm is billed for: each `metricQueries` entry with a metric, or the single metric;
 * an anomaly detection alarm (`thresholdMetricId`) is billed as 3 per metric: the metric and the
 * band's upper and lower bounds (CloudWatch pricing).
 */
export function alarmMetrics(inputs: Record<string, any>): number {
    const metrics = Array.isArray(inputs.metricQueries) ? inputs.metricQueries.filter((q: any) => q && q.metric).length : 1;
    return inputs.thresholdMetricId ? 3 * metrics : metrics;
}

function isHighResolution(inputs: Record<string, any>): boolean {
    const periods: number[] = Array.isArray(inputs.metricQueries)
        ? inputs.metricQueries.filter((q: any) => q?.metric).map((q: any) => q.metric.period)
        : [inputs.period];
    return periods.some((p) => typeof p === "number" && p < 60);
}

/**
 * Custom metrics an SES CloudWatch event destination can publish: one per event type and
 * combination of dimension values. Each dimension is counted with its default value only; every
 * further distinct value (campaign, sender...) adds as many metrics again, so with extra dimensions
 * this is a floor; on the other hand they are billed only for the hours an event of that type is
 * published.
 */
function destinationMetrics(inputs: Record<string, any>): number {
    const destination = inputs.eventDestination;
    if (!destination?.cloudWatchDestination || destination.enabled === false) return 0;
    return Array.isArray(destination.matchingEventTypes) ? destination.matchingEventTypes.length : 0;
}

/** Metrics in a dashboard body: each metric a widget reads (expressions are free, their inputs count). */
export function dashboardMetrics(body: unknown): number {
    let parsed: any = body;
    if (typeof body === "string") {
        try {
            parsed = JSON.parse(body);
        } catch {
            return 0;
        }
    }
    const widgets: any[] = Array.isArray(parsed?.widgets) ? parsed.widgets : [];
    return widgets.reduce((n, w) => {
        const metrics: any[] = Array.isArray(w?.properties?.metrics) ? w.properties.metrics : [];
        return n + metrics.filter((m) => Array.isArray(m) && typeof m[0] === "string").length;
    }, 0);
}

/**
 * Custom metrics that no resource input shows: the sending API poller publishes its own, one
 * series per metric for its stack (recognised by the environment the component gives it).
 */
function pollerMetrics(resources: RegisteredResource[]): number {
    return functionsWith(resources, POLLER_ENV.stack).length * Object.keys(SENDING_API_METRICS).length;
}

/** A scheduled function's requests and GB-seconds a month: `runs` runs of `seconds` each. */
function lambdaRunItems(label: string, fn: RegisteredResource, runs: number, seconds: number): CostItem[] {
    const memory = fn.inputs.memorySize ?? 128;
    const gbSeconds = runs * (memory / 1024) * seconds;
    return [
        { item: `${label}: Lambda requests (one per run)`, quantity: runs, unitUsd: PRICES.lambdaRequest, monthlyUsd: runs * PRICES.lambdaRequest,
            note: "Lambda's free tier (1 million requests a month) not taken off" },
        { item: `${label}: Lambda GB-seconds (${memory} MB, ${seconds} s per run assumed)`, quantity: gbSeconds, unitUsd: PRICES.lambdaArmGbSecond, monthlyUsd: gbSeconds * PRICES.lambdaArmGbSecond },
    ];
}

const functionsWith = (resources: RegisteredResource[], variable: string) =>
    resources.filter((r) => r.type === "aws:lambda/function:Function" && r.inputs.environment?.variables?.[variable] !== undefined);

/**
 * The other functions' runs: the sending API poller's, on its schedule (and its one PutMetricData
 * each); auto-pause's, only when a
 * critical alarm of its set fires, so nothing a month unless an incident happens.
 */
function otherLambdaItems(resources: RegisteredResource[]): CostItem[] {
    const items: CostItem[] = [];
    for (const fn of functionsWith(resources, POLLER_ENV.stack)) {
        const minutes = Number(fn.inputs.environment.variables[POLLER_ENV.scheduleMinutes]);
        const runs = Math.round((PRICES.hoursPerMonth * 60) / minutes);
        const label = `sending API poller (a run every ${minutes} min)`;
        items.push(...lambdaRunItems(label, fn, runs, PRICES.pollerRunSeconds),
            { item: `${label}: PutMetricData requests (one per run)`, quantity: runs, unitUsd: PRICES.apiRequest, monthlyUsd: runs * PRICES.apiRequest });
    }
    for (const fn of functionsWith(resources, AUTO_PAUSE_ENV.configurationSet)) {
        items.push({ item: `auto-pause of ${fn.inputs.environment.variables[AUTO_PAUSE_ENV.configurationSet]}: Lambda requests`, quantity: 0, unitUsd: PRICES.lambdaRequest, monthlyUsd: 0,
            note: "runs only when a critical alarm of its set fires: one request per alarm, nothing in a month without one" });
    }
    return items;
}

/** The canary's usage and alarms, priced from its function's environment (its schedule and recipients). */
function canaryItems(resources: RegisteredResource[], alarms: RegisteredResource[]): { items: CostItem[]; alarmMetrics: number; eventMetrics: number } {
    const items: CostItem[] = [];
    let canaryAlarmMetrics = 0;
    let canaryEventMetrics = 0;
    for (const fn of functionsWith(resources, CANARY_ENV.configurationSet)) {
        const env = fn.inputs.environment.variables;
        const set = env[CANARY_ENV.configurationSet];
        const minutes = Number(env[CANARY_ENV.scheduleMinutes]);
        const perRun = String(env[CANARY_ENV.recipients] ?? "").split(",").filter((r) => r !== "").length;
        const runs = Math.round((PRICES.hoursPerMonth * 60) / minutes);
        const own = alarms.filter((a) => Array.isArray(a.inputs.metricQueries)
            && a.inputs.metricQueries.some((q: any) => q?.metric?.dimensions?.["ses:configuration-set"] === set));
        const metrics = own.reduce((n, a) => n + alarmMetrics(a.inputs), 0);
        canaryAlarmMetrics += metrics;
        // Its set's destination publishes by ses:configuration-set with the set's name as the default value.
        const events = resources.filter((r) => r.type === "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination"
            && r.inputs.eventDestination?.cloudWatchDestination?.dimensionConfigurations?.some((d: any) => d?.defaultDimensionValue === set))
            .reduce((n, d) => n + destinationMetrics(d.inputs), 0);
        canaryEventMetrics += events;
        items.push(
            { item: `canary: SES messages to the mailbox simulator (${perRun} per run, a run every ${minutes} min)`, quantity: runs * perRun, unitUsd: PRICES.sesMessage, monthlyUsd: runs * perRun * PRICES.sesMessage },
            ...lambdaRunItems("canary", fn, runs, PRICES.canaryRunSeconds),
            { item: `canary: "monitoring blind" alarm metrics (${own.length} alarms)`, quantity: metrics, unitUsd: PRICES.alarmMetric, monthlyUsd: metrics * PRICES.alarmMetric },
            { item: "canary: custom metrics from its set's event destination (event types)", quantity: events, unitUsd: PRICES.customMetricTiers[0].price, monthlyUsd: events * PRICES.customMetricTiers[0].price,
                note: "COMPLAINT is published but never happens: billed only for hours with events" },
        );
    }
    return { items, alarmMetrics: canaryAlarmMetrics, eventMetrics: canaryEventMetrics };
}

export function estimateCost(resources: RegisteredResource[]): CostEstimate {
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    const extraCustomMetrics = [{ item: "custom metrics from the sending API poller", count: pollerMetrics(resources) }].filter((m) => m.count > 0);
    const alarms = ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
    const canary = canaryItems(resources, alarms);
    // The canary's alarms have their own line; every other alarm metric is on the first.
    const allStandardMetrics = alarms.filter((a) => !isHighResolution(a.inputs)).reduce((n, a) => n + alarmMetrics(a.inputs), 0);
    const standardMetrics = allStandardMetrics - canary.alarmMetrics;
    const highResMetrics = alarms.filter((a) => isHighResolution(a.inputs)).reduce((n, a) => n + alarmMetrics(a.inputs), 0);
    const composites = ofType("aws:cloudwatch/compositeAlarm:CompositeAlarm").length;
    const dashboardResources = ofType("aws:cloudwatch/dashboard:Dashboard");
    const dashboards = dashboardResources.length;
    // The free tier covers dashboards of up to 50 metrics only.
    const smallDashboards = dashboardResources.filter((d) => dashboardMetrics(d.inputs.dashboardBody) <= PRICES.freeTier.metricsPerFreeDashboard).length;
    const allEventMetrics = ofType("aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination")
        .reduce((n, d) => n + destinationMetrics(d.inputs), 0);
    const customMetrics = allEventMetrics + extraCustomMetrics.reduce((n, m) => n + m.count, 0);
    const eventMetrics = allEventMetrics - canary.eventMetrics;

    const items: CostItem[] = [
        { item: "alarm metrics (standard resolution)", quantity: standardMetrics, unitUsd: PRICES.alarmMetric, monthlyUsd: standardMetrics * PRICES.alarmMetric,
            note: `${alarms.length} metric alarms; a math alarm is billed per metric it reads, an anomaly detection alarm 3 per metric${canary.alarmMetrics > 0 ? "; the canary's on their own line" : ""}` },
    ];
    if (highResMetrics > 0) {
        items.push({ item: "alarm metrics (high resolution)", quantity: highResMetrics, unitUsd: PRICES.highResolutionAlarmMetric, monthlyUsd: highResMetrics * PRICES.highResolutionAlarmMetric });
    }
    items.push(
        { item: "composite alarms", quantity: composites, unitUsd: PRICES.compositeAlarm, monthlyUsd: composites * PRICES.compositeAlarm },
        { item: "dashboards", quantity: dashboards, unitUsd: PRICES.dashboard, monthlyUsd: dashboards * PRICES.dashboard },
        { item: "custom metrics from SES event destinations (one value per dimension)", quantity: eventMetrics, unitUsd: PRICES.customMetricTiers[0].price,
            monthlyUsd: customMetricsUsd(eventMetrics), note: "event types x dimension values; billed only for hours with events; each extra tag value adds as many again" },
    );
    const vdm = ofType("aws:sesv2/accountVdmAttributes:AccountVdmAttributes").filter((r) => r.inputs.vdmEnabled === "ENABLED").length;
    if (vdm > 0) {
        items.push({ item: "SES Virtual Deliverability Manager (à la carte)", quantity: vdm, unitUsd: PRICES.vdmSubscription, monthlyUsd: vdm * PRICES.vdmSubscription,
            note: "unconfirmed price: check aws.amazon.com/ses/pricing; included in SES's Pro and Enterprise plans" });
    }
    items.push(...canary.items, ...otherLambdaItems(resources));
    for (const extra of extraCustomMetrics) {
        items.push({ item: extra.item, quantity: extra.count, unitUsd: PRICES.customMetricTiers[0].price, monthlyUsd: customMetricsUsd(customMetrics) - customMetricsUsd(customMetrics - extra.count) });
    }
    for (const item of items) item.monthlyUsd = round(item.monthlyUsd);
    const totalUsd = round(items.reduce((sum, i) => sum + i.monthlyUsd, 0));

    const free = PRICES.freeTier;
    const freeAlarmMetrics = Math.min(free.alarmMetrics, allStandardMetrics);
    const freeCustomMetrics = Math.min(free.customMetrics, customMetrics);
    const freeDashboards = Math.min(free.dashboards, smallDashboards);
    const savingUsd = round(freeAlarmMetrics * PRICES.alarmMetric + freeCustomMetrics * PRICES.customMetricTiers[0].price + freeDashboards * PRICES.dashboard);

    const usagePriced: string[] = [];
    if (resources.some((r) => r.type.startsWith("aws:kinesis/firehose"))) usagePriced.push("Kinesis Data Firehose: per GB ingested");
    if (resources.some((r) => r.type.startsWith("aws:s3/"))) usagePriced.push("S3: per GB stored and per request");
    if (resources.some((r) => r.type.startsWith("aws:athena/"))) usagePriced.push("Athena: per TB scanned");
    if (resources.some((r) => r.type === "aws:cloudwatch/logGroup:LogGroup")) usagePriced.push("CloudWatch Logs: per GB the functions log (a few lines a run)");
    if (resources.some((r) => r.type.startsWith("aws:sns/"))) usagePriced.push("SNS: per notification delivered (alarm volume is tiny)");

    return {
        totalUsd,
        items,
        freeTier: { alarmMetrics: freeAlarmMetrics, customMetrics: freeCustomMetrics, dashboards: freeDashboards, savingUsd, totalAfterFreeTierUsd: round(Math.max(0, totalUsd - savingUsd)) },
        usagePriced,
        prices: PRICES.source,
    };
}
