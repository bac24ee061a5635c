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
