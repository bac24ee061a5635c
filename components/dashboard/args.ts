/* The public args of the stack's dashboard. */

/** The stack's CloudWatch dashboard. */
export interface DashboardArgs {
    /**
     * Create the dashboard (default true).
     * @default true
     */
    enabled?: boolean | undefined;
    /**
     * Dashboard name: 1-255 of `[A-Za-z0-9_-]`. Dashboards are global per account (not per region),
     * so the default, `<namePrefix>-<region>-ses`, carries the region.
     * @default `<namePrefix>-<region>-ses`
     */
    name?: string | undefined;
}
