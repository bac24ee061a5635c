/** Defaults and checks of the alarm notifications (pure). */
import type * as pulumi from "@pulumi/pulumi";
import { Checker, checkEmail } from "../shared/checker";

export interface NotificationSettings {
    emails: string[];
    httpsEndpoints: string[];
    warningTopicArn?: pulumi.Input<string>;
    criticalTopicArn?: pulumi.Input<string>;
}

export function resolveNotifications(check: Checker, value: unknown): NotificationSettings {
    const raw = check.object("notifications", value, ["emails", "httpsEndpoints", "warningTopicArn", "criticalTopicArn"]) ?? {};
    const emails = check.array("notifications.emails", raw.emails).filter((email, i): email is string =>
        checkEmail(check, `notifications.emails[${i}]`, email, "is not an email address") !== undefined);
    const httpsEndpoints = check.array("notifications.httpsEndpoints", raw.httpsEndpoints).flatMap((url, i) => {
        const normal = normalHttpsUrl(url);
        if (normal === undefined) {
            check.fail(`notifications.httpsEndpoints[${i}]`, url, "is not an https:// URL");
            return [];
        }
        const unreachable = endpointProblem(normal);
        if (unreachable !== undefined) {
            check.fail(`notifications.httpsEndpoints[${i}]`, url, unreachable);
            return [];
        }
        return [{ url: url as string, normal }];
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

/**
 * Why SNS cannot, or must not, deliver to an endpoint, or undefined. SNS posts from the internet:
 * a private, loopback, link-local or otherwise non-public address is never reached (and names an
 * internal service); credentials in the URL (`user:pass@`) would stand in plain text in the config,
 * the state and the subscription. `url` is normalised (`normalHttpsUrl`).
 */
export function endpointProblem(url: string): string | undefined {
    const parsed = new URL(url);
    if (parsed.username !== "" || parsed.password !== "") {
        return "carries credentials (user:pass@): they would stand in plain text in the stack's config and state and in the subscription, which anyone who may list subscriptions reads; give the endpoint without them and authenticate another way";
    }
    const host = parsed.hostname;
    const reason = nonPublicHost(host);
    return reason === undefined ? undefined : `is on ${reason}, which SNS, posting from the internet, cannot reach: give a public endpoint`;
}

/** What kind of non-public address `host` (a WHATWG-normalised hostname) is, or undefined. */
function nonPublicHost(host: string): string | undefined {
    if (host === "localhost" || host.endsWith(".localhost")) return "a loopback name (localhost)";
    if (host.startsWith("[")) return nonPublicIpv6(host.slice(1, -1));
    // WHATWG URL parsing turns every IPv4 spelling (0x7f.1, 2130706433) into dotted decimal.
    const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
    return v4 ? nonPublicIpv4(v4.slice(1).map(Number)) : undefined;
}

/** Special-purpose IPv4 ranges (RFC 6890 and the IANA IPv4 special-purpose registry). */
function nonPublicIpv4([a, b]: number[]): string | undefined {
    if (a === 127) return "a loopback address (127.0.0.0/8)";
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "a private address (RFC 1918)";
    if (a === 169 && b === 254) return "a link-local address (169.254.0.0/16, where the instance metadata service answers)";
    if (a === 100 && b >= 64 && b <= 127) return "a shared address (100.64.0.0/10, carrier-grade NAT)";
    if (a === 0) return "an unspecified address (0.0.0.0/8)";
    if (a >= 224) return "a multicast or reserved address (224.0.0.0/3)";
    return undefined;
}

function nonPublicIpv6(address: string): string | undefined {
    if (address === "::1") return "a loopback address (::1)";
    if (address === "::") return "an unspecified address (::)";
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
    if (mapped) {
        const high = parseInt(mapped[1], 16);
        return nonPublicIpv4([high >> 8, high & 255]);
    }
    const first = parseInt(address.split(":")[0] || "0", 16);
    if ((first & 0xfe00) === 0xfc00) return "a unique local address (fc00::/7)";
    if ((first & 0xffc0) === 0xfe80) return "a link-local address (fe80::/10)";
    return undefined;
}
