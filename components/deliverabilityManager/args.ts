/** Public args of Virtual Deliverability Manager, in the style of `components/args.ts`. */

/**
 * SES Virtual Deliverability Manager for the account in this region (off unless given; `{}` turns
 * it on with both options). Account-level: one stack per account and region should own it. VDM is
 * billed by AWS apart from CloudWatch: see docs/protection.md for the price.
 */
export interface DeliverabilityManagerArgs {
    /**
     * Enable VDM (default true once `deliverabilityManager` is given); false disables it.
     * @default true
     */
    enabled?: boolean | undefined;
    /**
     * Engagement tracking: VDM's dashboard collects opens and clicks (default true).
     * @default true
     */
    engagementMetrics?: boolean | undefined;
    /**
     * Optimized shared delivery: SES picks shared IPs per mailbox provider from VDM's data (default true).
     * @default true
     */
    optimizedSharedDelivery?: boolean | undefined;
}
