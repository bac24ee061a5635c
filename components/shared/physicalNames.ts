/**
 * Physical names that must fit an AWS service's length and character rules. Pure.
 *
 * `namePrefix` may be up to 100 characters and mixed case, while a Firehose stream or an IAM role
 * takes 64 and an S3 bucket 63 lowercase. Cutting the prefix alone could make two long prefixes
 * that share their start collide, so a cut name carries a short hash of the whole name instead.
 */
import { createHash } from "crypto";

/** Characters of the hash appended when a name is cut: 8 hex digits, 4 billion values. */
const HASH_LENGTH = 8;

/**
 * `<prefix><suffix>` when it fits in `max`, else the prefix cut and followed by `-<hash>` of the
 * whole name, so the suffix (what the thing is) always stays readable.
 */
export function fitName(prefix: string, suffix: string, max: number): string {
    const whole = `${prefix}${suffix}`;
    if (whole.length <= max) return whole;
    const hash = createHash("sha256").update(whole).digest("hex").slice(0, HASH_LENGTH);
    const room = max - suffix.length - HASH_LENGTH - 1;
    if (room < 1) throw new Error(`fitName: suffix ${JSON.stringify(suffix)} leaves no room in ${max} characters`);
    return `${prefix.slice(0, room).replace(/[-_.]+$/, "")}-${hash}${suffix}`;
}

/**
 * The prefix's share of names that S3 and Glue spell in lower case (the archive's bucket and Glue
 * database). Lowering or replacing characters would make distinct prefixes share them (`Mail` and
 * `mail`, `a_b` and `a-b`): a prefix already in the one form both take unchanged (lower case
 * letters and digits in dash-separated words) is used as it is, any other carries a hash of itself.
 */
export function lowerCasePrefix(namePrefix: string): string {
    if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(namePrefix)) return namePrefix;
    return `${bucketSafe(namePrefix)}-${createHash("sha256").update(namePrefix).digest("hex").slice(0, 6)}`;
}

/**
 * Prefixes S3 reserves at the start of a bucket name (S3 User Guide, "General purpose bucket naming
 * rules": `xn--`, `sthree-` and `sthree-configurator`, `amzn-s3-demo-`).
 */
export const S3_RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"] as const;

/** Lowercase, `[a-z0-9-]`, no leading, trailing or doubled dashes: what S3 bucket names allow. */
export function bucketSafe(name: string): string {
    return name.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "") || "ses";
}

/** Lowercase, `[a-z0-9_]`: what Glue database and table names allow and Athena needs unquoted. */
export function glueSafe(name: string): string {
    return name.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/_{2,}/g, "_").replace(/^_+|_+$/g, "") || "ses";
}

/** Cleans a name to `[A-Za-z0-9_-]` (Pulumi project and stack names may hold `.`). */
export function cleanName(name: string): string {
    return name.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
}

/** Hex digits of the hash that tells apart names whose readable parts can coincide: 16.7 million values. */
const SHORT_HASH_LENGTH = 6;

/** The first hex digits of SHA-256 of `text`: stable across runs, machines and versions. */
export function shortHash(text: string): string {
    return createHash("sha256").update(text).digest("hex").slice(0, SHORT_HASH_LENGTH);
}

/**
 * The default `namePrefix`: `<project>-<stack>`. Pulumi project and stack names may hold `.`, which
 * physical names of SNS and Lambda may not: a name that needs cleaning to `[A-Za-z0-9_-]` is cleaned,
 * cut to 90 characters and followed by `-` and a short hash of the name as it was, so that stacks
 * `prod.eu` and `prod-eu` of one project do not share a prefix (`prod-eu` stays as it is).
 */
export function defaultNamePrefix(project: string, stack: string): string {
    const whole = `${project}-${stack}`;
    if (/^[A-Za-z0-9_-]{1,100}$/.test(whole)) return whole;
    return `${cleanName(whole).slice(0, 90).replace(/[-_]+$/, "") || "ses"}-${shortHash(whole)}`;
}

/**
 * The part of a physical name that stands for one configuration set of one stack, for the services
 * whose names cannot hold `.` (SNS topics, Lambda functions and what is named after them):
 * `<namePrefix>-<set>-<hash of "<namePrefix>.<set>">`. Prefixes and set names both hold `-`, so
 * `<namePrefix>-<set>` alone would read the same for prefix `shop` with set `eu-main` and prefix
 * `shop-eu` with set `main`; the hash tells them apart. Alarm names use `.` instead (alarmName).
 */
export function setScopedName(namePrefix: string, configurationSet: string): string {
    return `${namePrefix}-${configurationSet}-${shortHash(`${namePrefix}.${configurationSet}`)}`;
}

/** SNS topic display names: at most 100 characters (SNS `CreateTopic`, `DisplayName` attribute). */
export const TOPIC_DISPLAY_NAME_MAX = 100;

/**
 * A topic's display name, `<subject> (<namePrefix>)`: what email subscribers see as the sender.
 * When it would pass SNS's 100 characters the prefix is cut and marked with `...`: the topic's own
 * name carries the whole prefix, the display name only has to be readable.
 */
export function topicDisplayName(subject: string, namePrefix: string): string {
    const whole = `${subject} (${namePrefix})`;
    if (whole.length <= TOPIC_DISPLAY_NAME_MAX) return whole;
    const room = TOPIC_DISPLAY_NAME_MAX - subject.length - " (...)".length;
    if (room < 1) return `${subject.slice(0, TOPIC_DISPLAY_NAME_MAX - 3)}...`;
    return `${subject} (${namePrefix.slice(0, room)}...)`;
}
