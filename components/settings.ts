/**
 * Turns `SesMonitoringArgs` into fully resolved settings: defaults applied, every field checked.
 * The composition of the parts' settings: each part resolves its own fields; this module knows
 * which field belongs to which part and checks what spans parts (the events a set publishes
 * against the alarms that read them). Pure: the component, the specs and the offline tools all
 * start here, so an invalid input fails once, with every problem named, before anything is registered.
 */
import {
    AccountReputationSettings,
    DEFAULT_RATE_ALARMS,
    eventsReadByAlarms,
    RateAlarmSettingsResolved,
    resolveAccountReputation,
    resolveAlarmSettings,
} from "./alarms/settings";
import { AutoPauseSettings, PauseCover, resolveAutoPause } from "./autoPause/settings";
import { mayPause, PauseWindow } from "./autoPause/specs";
import { CanarySettings, resolveCanary } from "./canary/settings";
import { CANARY_ROLE_TAG, canaryConfigurationSetName } from "./canary/specs";
import { ConfigurationSetOptions, resolveConfigurationSetOptions } from "./configurationSets/settings";
import { cloudWatchDestinations } from "./configurationSets/specs";
import { DashboardSettings, resolveDashboard } from "./dashboard/settings";
import { DeliverabilityManagerSettings, resolveDeliverabilityManager } from "./deliverabilityManager/settings";
import { checkEventArchiveSets, EventArchiveSettings, resolveEventArchive } from "./eventArchive/settings";
import {
    EventBridgeDestinationSettings,
    resolveEventBridgeDestination,
    resolveSnsDestination,
    SnsDestinationSettings,
} from "./eventDestinations/settings";
import { IdentityFeedbackSettings, resolveIdentities } from "./feedbackNotifications/settings";
import { NotificationSettings, resolveNotifications } from "./notifications/settings";
import { resolveSendingAtRisk, SendingAtRiskSettings } from "./sendingAtRisk/settings";
import { resolveSendingQuota, SendingQuotaSettings } from "./sendingQuota/settings";
import { RATE_METRICS, RateMetric } from "./shared/catalog";
import { Checker, SesMonitoringArgsError } from "./shared/checker";
import { checkEventDestinationQuota, EVENT_DESTINATION_NAMES } from "./shared/eventDestinations";
import { defaultNamePrefix, lowerCasePrefix, S3_RESERVED_BUCKET_PREFIXES } from "./shared/physicalNames";
import { resolveExpectedSendInterval, resolveVolume, VolumeSettings } from "./volume/settings";

/** Everything known of one configuration set: its own options, its alarms and its extra destinations. */
export interface ConfigurationSetSettings extends ConfigurationSetOptions {
    alarms: Record<RateMetric, RateAlarmSettingsResolved>;
    snsDestination: SnsDestinationSettings;
    eventBridgeDestination: EventBridgeDestinationSettings;
    autoPause: AutoPauseSettings;
    /** Minutes the set may go without a Send before its missing-traffic alarm; undefined: no alarm. */
    expectedSendIntervalMinutes?: number;
}

export interface MonitoringSettings {
    namePrefix: string;
    /** Sorted by name, so nothing downstream depends on the order of the args. */
    configurationSets: ConfigurationSetSettings[];
    /** Stack-level alarm settings (defaults merged with `args.alarms`). */
    alarms: Record<RateMetric, RateAlarmSettingsResolved>;
    accountReputation: AccountReputationSettings;
    notifications: NotificationSettings;
    tags: Record<string, string>;
    dashboard: DashboardSettings;
    sendingAtRisk: SendingAtRiskSettings;
    sendingQuota: SendingQuotaSettings;
    eventArchive: EventArchiveSettings;
    /** Sorted by identity. */
    identities: IdentityFeedbackSettings[];
    volume: VolumeSettings;
    deliverabilityManager: DeliverabilityManagerSettings;
    canary: CanarySettings;
}

export interface ResolveContext {
    /** Pulumi project and stack, for the default name prefix. */
    project: string;
    stack: string;
    /**
     * The stack's region when it is known before deploying (the `aws:region` config): given topic
     * ARNs must be in it. Without it they are checked once the region is known, while deploying.
     */
    region?: string;
}

const NAME_PREFIX = /^[A-Za-z0-9_-]{1,100}$/;

/** The top-level fields of `SesMonitoringArgs`. */
export const ARGS_FIELDS = ["configurationSets", "alarms", "accountReputation", "notifications", "namePrefix", "tags", "dashboard", "sendingAtRisk", "sendingQuota", "eventArchive", "identities", "volume", "deliverabilityManager", "canary"] as const;

/** The fields of `ConfigurationSetArgs`: the set's own options, then what other parts add per set. */
const CONFIGURATION_SET_FIELDS = [
    "manage", "retainOnDelete", "eventTypes", "tlsRequired", "suppressBouncesAndComplaints", "reputationMetrics", "dimensions", "alarms", "snsDestination", "eventBridgeDestination", "autoPause", "expectedSendIntervalMinutes",
];

/**
 * Applies defaults and checks every field. Throws one `SesMonitoringArgsError` that lists each
 * problem as `<field path>: <value> <rule>`.
 */
export function resolveSettings(args: unknown, context: ResolveContext): MonitoringSettings {
    const check = new Checker({ region: context.region });
    const root = check.object("args", args, [...ARGS_FIELDS]);
    if (args === undefined || args === null) check.fail("args", args, "is required");
    const top = root ?? {};

    const namePrefix = top.namePrefix === undefined
        ? defaultNamePrefix(context.project, context.stack)
        : check.string("namePrefix", top.namePrefix, NAME_PREFIX, "is not 1-100 of [A-Za-z0-9_-]") ?? "invalid";

    const stackAlarms = resolveAlarmSettings(check, "alarms", top.alarms, DEFAULT_RATE_ALARMS);

    const sets: ConfigurationSetSettings[] = [];
    if (top.configurationSets === undefined || top.configurationSets === null) {
        check.fail("configurationSets", top.configurationSets, "is required (a map keyed by configuration set name)");
    } else {
        const entries = Object.entries(check.record("configurationSets", top.configurationSets, "is not a map keyed by configuration set name") ?? {});
        for (const [name, value] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
            sets.push(resolveConfigurationSet(check, name, value, stackAlarms));
        }
    }

    const accountReputation = resolveAccountReputation(check, "accountReputation", top.accountReputation, stackAlarms);
    const notifications = resolveNotifications(check, top.notifications);
    const dashboard = resolveDashboard(check, "dashboard", top.dashboard);
    const sendingAtRisk = resolveSendingAtRisk(check, "sendingAtRisk", top.sendingAtRisk);
    const sendingQuota = resolveSendingQuota(check, "sendingQuota", top.sendingQuota);
    const eventArchive = resolveEventArchive(check, "eventArchive", top.eventArchive);
    if (eventArchive.enabled) checkBucketPrefix(check, top.namePrefix === undefined ? undefined : "namePrefix", namePrefix);
    checkEventArchiveSets(check, "eventArchive", eventArchive, sets.map((s) => s.name));
    for (const set of sets) {
        checkEventDestinationQuota(check, `configurationSets.${set.name}`, eventDestinationNames(set, eventArchive.enabled));
    }
    const identities = resolveIdentities(check, "identities", top.identities);
    const volume = resolveVolume(check, "volume", top.volume, sets.map((s) => s.name));
    const deliverabilityManager = resolveDeliverabilityManager(check, "deliverabilityManager", top.deliverabilityManager);
    const canary = resolveCanary(check, "canary", top.canary);
    // The canary's set carries the component's own role tag beside the user's.
    const tags = resolveTags(check, top.tags, { [CANARY_ROLE_TAG.key]: CANARY_ROLE_TAG.value });
    if (canary.enabled && sets.length === 0) {
        check.fail("canary", top.canary, "proves that the stack's configuration sets are monitored, and configurationSets has none: add the sets it watches over, or remove canary");
    }
    if (canary.enabled) {
        // The canary's set must stay its own: a monitored set of that name would take its bounces.
        const canarySet = canaryConfigurationSetName(namePrefix);
        if (sets.some((s) => s.name === canarySet)) {
            check.fail(`configurationSets.${canarySet}`, canarySet, `is the name of the canary's own configuration set (<namePrefix>-canary-<hash>): rename the set, or set another namePrefix`);
        }
    }

    if (check.issues.length > 0) throw new SesMonitoringArgsError(check.issues);
    return { namePrefix, configurationSets: sets, alarms: stackAlarms, accountReputation, notifications, tags, dashboard, sendingAtRisk, sendingQuota, eventArchive, identities, volume, deliverabilityManager, canary };
}

function resolveConfigurationSet(
    check: Checker,
    name: string,
    value: unknown,
    stackAlarms: Record<RateMetric, RateAlarmSettingsResolved>,
): ConfigurationSetSettings {
    const path = `configurationSets.${name}`;
    const set = check.object(path, value, CONFIGURATION_SET_FIELDS) ?? {};
    const options = resolveConfigurationSetOptions(check, path, name, set);
    const alarms = resolveAlarmSettings(check, `${path}.alarms`, set.alarms, stackAlarms);
    if (Array.isArray(set.eventTypes)) {
        for (const [event, metrics] of eventsReadByAlarms(alarms)) {
            if (!options.eventTypes.includes(event)) {
                check.fail(`${path}.eventTypes`, set.eventTypes, `lacks ${event}, which ${metrics.join(", ")} read${metrics.length === 1 ? "s" : ""} (add it, or disable the alarm)`);
            }
        }
    }
    return {
        ...options,
        alarms,
        snsDestination: resolveSnsDestination(check, `${path}.snsDestination`, set.snsDestination),
        eventBridgeDestination: resolveEventBridgeDestination(check, `${path}.eventBridgeDestination`, set.eventBridgeDestination),
        autoPause: resolveAutoPause(check, `${path}.autoPause`, set.autoPause, pauseCover(alarms)),
        expectedSendIntervalMinutes: resolveExpectedSendInterval(check, `${path}.expectedSendIntervalMinutes`, set.expectedSendIntervalMinutes),
    };
}

/**
 * Per rate, whether the set will have a critical alarm auto-pause may follow: the event-rate
 * windows `alarmSpecs` builds for it (the main tier, the fast window when on), judged by the one
 * rule, `mayPause`. The set's reputation alarms are not listed: `mayPause` never lets them pause.
 */
function pauseCover(alarms: Record<RateMetric, RateAlarmSettingsResolved>): Record<string, PauseCover> {
    return Object.fromEntries(RATE_METRICS.map((m) => {
        const rate = alarms[m];
        if (!rate.enabled) return [m, "disabled"];
        const windows: PauseWindow[] = [{ window: "main", source: "events", periodSeconds: rate.periodSeconds }];
        if (rate.fastWindow.enabled) windows.push({ window: "fast", source: "events", periodSeconds: rate.fastWindow.periodSeconds });
        return [m, windows.some(mayPause) ? "pausing" : "none"];
    }));
}

/** The SES event destination names a configuration set gets, in the order they are created. */
export function eventDestinationNames(set: ConfigurationSetSettings, eventArchive: boolean): string[] {
    return [
        ...cloudWatchDestinations(set).map((d) => d.name),
        ...(eventArchive ? [EVENT_DESTINATION_NAMES.firehose] : []),
        ...(set.snsDestination.enabled ? [EVENT_DESTINATION_NAMES.sns] : []),
        ...(set.eventBridgeDestination.enabled ? [EVENT_DESTINATION_NAMES.eventBridge] : []),
    ];
}

/**
 * The archive's bucket name starts with the prefix (lower-cased): refuse a prefix that makes it
 * start the way S3 reserves. `path` is undefined when the prefix is the default `<project>-<stack>`.
 */
function checkBucketPrefix(check: Checker, path: string | undefined, namePrefix: string): void {
    const lower = lowerCasePrefix(namePrefix);
    const reserved = S3_RESERVED_BUCKET_PREFIXES.find((p) => lower.startsWith(p));
    if (reserved === undefined) return;
    check.fail(path ?? "namePrefix", namePrefix, `starts the event archive's bucket name (${lower}-ses-events-...) with ${reserved}, which S3 reserves (S3 User Guide, bucket naming rules)${path === undefined ? "; the default prefix is <project>-<stack>: set namePrefix" : ""}`);
}

/**
 * The tags every resource gets, checked against the strictest of the services they reach: at most
 * 50 tags per resource (CloudWatch, CloudWatch Logs, IAM, Lambda, SNS, S3, SESv2, Firehose, Glue,
 * Athena), keys of 1-128 and values of 0-256 characters, both of the characters the CloudWatch Logs
 * and IAM API models allow (`TagKey` / `TagValue`: `[\p{L}\p{Z}\p{N}_.:/=+\-@]`), keys not
 * starting with `aws:` (reserved by every service). `reserved` are tags the component adds to some
 * resource itself: their keys are refused, and they count toward the 50.
 */
function resolveTags(check: Checker, value: unknown, reserved: Record<string, string>): Record<string, string> {
    if (value === undefined || value === null) return {};
    const raw = check.record("tags", value, "is not an object") ?? {};
    const tags: Record<string, string> = {};
    for (const [key, tag] of Object.entries(raw)) {
        if (key.length < 1 || key.length > TAG_LIMITS.keyLength || key.toLowerCase().startsWith("aws:") || !TAG_LIMITS.characters.test(key)) {
            check.fail(`tags.${key}`, key, `is not a tag key (1-${TAG_LIMITS.keyLength} of letters, digits, spaces and _ . : / = + - @, not starting with aws:; the CloudWatch Logs and IAM rule)`);
        } else if (key in reserved) {
            check.fail(`tags.${key}`, key, `is a tag key the component sets itself (${key}: ${reserved[key]})`);
        } else if (typeof tag !== "string" || tag.length > TAG_LIMITS.valueLength || (tag !== "" && !TAG_LIMITS.characters.test(tag))) {
            check.fail(`tags.${key}`, tag, `is not a tag value (a string of 0-${TAG_LIMITS.valueLength} letters, digits, spaces and _ . : / = + - @; the CloudWatch Logs and IAM rule)`);
        } else {
            tags[key] = tag;
        }
    }
    const count = Object.keys(raw).length;
    const room = TAG_LIMITS.perResource - Object.keys(reserved).length;
    if (count > room) {
        check.fail("tags", `${count} tags`, `are more than the ${room} a resource can take besides the component's own (${TAG_LIMITS.perResource} per resource in CloudWatch Logs, IAM and the other services tagged${Object.keys(reserved).length > 0 ? `, less ${Object.keys(reserved).join(", ")}` : ""})`);
    }
    return tags;
}

/** Tag limits shared by every service the stack tags (CloudWatch Logs and IAM API references: TagKey, TagValue, TagList). */
export const TAG_LIMITS = {
    perResource: 50,
    keyLength: 128,
    valueLength: 256,
    characters: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u,
} as const;
