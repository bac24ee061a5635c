/** Defaults and checks of feedback notifications (pure). */
import type * as pulumi from "@pulumi/pulumi";
import { Checker, EMAIL } from "../shared/checker";

/** SES notification types, as `aws.ses.IdentityNotificationTopic.notificationType` spells them. */
export const FEEDBACK_TYPES = ["Bounce", "Complaint", "Delivery"] as const;

export type FeedbackType = (typeof FEEDBACK_TYPES)[number];

export interface IdentityFeedbackSettings {
    identity: string;
    /** The notification types published, in FEEDBACK_TYPES order. */
    types: FeedbackType[];
    topicArn?: pulumi.Input<string>;
    includeOriginalHeaders: boolean;
    disableEmailForwarding: boolean;
}

/** A DNS name of at least two labels, each 1-63 of `[a-z0-9-]` not starting or ending with `-`. */
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A key of `identities`: a domain or an email address (whose domain is itself a domain). */
export function isIdentity(key: string): boolean {
    if (DOMAIN.test(key)) return true;
    return EMAIL.test(key) && key.length <= 320 && DOMAIN.test(key.slice(key.lastIndexOf("@") + 1));
}

/** An identity as SES compares it: the domain (of a domain identity, or after an address's @) in lower case. */
function identityKey(identity: string): string {
    const at = identity.lastIndexOf("@");
    return at < 0 ? identity.toLowerCase() : identity.slice(0, at + 1) + identity.slice(at + 1).toLowerCase();
}

/** `identities` of the args, sorted by identity; `path` is `identities`. */
export function resolveIdentities(check: Checker, path: string, value: unknown): IdentityFeedbackSettings[] {
    const identities = check.record(path, value, "is not a map keyed by identity (domain or email address)");
    if (identities === undefined) return [];
    const result: IdentityFeedbackSettings[] = [];
    const entries = Object.entries(identities).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const seen = new Map<string, string>();
    for (const [identity, raw] of entries) {
        const ipath = `${path}.${identity}`;
        if (!isIdentity(identity)) {
            check.fail(ipath, identity, "is not an SES identity (a domain such as example.com or an email address)");
        }
        // Domain names are case-insensitive (RFC 4343): SES has one identity for both spellings,
        // and two entries would both set its notification topics.
        const same = seen.get(identityKey(identity));
        if (same !== undefined) {
            check.fail(ipath, identity, `is the identity ${same} again (domains are compared without case): keep one entry`);
            continue;
        }
        seen.set(identityKey(identity), identity);
        const item = check.object(ipath, raw, ["bounce", "complaint", "delivery", "topicArn", "includeOriginalHeaders", "disableEmailForwarding"]) ?? {};
        const on: Record<FeedbackType, boolean> = {
            Bounce: check.boolean(`${ipath}.bounce`, item.bounce, true),
            Complaint: check.boolean(`${ipath}.complaint`, item.complaint, true),
            Delivery: check.boolean(`${ipath}.delivery`, item.delivery, false),
        };
        const types = FEEDBACK_TYPES.filter((t) => on[t]);
        if (types.length === 0) {
            check.fail(ipath, raw, "turns off bounce, complaint and delivery: publishes nothing (remove the identity instead)");
        }
        const disableEmailForwarding = check.boolean(`${ipath}.disableEmailForwarding`, item.disableEmailForwarding, false);
        if (disableEmailForwarding && !(on.Bounce && on.Complaint)) {
            const missing = [on.Bounce ? undefined : "bounce", on.Complaint ? undefined : "complaint"].filter((x) => x).join(" and ");
            check.fail(`${ipath}.disableEmailForwarding`, true,
                `needs bounce and complaint notifications on (${missing} off): with forwarding off they would go unreported`);
        }
        const topicArn = check.topicArn(`${ipath}.topicArn`, item.topicArn) as pulumi.Input<string> | undefined;
        result.push({
            identity,
            types,
            topicArn,
            includeOriginalHeaders: check.boolean(`${ipath}.includeOriginalHeaders`, item.includeOriginalHeaders, false),
            disableEmailForwarding,
        });
    }
    return result;
}

