/** Defaults and checks of the alarm notifications (pure). */
import type * as pulumi from "@pulumi/pulumi";
import { Checker, EMAIL } from "../shared/checker";

export interface NotificationSettings {
    emails: string[];
    httpsEndpoints: string[];
    warningTopicArn?: pulumi.Input<string>;
    criticalTopicArn?: pulumi.Input<string>;
}

export function resolveNotifications(check: Checker, value: unknown): NotificationSettings {
    const raw = check.object("notifications", value, ["emails", "httpsEndpoints", "warningTopicArn", "criticalTopicArn"]) ?? {};
    const emails = check.array("notifications.emails", raw.emails).filter((email, i): email is string =>
        check.string(`notifications.emails[${i}]`, email, EMAIL, "is not an email address") !== undefined);
    const httpsEndpoints = check.array("notifications.httpsEndpoints", raw.httpsEndpoints).flatMap((url, i) => {
        const normal = normalHttpsUrl(url);
        if (normal === undefined) check.fail(`notifications.httpsEndpoints[${i}]`, url, "is not an https:// URL");
        return normal === undefined ? [] : [{ url: url as string, normal }];
    });
    const topicArn = (field: "warningTopicArn" | "criticalTopicArn") => check.topicArn(`notifications.${field}`, raw[field]) as pulumi.Input<string> | undefined;
    return {
        // A repeated endpoint would be a second subscription with the same name (and a second mail).
        emails: check.unique("notifications.emails", emails, (e) => e.toLowerCase()),
        // Compared as normalised, so one URL spelt several ways is refused rather than subscribed twice.
        httpsEndpoints: check.unique("notifications.httpsEndpoints", httpsEndpoints, (e) => e.normal, (e) => e.url).map((e) => e.normal),
        warningTopicArn: topicArn("warningTopicArn"),
        criticalTopicArn: topicArn("criticalTopicArn"),
    };
}

/**
 * The one spelling of an HTTPS endpoint SNS is subscribed with: scheme and host lower case, the
 * default port dropped, an empty path as `/` (WHATWG URL serialisation). Undefined when `url` is
 * not a string starting `https://` with a host: `https:hooks.example.com` parses, but is not what
 * was meant.
 */
export function normalHttpsUrl(url: unknown): string | undefined {
    if (typeof url !== "string" || !/^https:\/\/[^/\\]/i.test(url) || /\s/.test(url)) return undefined;
    try {
        const parsed = new URL(url);
        if (parsed.protocol !== "https:" || parsed.hostname === "") return undefined;
        return parsed.href;
    } catch {
        return undefined;
    }
}
