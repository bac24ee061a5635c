/** Defaults and checks of the event archive (pure). */
import { ALL_EVENT_TYPES, EventType } from "../shared/catalog";
import { Checker } from "../shared/checker";
import { ArchiveStorageClass } from "./args";
import { resolveEventTypes } from "../shared/eventDestinations";

export interface EventArchiveSettings {
    enabled: boolean;
    eventTypes: EventType[];
    retentionDays: number;
    transitionDays: number;
    /** `NONE` for no transition. */
    transitionStorageClass: string;
    retainOnDelete: boolean;
    bufferSeconds: number;
    bufferMegabytes: number;
    campaignTag: string;
}

export const DEFAULT_EVENT_ARCHIVE: EventArchiveSettings = {
    enabled: false,
    eventTypes: [...ALL_EVENT_TYPES],
    // A year: enough to compare a campaign with last year's and to answer a complaint months later.
    retentionDays: 365,
    // S3's minimum for STANDARD_IA; events are read mostly in their first weeks.
    transitionDays: 30,
    transitionStorageClass: "STANDARD_IA",
    retainOnDelete: true,
    // Firehose's own default interval (300 s); the size is raised from its default 5 MiB so that
    // busy stacks write fewer, larger objects, which Athena reads faster.
    bufferSeconds: 300,
    bufferMegabytes: 64,
    campaignTag: "campaign",
};

/** Firehose buffering hints limits (Firehose API, `BufferingHints`). */
export const FIREHOSE_BUFFER_LIMITS = { seconds: { min: 0, max: 900 }, megabytes: { min: 1, max: 128 } };

/**
 * Storage classes Athena reads directly. The minimum transition age is S3's: objects must stay 30
 * days in STANDARD before moving to an infrequent-access class (S3 User Guide, lifecycle transitions).
 */
export const ARCHIVE_STORAGE_CLASSES: Record<string, { minimumDays: number }> = {
    STANDARD_IA: { minimumDays: 30 },
    ONEZONE_IA: { minimumDays: 30 },
    INTELLIGENT_TIERING: { minimumDays: 0 },
    GLACIER_IR: { minimumDays: 0 },
};

export const NO_TRANSITION = ArchiveStorageClass.NONE;

/** A message tag name as SES accepts it (`[A-Za-z0-9_-]`, 1-255), or an `ses:` auto-tag. */
const TAG_NAME = /^(ses:)?[A-Za-z0-9_-]{1,255}$/;

/** `eventArchive` of the args; `path` is `eventArchive`. */
export function resolveEventArchive(check: Checker, path: string, value: unknown): EventArchiveSettings {
    const fields = [
        "enabled", "eventTypes", "retentionDays", "transitionDays", "transitionStorageClass", "retainOnDelete",
        "bufferSeconds", "bufferMegabytes", "campaignTag",
    ];
    const raw = check.object(path, value, fields);
    if (!raw) return { ...DEFAULT_EVENT_ARCHIVE, eventTypes: [...DEFAULT_EVENT_ARCHIVE.eventTypes] };
    check.unusedWhileDisabled(path, raw, raw.enabled !== false, fields);
    const d = DEFAULT_EVENT_ARCHIVE;
    const retentionDays = check.number(`${path}.retentionDays`, raw.retentionDays, d.retentionDays, { integer: true, min: 2, max: 36_500 });

    let transitionStorageClass = d.transitionStorageClass;
    if (raw.transitionStorageClass !== undefined && raw.transitionStorageClass !== null) {
        const known = [...Object.keys(ARCHIVE_STORAGE_CLASSES), NO_TRANSITION];
        if (raw.transitionStorageClass === "GLACIER" || raw.transitionStorageClass === "DEEP_ARCHIVE") {
            check.fail(`${path}.transitionStorageClass`, raw.transitionStorageClass,
                `cannot be queried by Athena without restoring each object first (use one of ${known.join(", ")})`);
        } else if (typeof raw.transitionStorageClass !== "string" || !known.includes(raw.transitionStorageClass)) {
            check.fail(`${path}.transitionStorageClass`, raw.transitionStorageClass, `is not one of ${known.join(", ")}`);
        } else {
            transitionStorageClass = raw.transitionStorageClass;
        }
    }
    const transitionDays = check.number(`${path}.transitionDays`, raw.transitionDays, d.transitionDays, { integer: true, min: 0 });
    if (transitionStorageClass !== NO_TRANSITION) {
        const minimum = ARCHIVE_STORAGE_CLASSES[transitionStorageClass].minimumDays;
        if (transitionDays < minimum) {
            check.fail(`${path}.transitionDays`, transitionDays, `is below the ${minimum} days S3 requires before a transition to ${transitionStorageClass}`);
        } else if (transitionDays >= retentionDays) {
            check.fail(`${path}.transitionDays`, transitionDays, `is not below retentionDays (${retentionDays}): events would expire before they move`);
        }
    }

    const campaignTag = raw.campaignTag === undefined || raw.campaignTag === null
        ? d.campaignTag
        : check.string(`${path}.campaignTag`, raw.campaignTag, TAG_NAME, "is not a message tag name (1-255 of [A-Za-z0-9_-], optionally after ses:)") ?? d.campaignTag;

    return {
        enabled: check.boolean(`${path}.enabled`, raw.enabled, true),
        eventTypes: resolveEventTypes(check, `${path}.eventTypes`, raw.eventTypes, ALL_EVENT_TYPES),
        retentionDays,
        transitionDays,
        transitionStorageClass,
        retainOnDelete: check.boolean(`${path}.retainOnDelete`, raw.retainOnDelete, d.retainOnDelete),
        bufferSeconds: check.number(`${path}.bufferSeconds`, raw.bufferSeconds, d.bufferSeconds, { integer: true, ...FIREHOSE_BUFFER_LIMITS.seconds }),
        bufferMegabytes: check.number(`${path}.bufferMegabytes`, raw.bufferMegabytes, d.bufferMegabytes, { integer: true, ...FIREHOSE_BUFFER_LIMITS.megabytes }),
        campaignTag,
    };
}

/**
 * Cross-field rule the caller checks once the sets are known: an enabled archive needs at least one
 * configuration set to publish to it (the SES role trusts exactly the stack's sets).
 */
export function checkEventArchiveSets(check: Checker, path: string, settings: EventArchiveSettings, configurationSetNames: string[]): void {
    if (settings.enabled && configurationSetNames.length === 0) {
        check.fail(path, "enabled", "has no configuration set to publish to it (add one to configurationSets, or disable the archive)");
    }
}

