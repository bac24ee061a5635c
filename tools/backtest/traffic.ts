/**
 * A trace as CloudWatch would hold it: the SES event metrics of the configuration set the traffic
 * went through, and AWS's `Reputation.*` metrics for that set and for the account, from a stated
 * model of how AWS computes them.
 */
import { CONFIGURATION_SET_DIMENSION, EVENT_TYPES, REPUTATION_METRICS, SES_NAMESPACE } from "../../components/shared/catalog";
import { metricKey, MetricSeries } from "./evaluation";
import { HEALTHY, HOUR, MINUTE, Trace } from "./scenarios";

/**
 * Model of AWS's reputation rates. AWS computes them "over a representative volume", not a fixed
 * window, and publishes neither the volume nor the cadence (ses-cloudwatch-facts.md: unconfirmed).
 * Modelled as the share of recent sends that bounced (or drew a complaint) as far as AWS knows yet:
 * sends of a window reaching back at least `minimumWindowHours`, and far enough to hold
 * `representativeSends` messages, against the events of those sends that have arrived. An account
 * that has not sent that many in the trace is assumed to have sent the rest earlier at the healthy
 * rates. One datapoint an hour, for the hour just ended (no publication lag). With a one-day
 * minimum most complaints of the newest sends have not arrived yet (they lag by hours to days), and
 * the modelled rate of a large sender never reaches a 0.12 % creep's level: a week keeps AWS's own
 * suggested alarm able to see it (`--reputation-hours 24` shows the other case).
 */
export const REPUTATION_MODEL = {
    representativeSends: 10_000,
    minimumWindowHours: 7 * 24,
    priorRates: { bounce: HEALTHY.bounce, complaint: HEALTHY.complaint },
};

export type ReputationModel = typeof REPUTATION_MODEL;

/** Per-minute counts -> sparse raw datapoints, one per minute that had any event. */
export function minuteSeries(start: number, counts: Float64Array): MetricSeries {
    let n = 0;
    for (let i = 0; i < counts.length; i++) if (counts[i] > 0) n++;
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    let j = 0;
    for (let i = 0; i < counts.length; i++) {
        if (counts[i] > 0) {
            timestamps[j] = start + i * MINUTE;
            values[j] = counts[i];
            j++;
        }
    }
    return { timestamps, values };
}

function hourlySums(counts: Float64Array): Float64Array {
    const hours = Math.floor(counts.length / 60);
    const out = new Float64Array(hours);
    for (let i = 0; i < hours * 60; i++) out[Math.floor(i / 60)] += counts[i];
    return out;
}

/** The modelled reputation rate (a fraction) at the end of every hour of the trace. */
export function reputationSeries(trace: Trace, events: "bounce" | "complaint", model: ReputationModel = REPUTATION_MODEL): MetricSeries {
    const sends = hourlySums(trace.sends);
    const hours = sends.length;
    const cumSends = new Float64Array(hours + 1);
    for (let h = 0; h < hours; h++) cumSends[h + 1] = cumSends[h] + sends[h];

    // Events enter a Fenwick tree over their send hour once they have arrived, so "events of the
    // window's sends known by now" is a prefix-sum difference.
    const log = events === "bounce" ? trace.bounceEvents : trace.complaintEvents;
    const order = Array.from(log.arrivedMinute.keys()).sort((a, b) => log.arrivedMinute[a] - log.arrivedMinute[b]);
    const tree = new Float64Array(hours + 1);
    const add = (hour: number) => {
        for (let i = hour + 1; i <= hours; i += i & -i) tree[i] += 1;
    };
    const prefix = (hourExclusive: number) => {
        let sum = 0;
        for (let i = hourExclusive; i > 0; i -= i & -i) sum += tree[i];
        return sum;
    };

    const timestamps = new Float64Array(hours);
    const values = new Float64Array(hours);
    const prior = model.priorRates[events];
    let next = 0;
    for (let h = 0; h < hours; h++) {
        const endIndex = h + 1;
        while (next < order.length && log.arrivedMinute[order[next]] < endIndex * 60) {
            add(Math.floor(log.sentMinute[order[next]] / 60));
            next++;
        }
        let from = Math.max(0, endIndex - model.minimumWindowHours);
        if (cumSends[endIndex] - cumSends[from] < model.representativeSends) {
            // The latest start that still holds the representative volume (or the trace start).
            let lo = 0;
            let hi = from;
            while (lo < hi) {
                const mid = Math.ceil((lo + hi) / 2);
                if (cumSends[endIndex] - cumSends[mid] >= model.representativeSends) lo = mid;
                else hi = mid - 1;
            }
            from = lo;
        }
        const windowSends = cumSends[endIndex] - cumSends[from];
        const windowEvents = prefix(endIndex) - prefix(from);
        const priorSends = from === 0 ? Math.max(0, model.representativeSends - windowSends) : 0;
        timestamps[h] = trace.start + endIndex * HOUR - MINUTE;
        values[h] = (windowEvents + priorSends * prior) / (windowSends + priorSends);
    }
    return { timestamps, values };
}

/**
 * Every metric an alarm of the stack (or a baseline) may read, for traffic sent through one
 * configuration set: the set's event metrics and reputation, and the account's reputation (the
 * trace is all the account sends).
 */
export function traceMetrics(trace: Trace, configurationSet: string, model: ReputationModel = REPUTATION_MODEL): Map<string, MetricSeries> {
    const map = new Map<string, MetricSeries>();
    const setDims = { [CONFIGURATION_SET_DIMENSION]: configurationSet };
    const add = (metricName: string, dimensions: Record<string, string>, series: MetricSeries) =>
        map.set(metricKey({ namespace: SES_NAMESPACE, metricName, dimensions }), series);
    add(EVENT_TYPES.SEND, setDims, minuteSeries(trace.start, trace.sends));
    add(EVENT_TYPES.BOUNCE, setDims, minuteSeries(trace.start, trace.bounces));
    add(EVENT_TYPES.COMPLAINT, setDims, minuteSeries(trace.start, trace.complaints));
    add(EVENT_TYPES.REJECT, setDims, minuteSeries(trace.start, trace.rejects));
    const bounce = reputationSeries(trace, "bounce", model);
    const complaint = reputationSeries(trace, "complaint", model);
    for (const dims of [setDims, {}]) {
        add(REPUTATION_METRICS.bounceRate, dims, bounce);
        add(REPUTATION_METRICS.complaintRate, dims, complaint);
    }
    return map;
}
