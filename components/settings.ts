/**
 * Turns `SesMonitoringArgs` into fully resolved settings: defaults applied, every field checked.
 * Pure (no Pulumi resources): the component, the specs and the offline tools all start here, so an
 * invalid input fails once, with every problem named, before anything is registered.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    ALL_EVENT_TYPES,
    AWS_ENFORCEMENT,
    DIMENSION_VALUE_SOURCES,
    EventType,
    LIMITS,
    RATE_EVENT,
    RATE_METRICS,
    RateMetric,
    SES_AUTO_TAG_DIMENSIONS,
} from "./shared/catalog";
import { Checker, SesMonitoringArgsError, EMAIL } from "./shared/checker";
import { checkEventArchiveSets, EventArchiveSettings, resolveEventArchive } from "./eventArchive";
import { EventBridgeDestinationSettings, resolveEventBridgeDestination, resolveEventTypes, resolveSnsDestination, SnsDestinationSettings } from "./eventDestinations";
import { IdentityFeedbackSettings, resolveIdentities } from "./feedbackNotifications";
import { resolveSendingQuota, SendingQuotaSettings } from "./sendingQuota/settings";

export { ArgsIssue, Checker, describeValue, EMAIL, SesMonitoringArgsError, SNS_TOPIC_ARN } from "./shared/checker";

export interface RateAlarmSettingsResolved {
    enabled: boolean;
    warningPercent: number;
    criticalPercent: number;
    minimumSends: number;
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    /** The second critical alarm over short periods (see `FastWindowSettings`). */
    fastWindow: FastWindowSettingsResolved;
}

export interface FastWindowSettingsResolved {
    enabled: boolean;
    periodSeconds: number;
    minimumSends: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
}

export type ReputationAlarmSettingsResolved = Omit<RateAlarmSettingsResolved, "minimumSends" | "fastWindow">;

/** An M-of-N evaluation window: what every alarm, main or fast, is evaluated over. */
type EvaluationWindow = Pick<RateAlarmSettingsResolved, "periodSeconds" | "evaluationPeriods" | "datapointsToAlarm">;

export interface DimensionSettings {
    name: string;
    source: string;
    defaultValue: string;
}

export interface ConfigurationSetSettings {
    name: string;
    manage: boolean;
    eventTypes: EventType[];
    tlsRequired: boolean;
    suppressBouncesAndComplaints: boolean;
    reputationMetrics: boolean;
    dimensions: DimensionSettings[];
    alarms: Record<RateMetric, RateAlarmSettingsResolved>;
    snsDestination: SnsDestinationSettings;
    eventBridgeDestination: EventBridgeDestinationSettings;
}

export interface NotificationSettings {
    emails: string[];
    httpsEndpoints: string[];
    warningTopicArn?: pulumi.Input<string>;
    criticalTopicArn?: pulumi.Input<string>;
}

export interface MonitoringSettings {
    namePrefix: string;
    /** Sorted by name, so nothing downstream depends on the order of the args. */
    configurationSets: ConfigurationSetSettings[];
    /** Stack-level alarm settings (defaults merged with `args.alarms`). */
    alarms: Record<RateMetric, RateAlarmSettingsResolved>;
    accountReputation: {
        enabled: boolean;
        bounceRate: ReputationAlarmSettingsResolved;
        complaintRate: ReputationAlarmSettingsResolved;
    };
    notifications: NotificationSettings;
    tags: Record<string, string>;
    dashboard: DashboardSettings;
    sendingAtRisk: SendingAtRiskSettings;
    sendingQuota: SendingQuotaSettings;
    eventArchive: EventArchiveSettings;
    /** Sorted by identity. */
    identities: IdentityFeedbackSettings[];
}

export interface DashboardSettings {
    enabled: boolean;
    /** Undefined: `<namePrefix>-<region>-ses`, known only once the region is. */
    name?: string;
}

export interface SendingAtRiskSettings {
    enabled: boolean;
    notify: boolean;
}

/**
 * Alarm defaults (DESIGN.md, "Alarm semantics"), tuned by the backtest on seeds 1-10 of its
 * synthetic traffic with alarms evaluated as deployed, every minute on sliding windows
 * (docs/backtest.md has the evidence and the held-out results on seeds 11-30).
 * - Bounce: 30-minute periods, 4 of 4, guard 1,500 sends, 3 % / 4.5 %. Bounces arrive by event
 *   time, hours after their send for late and soft bounces, so an hour of few sends after a busy
 *   one (nights, the evening after a campaign) reaches 3-5 % on healthy traffic; hourly 2 of 3 at
 *   2 % with a 500 guard fired 44 times a month at 100,000 sends a day. Two hours above 3 % in
 *   four sliding half-hours, with 1,500 sends each, did not fire on healthy, quiet-weekend or
 *   batch traffic of the tuning seeds at 100,000 a day and fired once at 1,000,000.
 * - Complaint: daily periods, 2 of 2, guard 20,000, warning 0.08 %, critical 0.09 %: at 0.07 %
 *   a batch sender of 1,000,000 a day (its day's mail in one hour) drew 4 false warnings in ten
 *   seeds; the reputation alarms share the tiers.
 * - Fast window: the critical tier on 5-minute periods for bounce (3 of 3, guard 2,000: a
 *   one-hour bunch of soft bounces over a quiet evening fired the 2-of-2, 300-send window 157
 *   times in ten seeds at 1,000,000 a day) and reject (2 of 2, guard 300: rejects are immediate,
 *   never late). Off for complaints: they arrive hours to days after the send.
 */
const FAST_WINDOW_ON: FastWindowSettingsResolved = { enabled: true, periodSeconds: 300, minimumSends: 300, evaluationPeriods: 2, datapointsToAlarm: 2 };

export const DEFAULT_RATE_ALARMS: Record<RateMetric, RateAlarmSettingsResolved> = {
    bounceRate: {
        enabled: true, warningPercent: 3, criticalPercent: 4.5, minimumSends: 1500,
        periodSeconds: 1800, evaluationPeriods: 4, datapointsToAlarm: 4,
        fastWindow: { ...FAST_WINDOW_ON, minimumSends: 2000, evaluationPeriods: 3, datapointsToAlarm: 3 },
    },
    complaintRate: {
        enabled: true, warningPercent: 0.08, criticalPercent: 0.09, minimumSends: 20_000,
        periodSeconds: 86_400, evaluationPeriods: 2, datapointsToAlarm: 2,
        fastWindow: { ...FAST_WINDOW_ON, enabled: false },
    },
    rejectRate: {
        enabled: true, warningPercent: 1, criticalPercent: 5, minimumSends: 500,
        periodSeconds: 3600, evaluationPeriods: 1, datapointsToAlarm: 1,
        fastWindow: { ...FAST_WINDOW_ON },
    },
};

/**
 * Reputation metrics move slowly (AWS computes them over a representative volume, not a window),
 * so one hourly datapoint is enough; thresholds default to the matching rate alarm's tiers.
 */
export const DEFAULT_REPUTATION_EVALUATION = { periodSeconds: 3600, evaluationPeriods: 1, datapointsToAlarm: 1 };

const RATE_FIELDS = ["enabled", "warningPercent", "criticalPercent", "minimumSends", "periodSeconds", "evaluationPeriods", "datapointsToAlarm", "fastWindow"];
const REPUTATION_FIELDS = RATE_FIELDS.filter((f) => f !== "minimumSends" && f !== "fastWindow");
const FAST_WINDOW_FIELDS = ["enabled", "periodSeconds", "minimumSends", "evaluationPeriods", "datapointsToAlarm"];

const NAME_PREFIX = /^[A-Za-z0-9_-]{1,100}$/;
const DIMENSION_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const DIMENSION_VALUE = /^[A-Za-z0-9_.@-]{1,255}$/;
/** PutDashboard: DashboardName is 1-255 of [A-Za-z0-9_-] (CloudWatch API reference). */
export const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;

export interface ResolveContext {
    /** Pulumi project and stack, for the default name prefix. */
    project: string;
    stack: string;
}

/** Cleans a name to `[A-Za-z0-9_-]` (Pulumi project and stack names may hold `.`). */
export function cleanName(name: string): string {
    return name.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
}

/**
 * Applies defaults and checks every field. Throws one `SesMonitoringArgsError` that lists each
 * problem as `<field path>: <value> <rule>`.
 */
export function resolveSettings(args: unknown, context: ResolveContext): MonitoringSettings {
    const check = new Checker();
    const root = check.object("args", args, ["configurationSets", "alarms", "accountReputation", "notifications", "namePrefix", "tags", "dashboard", "sendingAtRisk", "sendingQuota", "eventArchive", "identities"]);
    if (args === undefined || args === null) check.fail("args", args, "is required");
    const top = root ?? {};

    const namePrefix = top.namePrefix === undefined
        ? cleanName(`${context.project}-${context.stack}`).slice(0, 100)
        : check.string("namePrefix", top.namePrefix, NAME_PREFIX, "is not 1-100 of [A-Za-z0-9_-]") ?? "invalid";

    const stackAlarms = resolveAlarmSettings(check, "alarms", top.alarms, DEFAULT_RATE_ALARMS);

    const sets: ConfigurationSetSettings[] = [];
    if (top.configurationSets === undefined || top.configurationSets === null) {
        check.fail("configurationSets", top.configurationSets, "is required (a map keyed by configuration set name)");
    } else if (typeof top.configurationSets !== "object" || Array.isArray(top.configurationSets)) {
        check.fail("configurationSets", top.configurationSets, "is not a map keyed by configuration set name");
    } else {
        const entries = Object.entries(top.configurationSets as Record<string, unknown>);
        for (const [name, value] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
            sets.push(resolveConfigurationSet(check, name, value, stackAlarms));
        }
    }

    const reputation = check.object("accountReputation", top.accountReputation, ["enabled", "bounceRate", "complaintRate"]) ?? {};
    const accountReputation = {
        enabled: check.boolean("accountReputation.enabled", reputation.enabled, true),
        bounceRate: resolveReputation(check, "accountReputation.bounceRate", reputation.bounceRate, "bounceRate", stackAlarms.bounceRate),
        complaintRate: resolveReputation(check, "accountReputation.complaintRate", reputation.complaintRate, "complaintRate", stackAlarms.complaintRate),
    };

    const notifications = resolveNotifications(check, top.notifications);
    const tags = resolveTags(check, top.tags);

    const dashboardRaw = check.object("dashboard", top.dashboard, ["enabled", "name"]) ?? {};
    const dashboard: DashboardSettings = {
        enabled: check.boolean("dashboard.enabled", dashboardRaw.enabled, true),
        name: check.string("dashboard.name", dashboardRaw.name, DASHBOARD_NAME, "is not a dashboard name (1-255 of [A-Za-z0-9_-])"),
    };
    const atRiskRaw = check.object("sendingAtRisk", top.sendingAtRisk, ["enabled", "notify"]) ?? {};
    const sendingAtRisk: SendingAtRiskSettings = {
        enabled: check.boolean("sendingAtRisk.enabled", atRiskRaw.enabled, true),
        notify: check.boolean("sendingAtRisk.notify", atRiskRaw.notify, true),
    };

    const sendingQuota = resolveSendingQuota(check, "sendingQuota", top.sendingQuota);
    const eventArchive = resolveEventArchive(check, "eventArchive", top.eventArchive);
    checkEventArchiveSets(check, "eventArchive", eventArchive, sets.map((s) => s.name));
    const identities = resolveIdentities(check, "identities", top.identities);

    if (check.issues.length > 0) throw new SesMonitoringArgsError(check.issues);
    return { namePrefix, configurationSets: sets, alarms: stackAlarms, accountReputation, notifications, tags, dashboard, sendingAtRisk, sendingQuota, eventArchive, identities };
}

function resolveConfigurationSet(
    check: Checker,
    name: string,
    value: unknown,
    stackAlarms: Record<RateMetric, RateAlarmSettingsResolved>,
): ConfigurationSetSettings {
    const path = `configurationSets.${name}`;
    if (!LIMITS.configurationSetName.test(name)) {
        check.fail(path, name, "is not a valid configuration set name (1-64 of [A-Za-z0-9_-])");
    }
    const set = check.object(path, value, [
        "manage", "eventTypes", "tlsRequired", "suppressBouncesAndComplaints", "reputationMetrics", "dimensions", "alarms", "snsDestination", "eventBridgeDestination",
    ]) ?? {};

    const eventTypes = resolveEventTypes(check, `${path}.eventTypes`, set.eventTypes, ALL_EVENT_TYPES);

    const alarms = resolveAlarmSettings(check, `${path}.alarms`, set.alarms, stackAlarms);
    if (Array.isArray(set.eventTypes)) {
        const readers = new Map<EventType, string[]>();
        for (const metric of RATE_METRICS.filter((m) => alarms[m].enabled)) {
            for (const event of ["SEND", RATE_EVENT[metric]] as EventType[]) {
                readers.set(event, [...(readers.get(event) ?? []), `alarms.${metric}`]);
            }
        }
        for (const [event, metrics] of readers) {
            if (!eventTypes.includes(event)) {
                check.fail(`${path}.eventTypes`, set.eventTypes, `lacks ${event}, which ${metrics.join(", ")} read${metrics.length === 1 ? "s" : ""} (add it, or disable the alarm)`);
            }
        }
    }

    const dimensions: DimensionSettings[] = [];
    const givenDimensions = check.array(`${path}.dimensions`, set.dimensions);
    if (givenDimensions.length > LIMITS.dimensionsPerCloudWatchDestination) {
        check.fail(`${path}.dimensions`, `${givenDimensions.length} dimensions`, `exceed the ${LIMITS.dimensionsPerCloudWatchDestination} a CloudWatch event destination allows`);
    }
    givenDimensions.forEach((raw, i) => {
        const dpath = `${path}.dimensions[${i}]`;
        const dim = check.object(dpath, raw, ["name", "source", "defaultValue"]);
        if (!dim) {
            if (raw === undefined || raw === null) check.fail(dpath, raw, "is not an object");
            return;
        }
        const dimName = typeof dim.name === "string" && (SES_AUTO_TAG_DIMENSIONS as readonly string[]).includes(dim.name)
            ? dim.name
            : check.string(`${dpath}.name`, dim.name, DIMENSION_NAME, "is not a dimension name (1-255 of [A-Za-z0-9_-], or an ses: auto-tag)");
        if (dim.name === undefined) check.fail(`${dpath}.name`, dim.name, "is required");
        const source = dim.source === undefined ? "MESSAGE_TAG" : check.string(`${dpath}.source`, dim.source,
            new RegExp(`^(${DIMENSION_VALUE_SOURCES.join("|")})$`), `is not one of ${DIMENSION_VALUE_SOURCES.join(", ")}`);
        const defaultValue = check.string(`${dpath}.defaultValue`, dim.defaultValue, DIMENSION_VALUE, "is not a default dimension value (1-255 of [A-Za-z0-9_.@-])");
        if (dim.defaultValue === undefined) check.fail(`${dpath}.defaultValue`, dim.defaultValue, "is required");
        if (dimName !== undefined && dimensions.some((d) => d.name === dimName)) {
            check.fail(`${dpath}.name`, dimName, "is listed twice");
        } else if (dimName !== undefined && source !== undefined && defaultValue !== undefined) {
            dimensions.push({ name: dimName, source, defaultValue });
        }
    });

    const manage = check.boolean(`${path}.manage`, set.manage, true);
    return {
        name,
        manage,
        eventTypes,
        tlsRequired: check.boolean(`${path}.tlsRequired`, set.tlsRequired, true),
        suppressBouncesAndComplaints: check.boolean(`${path}.suppressBouncesAndComplaints`, set.suppressBouncesAndComplaints, true),
        // A set this stack does not manage may not publish reputation metrics: alarming on metrics
        // that never come would sit in INSUFFICIENT_DATA, so the user has to say they exist.
        reputationMetrics: check.boolean(`${path}.reputationMetrics`, set.reputationMetrics, manage),
        dimensions,
        alarms,
        snsDestination: resolveSnsDestination(check, `${path}.snsDestination`, set.snsDestination),
        eventBridgeDestination: resolveEventBridgeDestination(check, `${path}.eventBridgeDestination`, set.eventBridgeDestination),
    };
}

function resolveAlarmSettings(
    check: Checker,
    path: string,
    value: unknown,
    base: Record<RateMetric, RateAlarmSettingsResolved>,
): Record<RateMetric, RateAlarmSettingsResolved> {
    const given = check.object(path, value, [...RATE_METRICS]) ?? {};
    const out = {} as Record<RateMetric, RateAlarmSettingsResolved>;
    for (const metric of RATE_METRICS) {
        const mpath = `${path}.${metric}`;
        const raw = check.object(mpath, given[metric], RATE_FIELDS) ?? {};
        const b = base[metric];
        const main = resolveEvaluation(check, mpath, raw, b);
        const settings: RateAlarmSettingsResolved = {
            ...main,
            minimumSends: check.number(`${mpath}.minimumSends`, raw.minimumSends, b.minimumSends, { integer: true, min: 1 }),
            fastWindow: resolveFastWindow(check, mpath, raw, main, b.fastWindow),
        };
        checkTiers(check, mpath, raw, settings, metric);
        out[metric] = settings;
    }
    return out;
}

/**
 * The fast window, merged field by field over the level above (`base`) like the rest. Checked by
 * the same window rules as the main alarm, and it must be shorter than the main period, or it
 * would be a second copy of the critical alarm.
 */
function resolveFastWindow(
    check: Checker,
    ratePath: string,
    rate: Record<string, unknown>,
    main: EvaluationWindow,
    base: FastWindowSettingsResolved,
): FastWindowSettingsResolved {
    const path = `${ratePath}.fastWindow`;
    const raw = check.object(path, rate.fastWindow, FAST_WINDOW_FIELDS) ?? {};
    const fast: FastWindowSettingsResolved = {
        enabled: check.boolean(`${path}.enabled`, raw.enabled, base.enabled),
        ...resolveWindow(check, path, raw, base),
        minimumSends: check.number(`${path}.minimumSends`, raw.minimumSends, base.minimumSends, { integer: true, min: 1 }),
    };
    // Only where this level sets one of the two periods or turns the window on: an inherited
    // combination was reported where it was set.
    const fastPeriodSet = raw.periodSeconds !== undefined;
    const mainPeriodSet = rate.periodSeconds !== undefined;
    if (fast.enabled && fast.periodSeconds >= main.periodSeconds && (fastPeriodSet || mainPeriodSet || raw.enabled === true)) {
        const [field, value] = fastPeriodSet || !mainPeriodSet ? [`${path}.periodSeconds`, fast.periodSeconds] : [`${ratePath}.periodSeconds`, main.periodSeconds];
        check.fail(field, value, `leaves the fast window's periodSeconds (${fast.periodSeconds}) not shorter than the alarm's periodSeconds (${main.periodSeconds}): shorten fastWindow.periodSeconds or set fastWindow.enabled: false`);
    }
    return fast;
}

function resolveReputation(
    check: Checker,
    path: string,
    value: unknown,
    metric: "bounceRate" | "complaintRate",
    rate: RateAlarmSettingsResolved,
): ReputationAlarmSettingsResolved {
    const raw = check.object(path, value, REPUTATION_FIELDS) ?? {};
    const base = { ...rate, ...DEFAULT_REPUTATION_EVALUATION, enabled: true };
    const settings = resolveEvaluation(check, path, raw, base);
    checkTiers(check, path, raw, settings, metric);
    return settings;
}

/** The fields rate and reputation alarms share: tiers and M-of-N evaluation. */
function resolveEvaluation(
    check: Checker,
    path: string,
    raw: Record<string, unknown>,
    base: ReputationAlarmSettingsResolved,
): ReputationAlarmSettingsResolved {
    const percent = { min: 0, minExclusive: true, max: 100 };
    return {
        enabled: check.boolean(`${path}.enabled`, raw.enabled, base.enabled),
        warningPercent: check.number(`${path}.warningPercent`, raw.warningPercent, base.warningPercent, percent),
        criticalPercent: check.number(`${path}.criticalPercent`, raw.criticalPercent, base.criticalPercent, percent),
        ...resolveWindow(check, path, raw, base),
    };
}

/** Period and M of N with CloudWatch's rules: the main alarms' and the fast window's alike. */
function resolveWindow(
    check: Checker,
    path: string,
    raw: Record<string, unknown>,
    base: EvaluationWindow,
): EvaluationWindow {
    const periodSeconds = check.number(`${path}.periodSeconds`, raw.periodSeconds, base.periodSeconds, { integer: true, min: 60 });
    if (periodSeconds % 60 !== 0) check.fail(`${path}.periodSeconds`, periodSeconds, "is not a multiple of 60");
    const evaluationPeriods = check.number(`${path}.evaluationPeriods`, raw.evaluationPeriods, base.evaluationPeriods, { integer: true, min: 1 });
    const datapointsToAlarm = check.number(`${path}.datapointsToAlarm`, raw.datapointsToAlarm, raw.evaluationPeriods !== undefined && raw.datapointsToAlarm === undefined ? evaluationPeriods : base.datapointsToAlarm, { integer: true, min: 1 });
    // Inherited values were checked where they were set: report a rule only where this level sets a field.
    const setsEvaluation = ["periodSeconds", "evaluationPeriods", "datapointsToAlarm"].some((f) => raw[f] !== undefined);
    if (setsEvaluation && datapointsToAlarm > evaluationPeriods) {
        check.fail(`${path}.datapointsToAlarm`, datapointsToAlarm, `is more than evaluationPeriods (${evaluationPeriods})`);
    }
    const window = periodSeconds * evaluationPeriods;
    const maxWindow = periodSeconds < 3600 ? LIMITS.maxEvaluationSecondsShortPeriod : LIMITS.maxEvaluationSecondsLongPeriod;
    if (setsEvaluation && window > maxWindow) {
        check.fail(`${path}.evaluationPeriods`, evaluationPeriods,
            `x periodSeconds ${periodSeconds} = ${window} s exceeds the ${maxWindow} s CloudWatch allows for ${periodSeconds < 3600 ? "periods under an hour" : "periods of an hour or more"}`);
    }
    return { periodSeconds, evaluationPeriods, datapointsToAlarm };
}

/** Warning below critical, critical below AWS's review level. Reports against the field the user set. */
function checkTiers(
    check: Checker,
    path: string,
    raw: Record<string, unknown>,
    settings: ReputationAlarmSettingsResolved,
    metric: RateMetric,
): void {
    if (raw.warningPercent === undefined && raw.criticalPercent === undefined) return; // inherited: checked where set
    if (settings.warningPercent >= settings.criticalPercent) {
        const field = raw.warningPercent !== undefined ? "warningPercent" : "criticalPercent";
        check.fail(`${path}.${field}`, settings[field], `leaves warningPercent (${settings.warningPercent}) not below criticalPercent (${settings.criticalPercent})`);
    }
    if (metric === "bounceRate" || metric === "complaintRate") {
        const review = AWS_ENFORCEMENT[metric].reviewPercent;
        for (const field of ["warningPercent", "criticalPercent"] as const) {
            if (settings[field] >= review) {
                check.fail(`${path}.${field}`, settings[field], `is not below AWS's review level of ${review} % for the ${metric === "bounceRate" ? "bounce" : "complaint"} rate (the alarm must fire before AWS acts)`);
            }
        }
    }
}

function resolveNotifications(check: Checker, value: unknown): NotificationSettings {
    const raw = check.object("notifications", value, ["emails", "httpsEndpoints", "warningTopicArn", "criticalTopicArn"]) ?? {};
    const emails = check.array("notifications.emails", raw.emails).filter((email, i): email is string =>
        check.string(`notifications.emails[${i}]`, email, EMAIL, "is not an email address") !== undefined);
    const httpsEndpoints = check.array("notifications.httpsEndpoints", raw.httpsEndpoints).filter((url, i): url is string => {
        const path = `notifications.httpsEndpoints[${i}]`;
        let ok = typeof url === "string";
        if (ok) {
            try {
                const parsed = new URL(url as string);
                ok = parsed.protocol === "https:" && parsed.hostname.length > 0;
            } catch {
                ok = false;
            }
        }
        if (!ok) check.fail(path, url, "is not an https:// URL");
        return ok;
    });
    const topicArn = (field: "warningTopicArn" | "criticalTopicArn") => check.topicArn(`notifications.${field}`, raw[field]) as pulumi.Input<string> | undefined;
    return {
        // A repeated endpoint would be a second subscription with the same name (and a second mail).
        emails: check.unique("notifications.emails", emails, (e) => e.toLowerCase()),
        httpsEndpoints: check.unique("notifications.httpsEndpoints", httpsEndpoints),
        warningTopicArn: topicArn("warningTopicArn"),
        criticalTopicArn: topicArn("criticalTopicArn"),
    };
}

function resolveTags(check: Checker, value: unknown): Record<string, string> {
    if (value === undefined || value === null) return {};
    const raw = check.object("tags", value, Object.keys((value as object) ?? {})) ?? {};
    const tags: Record<string, string> = {};
    for (const [key, tag] of Object.entries(raw)) {
        if (key.length < 1 || key.length > 128 || key.startsWith("aws:")) {
            check.fail(`tags.${key}`, key, "is not a tag key (1-128 characters, not starting with aws:)");
        } else if (typeof tag !== "string" || tag.length > 256) {
            check.fail(`tags.${key}`, tag, "is not a tag value (a string of at most 256 characters)");
        } else {
            tags[key] = tag;
        }
    }
    return tags;
}
